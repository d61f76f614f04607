using System.Globalization;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>
/// For random queries, filters and facet requests, every facet's counts equal a brute-force count over the stored
/// articles that match the query and every filter but those on the facet's own field (multi-select).
/// </summary>
public sealed class FacetPropertyTests : IDisposable
{
    private const int Count = 90;
    private readonly SearchIndex _index = MetadataCorpus.Index(Count, commitEvery: 40);
    private readonly List<Article> _stored;

    public FacetPropertyTests()
    {
        _stored = [.. MetadataCorpus.All(Count).Select(a => _index.Get(a.Id)!)];
    }

    public void Dispose() => _index.Dispose();

    private static readonly Gen<SearchFilter> Leaf = Gen.OneOf(
        Gen.OneOfConst(MetadataCorpus.Categories).Array[1, 2].Select(v => SearchFilter.AnyOf("category", v)),
        Gen.OneOfConst(MetadataCorpus.Tags).Array[1, 3].Select(v => SearchFilter.AnyOf("tags", v)),
        Gen.OneOfConst(MetadataCorpus.Tags).Array[1, 2].Select(v => SearchFilter.AllOf("tags", v)),
        Gen.OneOfConst(MetadataCorpus.Authors).Select(v => SearchFilter.AnyOf("author", v)),
        Gen.Int[50, 650].Select(n => SearchFilter.Range("wordcount", n.ToString(CultureInfo.InvariantCulture), null)),
        Gen.Int[2023, 2025].Select(y => SearchFilter.AnyOf("published", y.ToString(CultureInfo.InvariantCulture))));

    private static readonly Gen<SearchFilter> Filter = Gen.Frequency((3, Leaf), (1, Leaf.Select(SearchFilter.Not)));

    private static readonly Gen<string> NumberText = Gen.Int[50, 650].Select(n => n.ToString(CultureInfo.InvariantCulture));

    private static readonly Gen<FacetRange> NumberRange = Gen.Select(NumberText.Null(), NumberText.Null(), (a, b) => new FacetRange(a, a is null && b is null ? "300" : b));

    private static readonly Gen<FacetRequest> Request = Gen.OneOf(
        Gen.Select(Gen.OneOfConst("category", "tags", "author", "wordcount"), Gen.Int[1, 5], FacetRequest.Terms),
        Gen.OneOfConst(DateInterval.Year, DateInterval.Month, DateInterval.Day).Select(i => FacetRequest.Histogram("published", i)),
        NumberRange.Array[1, 4].Select(r => FacetRequest.Range("wordcount", r)),
        Gen.OneOfConst("..2024", "2024..2024-07", "2024-07..", "2023-03-01..2023-04").Array[1, 3].Select(rs =>
            FacetRequest.Range("published", [.. rs.Select(r => new FacetRange(r.Split("..")[0] is { Length: > 0 } f ? f : null, r.Split("..")[1] is { Length: > 0 } t ? t : null))])));

    [Fact]
    public void RandomFacets_ShouldCountWhatABruteForcePassCounts()
    {
        Gen.Select(Filter.Array[0, 3], Gen.OneOfConst("", "report", "harbour"), Request.Array[1, 3]).Sample((filters, query, requests) =>
        {
            // One request per field: results are keyed by field.
            var distinct = requests.DistinctBy(r => r.Field).ToArray();
            if (query.Length == 0 && filters.Length == 0)
            {
                query = "*:*";
            }

            var results = _index.Search(query, new SearchOptions { Filters = filters, Facets = distinct, Top = 3 });
            Assert.Equal(distinct.Select(r => r.Field), results.Facets.Keys);
            foreach (var request in distinct)
            {
                var matching = _stored.Where(a => Matches(a, query) && filters.Where(f => f.Field != request.Field).All(f => FilterPropertyTests.Passes(f, a))).ToList();
                var expected = Expected(request, matching);
                var actual = results.Facets[request.Field];
                string context = $"query '{query}', filters [{string.Join(" ; ", filters.Select(f => f.ToString()))}], facet {request}";
                Assert.True(
                    expected.Values.SequenceEqual(actual.Values) && expected.Other == actual.Other,
                    $"{context}: expected {Show(expected)}, found {Show(actual)}");
            }
        }, iter: 150);
    }

    private static bool Matches(Article a, string query) => query is "" or "*:*" || FilterPropertyTests.Words(a).Contains(query);

    private static string Show(FacetResult r) => string.Join(", ", r.Values.Select(v => $"{v.Value}={v.Count}")) + $" other={r.Other}";

    /// <summary>The facet as the library defines it, counted over the articles one by one.</summary>
    internal static FacetResult Expected(FacetRequest request, IReadOnlyList<Article> matching)
    {
        var values = matching.Select(a => FilterPropertyTests.Values(a, request.Field)).ToList();
        if (request.Interval is { } interval)
        {
            var buckets = values.SelectMany(v => v.Select(x => Bucket(x.DateValue!.Value, interval)).Distinct())
                .GroupBy(b => b).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new FacetValue(g.Key, g.Count()));
            return new FacetResult(request.Field, [.. buckets], 0);
        }

        if (request.Ranges.Count > 0)
        {
            var counts = request.Ranges.Select(r => new FacetValue(r.Label, values.Count(v => v.Any(x => InRange(x, r)))));
            return new FacetResult(request.Field, [.. counts], 0);
        }

        var all = values.SelectMany(v => v.Select(Text).Distinct())
            .GroupBy(v => v).Select(g => (Value: g.Key, Count: (long)g.Count())).ToList();
        var top = all.OrderByDescending(t => t.Count).ThenBy(t => SortKey(request, t.Value), StringComparer.Ordinal).Take(request.Top).ToList();
        return new FacetResult(request.Field, [.. top.Select(t => new FacetValue(t.Value, t.Count))], all.Sum(t => t.Count) - top.Sum(t => t.Count));
    }

    private static string Text(FieldValue x) => x.NumberValue is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : x.TextValue!;

    // Ties go to the value first in the index's order: bytes for keywords, numeric order for numbers.
    private static string SortKey(FacetRequest request, string value) =>
        request.Field == "wordcount" ? double.Parse(value, CultureInfo.InvariantCulture).ToString("000000000.####", CultureInfo.InvariantCulture) : value;

    private static string Bucket(DateTimeOffset d, DateInterval interval) => interval switch
    {
        DateInterval.Year => d.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture),
        DateInterval.Month => d.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => d.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static bool InRange(FieldValue x, FacetRange r)
    {
        if (x.NumberValue is { } n)
        {
            return (r.From is null || n >= double.Parse(r.From, CultureInfo.InvariantCulture)) && (r.To is null || n < double.Parse(r.To, CultureInfo.InvariantCulture));
        }

        var d = x.DateValue!.Value;
        return (r.From is null || d >= Start(r.From)) && (r.To is null || d < Start(r.To));
    }

    private static DateTimeOffset Start(string text)
    {
        var parts = text.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new DateTimeOffset(parts[0], parts.Length > 1 ? parts[1] : 1, parts.Length > 2 ? parts[2] : 1, 0, 0, 0, TimeSpan.Zero);
    }
}
