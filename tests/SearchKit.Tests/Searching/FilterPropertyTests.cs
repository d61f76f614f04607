using System.Globalization;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>For random filters (and a query or none), the hit count equals a brute-force count over the stored articles.</summary>
public sealed class FilterPropertyTests : IDisposable
{
    private const int Count = 90;
    private readonly SearchIndex _index = MetadataCorpus.Index(Count, commitEvery: 40);
    private readonly List<Article> _stored;

    public FilterPropertyTests()
    {
        // The oracle reads the articles back from the index, not the generator: what was stored is what is counted.
        _stored = [.. MetadataCorpus.All(Count).Select(a => _index.Get(a.Id)!)];
    }

    public void Dispose() => _index.Dispose();

    private static readonly Gen<string> DateText = Gen.OneOf(
        Gen.Int[2022, 2026].Select(y => y.ToString(CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Int[2023, 2025], Gen.Int[1, 12], (y, m) => $"{y}-{m:D2}"),
        Gen.Select(Gen.Int[2023, 2025], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => $"{y}-{m:D2}-{d:D2}"));

    private static readonly Gen<string> NumberText = Gen.Int[50, 650].Select(n => n.ToString(CultureInfo.InvariantCulture));

    private static readonly Gen<SearchFilter> Leaf = Gen.OneOf(
        Gen.OneOfConst(MetadataCorpus.Categories).Array[1, 2].Select(v => SearchFilter.AnyOf("category", v)),
        Gen.OneOfConst(MetadataCorpus.Tags).Array[1, 3].Select(v => SearchFilter.AnyOf("tags", v)),
        Gen.OneOfConst(MetadataCorpus.Tags).Array[1, 2].Select(v => SearchFilter.AllOf("tags", v)),
        Gen.OneOfConst(MetadataCorpus.Authors).Array[1, 2].Select(v => SearchFilter.AnyOf("author", v)),
        Gen.Select(NumberText.Null(), NumberText.Null(), Gen.Bool, Gen.Bool, (a, b, i, j) => a is null && b is null ? SearchFilter.Exists("wordcount") : SearchFilter.Range("wordcount", a, b, i, j)),
        Gen.Select(DateText.Null(), DateText.Null(), Gen.Bool, Gen.Bool, (a, b, i, j) => a is null && b is null ? SearchFilter.Exists("published") : SearchFilter.Range("published", a, b, i, j)),
        DateText.Select(d => SearchFilter.AnyOf("published", d)),
        Gen.OneOfConst("author", "published", "url", "tags").Select(SearchFilter.Exists));

    private static readonly Gen<SearchFilter> Filter = Gen.Frequency((3, Leaf), (1, Leaf.Select(SearchFilter.Not)));

    [Fact]
    public void RandomFilters_ShouldCountExactlyTheArticlesThatPassThem()
    {
        Gen.Select(Filter.Array[1, 3], Gen.OneOfConst("", "report", "harbour")).Sample((filters, query) =>
        {
            var results = _index.Search(query, new SearchOptions { Filters = filters, Top = 0 });
            long expected = _stored.Count(a => (query.Length == 0 || Words(a).Contains(query)) && filters.All(f => Passes(f, a)));
            Assert.True(expected == results.Total, $"query '{query}', filters {string.Join(" ; ", filters.Select(f => f.ToString()))}: expected {expected}, found {results.Total}");
        }, iter: 150);
    }

    internal static HashSet<string> Words(Article a) =>
        [.. a.Paragraphs.SelectMany(p => p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => w.Trim('.').ToLowerInvariant())];

    internal static IReadOnlyList<FieldValue> Values(Article a, string field) => field switch
    {
        "category" => a.Metadata.Category is { } c ? [FieldValue.Text(c)] : [],
        "tags" => [.. a.Metadata.Tags.Select(FieldValue.Text)],
        "published" => a.Metadata.Published is { } p ? [FieldValue.Date(p)] : [],
        "url" => a.Metadata.Url is { } u ? [FieldValue.Text(u.ToString())] : [],
        _ => a.Metadata.Fields.TryGetValue(field, out var v) ? v : [],
    };

    internal static bool Passes(SearchFilter filter, Article a)
    {
        var values = Values(a, filter.Field);
        return filter switch
        {
            NotFilter not => !Passes(not.Inner, a),
            ExistsFilter => values.Count > 0,
            AnyOfFilter any => any.Values.Any(v => values.Any(x => Equal(x, v))),
            AllOfFilter all => all.Values.All(v => values.Any(x => Equal(x, v))),
            RangeFilter r => values.Any(x => InRange(x, r)),
            _ => throw new InvalidOperationException(),
        };
    }

    private static bool Equal(FieldValue x, string v) =>
        x.NumberValue is { } n ? n == double.Parse(v, CultureInfo.InvariantCulture)
        : x.DateValue is { } d ? Period(v).Start <= d && d < Period(v).End
        : x.TextValue == v;

    private static bool InRange(FieldValue x, RangeFilter r)
    {
        if (x.NumberValue is { } n)
        {
            bool lo = r.From is null || (r.IncludeFrom ? n >= double.Parse(r.From, CultureInfo.InvariantCulture) : n > double.Parse(r.From, CultureInfo.InvariantCulture));
            bool hi = r.To is null || (r.IncludeTo ? n <= double.Parse(r.To, CultureInfo.InvariantCulture) : n < double.Parse(r.To, CultureInfo.InvariantCulture));
            return lo && hi;
        }

        var d = x.DateValue!.Value;
        bool from = r.From is null || (r.IncludeFrom ? d >= Period(r.From).Start : d >= Period(r.From).End);
        bool to = r.To is null || (r.IncludeTo ? d < Period(r.To).End : d < Period(r.To).Start);
        return from && to;
    }

    /// <summary>The period a written year, month or day covers.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Period(string text)
    {
        var parts = text.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var start = new DateTimeOffset(parts[0], parts.Length > 1 ? parts[1] : 1, parts.Length > 2 ? parts[2] : 1, 0, 0, 0, TimeSpan.Zero);
        return (start, parts.Length switch { 1 => start.AddYears(1), 2 => start.AddMonths(1), _ => start.AddDays(1) });
    }
}
