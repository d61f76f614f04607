using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>SearchOptions.Facets: terms with the rest, histograms, ranges, multi-select, browse, passages, related, the grammar and bad input.</summary>
public sealed class FacetTests : IDisposable
{
    private const int Count = 60;
    private readonly SearchIndex _index = MetadataCorpus.Index(Count, commitEvery: 25);
    private readonly List<Article> _articles = MetadataCorpus.All(Count);

    public void Dispose() => _index.Dispose();

    private SearchResults Search(string query, SearchFilter[] filters, params FacetRequest[] facets) =>
        _index.Search(query, new SearchOptions { Filters = filters, Facets = facets, Top = 2 });

    private static Dictionary<string, long> Counts(FacetResult r) => r.Values.ToDictionary(v => v.Value, v => v.Count);

    [Fact]
    public void Terms_ShouldCountEveryMatchingArticle_NotThePage_WithTheRestInOther()
    {
        var results = Search("report", [], FacetRequest.Terms("category"), FacetRequest.Terms("tags", 2));

        Assert.Equal(2, results.Hits.Count);
        Assert.Equal(new Dictionary<string, long> { ["politics"] = 20, ["sport"] = 20, ["culture"] = 20 }, Counts(results.Facets["category"]));
        Assert.Equal(0, results.Facets["category"].Other);
        // Ties by value, in byte order: culture before politics before sport.
        Assert.Equal(["culture", "politics", "sport"], results.Facets["category"].Values.Select(v => v.Value));

        var tags = results.Facets["tags"];
        var all = MetadataCorpus.Tags.ToDictionary(t => t, t => (long)_articles.Count(a => a.Metadata.Tags.Contains(t)));
        var top = all.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(2).ToList();
        Assert.Equal(top.Select(t => new FacetValue(t.Key, t.Value)), tags.Values);
        Assert.Equal(all.Values.Sum() - top.Sum(t => t.Value), tags.Other);
    }

    [Fact]
    public void MultiSelect_ShouldIgnoreTheFiltersOnTheFacetsOwnFieldOnly()
    {
        var sport = SearchFilter.AnyOf("category", "sport");
        var oil = SearchFilter.AnyOf("tags", "oil");
        var results = Search("report", [sport, oil], FacetRequest.Terms("category"), FacetRequest.Terms("tags"), FacetRequest.Terms("author"));

        // category: under the tags filter only, so every category shows while sport is selected.
        var withOil = _articles.Where(a => a.Metadata.Tags.Contains("oil")).ToList();
        Assert.Equal(withOil.GroupBy(a => a.Metadata.Category!).ToDictionary(g => g.Key, g => (long)g.Count()), Counts(results.Facets["category"]));

        // tags: under the category filter only.
        var inSport = _articles.Where(a => a.Metadata.Category == "sport").ToList();
        Assert.Equal(MetadataCorpus.Tags.ToDictionary(t => t, t => (long)inSport.Count(a => a.Metadata.Tags.Contains(t))).Where(t => t.Value > 0).ToDictionary(), Counts(results.Facets["tags"]));

        // author has no filter of its own: counted under both, like the hits.
        var both = _articles.Where(a => a.Metadata.Category == "sport" && a.Metadata.Tags.Contains("oil") && a.Metadata.Fields.ContainsKey("author")).ToList();
        Assert.Equal(both.GroupBy(a => a.Metadata.Fields["author"][0].TextValue!).ToDictionary(g => g.Key, g => (long)g.Count()), Counts(results.Facets["author"]));
        Assert.Equal(_articles.Count(a => a.Metadata.Category == "sport" && a.Metadata.Tags.Contains("oil")), results.Total);
    }

    [Fact]
    public void Histograms_ShouldCountByYearMonthAndDay_InUtc_OldestFirst()
    {
        var dated = _articles.Where(a => a.Metadata.Published is not null).Select(a => a.Metadata.Published!.Value.UtcDateTime).ToList();
        var years = Search("report", [], FacetRequest.Histogram("published", DateInterval.Year)).Facets["published"];
        Assert.Equal(dated.GroupBy(d => d.Year).OrderBy(g => g.Key).Select(g => new FacetValue($"{g.Key}", g.Count())), years.Values);

        var months = Search("report", [], FacetRequest.Parse("published:month")).Facets["published"];
        Assert.Equal(dated.GroupBy(d => $"{d:yyyy-MM}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new FacetValue(g.Key, g.Count())), months.Values);
        Assert.Matches(@"^\d{4}-\d{2}$", months.Values[0].Value);

        var days = Search("report", [], FacetRequest.Parse("published:day")).Facets["published"];
        Assert.Equal(dated.Count, days.Values.Sum(v => v.Count));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", days.Values[^1].Value);
    }

    [Fact]
    public void Ranges_ShouldIncludeFromAndExcludeTo_InTheOrderGiven()
    {
        var request = FacetRequest.Parse("wordcount:..200,200..400,400..,150..250");
        var result = Search(string.Empty, [SearchFilter.Exists("wordcount")], request).Facets["wordcount"];
        static double W(Article a) => a.Metadata.Fields["wordcount"][0].NumberValue!.Value;

        Assert.Equal(["..200", "200..400", "400..", "150..250"], result.Values.Select(v => v.Value));
        Assert.Equal(_articles.Count(a => W(a) < 200), result.Values[0].Count);
        Assert.Equal(_articles.Count(a => W(a) >= 200 && W(a) < 400), result.Values[1].Count);
        Assert.Equal(_articles.Count(a => W(a) >= 400), result.Values[2].Count);
        Assert.Equal(_articles.Count(a => W(a) >= 150 && W(a) < 250), result.Values[3].Count);
        Assert.Equal(Count, result.Values.Take(3).Sum(v => v.Count));

        // An end that is a value exactly: 137 is in 137..138 and not in ..137.
        var exact = Search(string.Empty, [SearchFilter.Exists("wordcount")], FacetRequest.Parse("wordcount:..137,137..138")).Facets["wordcount"];
        Assert.Equal(_articles.Count(a => W(a) < 137), exact.Values[0].Count);
        Assert.Equal(_articles.Count(a => W(a) == 137), exact.Values[1].Count);

        // Date ranges: a written year or month stands for its start.
        var dates = Search("report", [], FacetRequest.Parse("published:..2024,2024..2024-07")).Facets["published"];
        var y2024 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(_articles.Count(a => a.Metadata.Published < y2024), dates.Values[0].Count);
        Assert.Equal(_articles.Count(a => a.Metadata.Published >= y2024 && a.Metadata.Published < y2024.AddMonths(6)), dates.Values[1].Count);
    }

    [Fact]
    public void ManyValues_ShouldCountAnArticleOncePerValueBucketAndRange()
    {
        using var index = SearchIndex.CreateInMemory();
        DateTimeOffset D(int m, int d) => new(2024, m, d, 0, 0, 0, TimeSpan.Zero);
        Article Make(string id, double[] scores, DateTimeOffset[] seen) => Article.Create(id, id, null, ["words"]) with
        {
            Metadata = new ArticleMetadata
            {
                Fields = new Dictionary<string, IReadOnlyList<FieldValue>>
                {
                    ["rating"] = [.. scores.Select(FieldValue.Number)],
                    ["seen"] = [.. seen.Select(FieldValue.Date)],
                },
            },
        };
        index.Add([Make("a", [1, 2, 7], [D(1, 1), D(1, 20), D(3, 1)]), Make("b", [2.5], [D(1, 5)])]);
        index.Upsert(Make("c", [2, 2.5], [D(3, 1), D(3, 2)]));
        index.Commit();

        var results = index.Search("words", new SearchOptions { Facets = [FacetRequest.Parse("rating:0..3,3.."), FacetRequest.Parse("seen:month")] });

        Assert.Equal([new FacetValue("0..3", 3), new FacetValue("3..", 1)], results.Facets["rating"].Values);
        Assert.Equal([new FacetValue("2024-01", 2), new FacetValue("2024-03", 2)], results.Facets["seen"].Values);

        // Top values of a number field: invariant text, ties in numeric order.
        var terms = index.Search("words", new SearchOptions { Facets = [FacetRequest.Terms("rating", 2)] }).Facets["rating"];
        Assert.Equal([new FacetValue("2", 2), new FacetValue("2.5", 2)], terms.Values);
        Assert.Equal(2, terms.Other);
    }

    [Fact]
    public void Browse_Passages_AndRelated_ShouldCountArticles()
    {
        var browse = Search(string.Empty, [SearchFilter.AnyOf("category", "sport")], FacetRequest.Terms("category"), FacetRequest.Terms("author"));
        Assert.Equal(new Dictionary<string, long> { ["politics"] = 20, ["sport"] = 20, ["culture"] = 20 }, Counts(browse.Facets["category"]));
        Assert.Equal(_articles.Count(a => a.Metadata.Category == "sport" && a.Metadata.Fields.ContainsKey("author")), browse.Facets["author"].Values.Sum(v => v.Count));

        // Passage mode ranks paragraphs but counts articles: every "harbour" article once.
        var passages = _index.Search("harbour", new SearchOptions { Passages = true, Top = 1, Facets = [FacetRequest.Terms("category")] });
        Assert.Equal(_articles.Count(a => a.Paragraphs[0].Text.Contains("harbour", StringComparison.Ordinal)), passages.Facets["category"].Values.Sum(v => v.Count));

        // Related to m003 ("harbour" is its only word in 2 to half of the articles): the other harbour articles.
        var related = _index.Related("m003", new SearchOptions { Filters = [SearchFilter.AnyOf("tags", "oil")], Facets = [FacetRequest.Terms("tags")], Top = 100 });
        var harbour = _articles.Where(a => a.Id != "m003" && a.Paragraphs[0].Text.Contains("harbour", StringComparison.Ordinal)).ToList();
        Assert.Equal(harbour.Count(a => a.Metadata.Tags.Contains("oil")), related.Total);
        Assert.Equal(
            MetadataCorpus.Tags.ToDictionary(t => t, t => (long)harbour.Count(a => a.Metadata.Tags.Contains(t))).Where(t => t.Value > 0).ToDictionary(),
            Counts(related.Facets["tags"]));
    }

    [Fact]
    public void WithoutFacets_TheResultsShouldHaveNone()
    {
        Assert.Empty(_index.Search("report").Facets);
    }

    [Theory]
    [InlineData("tags", "tags", 10, null, 0)]
    [InlineData("tags:3", "tags", 3, null, 0)]
    [InlineData(" author : 1000 ", "author", 1000, null, 0)]
    [InlineData("published:year", "published", 0, DateInterval.Year, 0)]
    [InlineData("published:Month", "published", 0, DateInterval.Month, 0)]
    [InlineData("published:day", "published", 0, DateInterval.Day, 0)]
    [InlineData("wordcount:0..100,100..500,500..", "wordcount", 0, null, 3)]
    [InlineData("published:..2024-06-01T12:00:00Z", "published", 0, null, 1)]
    public void Parse_ShouldReadTheGrammar(string text, string field, int top, DateInterval? interval, int ranges)
    {
        var request = FacetRequest.Parse(text);
        Assert.Equal(field, request.Field);
        Assert.Equal(top, request.Top);
        Assert.Equal(interval, request.Interval);
        Assert.Equal(ranges, request.Ranges.Count);
        Assert.Equal(request.ToString(), FacetRequest.Parse(request.ToString()).ToString());
    }

    [Theory]
    [InlineData("", "field name is missing")]
    [InlineData(":5", "field name is missing")]
    [InlineData("tags:0", "'0' is neither")]
    [InlineData("tags:1001", "'1001' is neither")]
    [InlineData("tags:-3", "'-3' is neither")]
    [InlineData("tags:many", "'many' is neither")]
    [InlineData("wordcount:0..100,x", "'x' is not a range")]
    [InlineData("wordcount:..", "at least one end")]
    public void Parse_ShouldRejectMalformedRequests(string text, string reason)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => FacetRequest.Parse(text));
        Assert.Contains("malformed facet", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("colour", "unknown facet field \"colour\"; the index has: category, tags, published, url, author, wordcount")]
    [InlineData("category:month", "a histogram by month needs a date field; \"category\" is a keyword field")]
    [InlineData("wordcount:year", "needs a date field; \"wordcount\" is a number field")]
    [InlineData("tags:a..b", "ranges need a number or date field; \"tags\" is a keyword field")]
    [InlineData("published", "\"published\" is a date field: count it by year, month or day")]
    [InlineData("published:5", "\"published\" is a date field")]
    [InlineData("wordcount:ten..", "\"ten\" is not a number")]
    [InlineData("published:2024-13..", "\"2024-13\" is not a date")]
    public void Search_ShouldRejectFacetsThatDoNotFitTheIndex(string facet, string message)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Facets = [FacetRequest.Parse(facet)] }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ShouldRejectTwoFacetsOnOneField_AndBadFactoryArguments()
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Facets = [FacetRequest.Terms("tags"), FacetRequest.Terms("tags", 3)] }));
        Assert.Contains("two facets count the field \"tags\"", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => FacetRequest.Terms("tags", 0));
        Assert.Throws<ArgumentException>(() => FacetRequest.Range("wordcount"));
        Assert.Throws<ArgumentException>(() => FacetRequest.Range("wordcount", new FacetRange(null, null)));
    }

    [Fact]
    public void Cancellation_ShouldStopAFacetedSearch()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _index.Search("report", new SearchOptions { Facets = [FacetRequest.Terms("tags")], Filters = [SearchFilter.AnyOf("tags", "oil")] }, cancelled.Token));
    }
}
