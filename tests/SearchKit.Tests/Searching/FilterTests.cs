using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>SearchOptions.Filters: each kind of condition, browse, non-scoring, the query syntax on metadata, bad input.</summary>
public sealed class FilterTests : IDisposable
{
    private const int Count = 60;
    private readonly SearchIndex _index = MetadataCorpus.Index(Count, commitEvery: 25);
    private readonly List<Article> _articles = MetadataCorpus.All(Count);

    public void Dispose() => _index.Dispose();

    private List<string> Browse(params SearchFilter[] filters) =>
        [.. _index.Search(string.Empty, new SearchOptions { Filters = filters, Top = 1000 }).Hits.Select(h => h.Id).Order(StringComparer.Ordinal)];

    private List<string> Expected(Func<Article, bool> keep) => [.. _articles.Where(keep).Select(a => a.Id).Order(StringComparer.Ordinal)];

    private static double Words(Article a) => a.Metadata.Fields["wordcount"][0].NumberValue!.Value;

    [Fact]
    public void AnyOf_AllOf_Not_ShouldMatchExactlyTheArticlesWithThoseValues()
    {
        Assert.Equal(Expected(a => a.Metadata.Category == "sport"), Browse(SearchFilter.AnyOf("category", "sport")));
        Assert.Equal(Expected(a => a.Metadata.Tags.Contains("oil") || a.Metadata.Tags.Contains("gas")), Browse(SearchFilter.AnyOf("tags", "oil", "gas")));
        Assert.Equal(Expected(a => a.Metadata.Tags.Contains("oil") && a.Metadata.Tags.Contains("gas")), Browse(SearchFilter.AllOf("tags", "oil", "gas")));
        Assert.Equal(Expected(a => a.Metadata.Category != "sport"), Browse(SearchFilter.Not(SearchFilter.AnyOf("category", "sport"))));
        Assert.Equal(Expected(a => Words(a) == 137), Browse(SearchFilter.AnyOf("wordcount", "137")));
    }

    [Fact]
    public void Ranges_ShouldHonourOpenAndExclusiveEnds_AndReadPartialDatesAsWholePeriods()
    {
        Assert.Equal(Expected(a => Words(a) >= 200 && Words(a) <= 400), Browse(SearchFilter.Range("wordcount", "200", "400")));
        Assert.Equal(Expected(a => Words(a) > 200 && Words(a) < 400), Browse(SearchFilter.Range("wordcount", "200", "400", false, false)));
        Assert.Equal(Expected(a => Words(a) > 550), Browse(SearchFilter.Range("wordcount", "550", null, includeFrom: false)));

        var y2024 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(Expected(a => a.Metadata.Published < y2024), Browse(SearchFilter.Parse("published<2024")));
        Assert.Equal(Expected(a => a.Metadata.Published >= y2024), Browse(SearchFilter.Parse("published>=2024")));
        Assert.Equal(Expected(a => a.Metadata.Published?.Year == 2024 && a.Metadata.Published?.Month <= 6), Browse(SearchFilter.Parse("published=2024-01..2024-06")));
        Assert.Equal(Expected(a => a.Metadata.Published?.Year == 2023 && a.Metadata.Published?.Month == 3), Browse(SearchFilter.Parse("published=2023-03")));
        Assert.Equal(Expected(a => a.Metadata.Published > new DateTimeOffset(2023, 3, 31, 0, 0, 0, TimeSpan.Zero)), Browse(SearchFilter.Parse("published>2023-03")));
    }

    [Fact]
    public void ExistsAndMissing_ShouldSplitTheIndex()
    {
        var with = Browse(SearchFilter.Exists("author"));
        var without = Browse(SearchFilter.Missing("author"));

        Assert.Equal(Expected(a => a.Metadata.Fields.ContainsKey("author")), with);
        Assert.Equal(Count, with.Count + without.Count);
        Assert.Equal(Expected(a => a.Metadata.Published is null), Browse(SearchFilter.Parse("!published?")));
        Assert.Equal(Expected(a => a.Metadata.Published is null), Browse(SearchFilter.Parse("published!?")));
    }

    [Fact]
    public void Filters_ShouldNotChangeScores_AndAllMustHold()
    {
        var plain = _index.Search("harbour report", new SearchOptions { Top = 100 }).Hits.ToDictionary(h => h.Id, h => h.Score);
        var filtered = _index.Search("harbour report", new SearchOptions
        {
            Top = 100,
            Filters = [SearchFilter.AnyOf("category", "sport", "culture"), SearchFilter.Exists("author")],
        });

        Assert.NotEmpty(filtered.Hits);
        Assert.Equal(Expected(a => a.Metadata.Category != "politics" && a.Metadata.Fields.ContainsKey("author")), filtered.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.All(filtered.Hits, h => Assert.Equal(plain[h.Id], h.Score));
        Assert.Equal(filtered.Hits.Count, filtered.Total);
    }

    [Fact]
    public void Browse_ShouldListEveryPassingArticle_WithFieldsAndWithoutParagraphs()
    {
        var results = _index.Search("  ", new SearchOptions { Filters = [SearchFilter.AnyOf("category", "culture")], Top = 5 });

        Assert.Equal(_articles.Count(a => a.Metadata.Category == "culture"), results.Total);
        Assert.Equal(5, results.Hits.Count);
        Assert.All(results.Hits, h => Assert.Empty(h.Paragraphs));
        Assert.All(results.Hits, h => Assert.Equal([FieldValue.Text("culture")], h.Fields["category"]));

        Assert.Throws<SearchKitQueryException>(() => _index.Search(" ", new SearchOptions()));
    }

    [Fact]
    public void PassageMode_ShouldHonourFilters_AndRefuseABrowse()
    {
        var passages = _index.Search("harbour", new SearchOptions { Passages = true, Top = 100, Filters = [SearchFilter.AnyOf("tags", "oil")] });

        Assert.NotEmpty(passages.Hits);
        Assert.All(passages.Hits, h => Assert.Contains(FieldValue.Text("oil"), h.Fields["tags"]));
        Assert.Equal(_articles.Count(a => a.Metadata.Tags.Contains("oil") && a.Paragraphs[0].Text.Contains("harbour", StringComparison.Ordinal)), passages.Total);
        Assert.Throws<SearchKitQueryException>(() => _index.Search(string.Empty, new SearchOptions { Passages = true, Filters = [SearchFilter.Exists("tags")] }));
    }

    [Theory]
    [InlineData("category:sport")]
    [InlineData("tags:oil")]
    [InlineData("published:[2024-01-01 TO 2024-06-30]")]
    [InlineData("wordcount:{300 TO *]")]
    [InlineData("wordcount:137")]
    [InlineData("author:ann")]
    [InlineData("published:2023")]
    public void QuerySyntax_OnMetadata_ShouldMatchTheSameArticlesAsTheFilter(string query)
    {
        var filter = query switch
        {
            "category:sport" => SearchFilter.AnyOf("category", "sport"),
            "tags:oil" => SearchFilter.AnyOf("tags", "oil"),
            "published:[2024-01-01 TO 2024-06-30]" => SearchFilter.Range("published", "2024-01-01", "2024-06-30"),
            "wordcount:{300 TO *]" => SearchFilter.Range("wordcount", "300", null, includeFrom: false),
            "wordcount:137" => SearchFilter.AnyOf("wordcount", "137"),
            "author:ann" => SearchFilter.AnyOf("author", "ann"),
            _ => SearchFilter.AnyOf("published", "2023"),
        };

        var bySyntax = _index.Search(query, new SearchOptions { Top = 1000, Paragraphs = false }).Hits.Select(h => h.Id).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(bySyntax);
        Assert.Equal(Browse(filter), bySyntax);
    }

    [Theory]
    [InlineData("nosuch=1", "unknown field \"nosuch\"; the index has: category, tags, published, url, author, wordcount")]
    [InlineData("category>=a", "a range needs a number or date field; \"category\" is a keyword field")]
    [InlineData("wordcount=many", "\"many\" is not a number")]
    [InlineData("published>=2024-13", "\"2024-13\" is not a date")]
    [InlineData("published>=yesterday", "\"yesterday\" is not a date")]
    public void BadFilters_ShouldBeClearQueryErrors(string expression, string message)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Filters = [SearchFilter.Parse(expression)] }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("category:[a TO z]", "keyword field")]
    [InlineData("wordcount:[lots TO *]", "not a number")]
    [InlineData("nosuch:x", "unknown field 'nosuch'")]
    public void BadMetadataQuerySyntax_ShouldBeClearQueryErrors(string query, string message)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(query));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tags=oil", "tags=oil")]
    [InlineData("tags = oil, gas", "tags=oil,gas")]
    [InlineData("tags=oil&gas", "tags=oil&gas")]
    [InlineData("category!=sport", "category!=sport")]
    [InlineData("published>=2024-01-01", "published>=2024-01-01")]
    [InlineData("published<2025", "published<2025")]
    [InlineData("wordcount=100..500", "wordcount=100..500")]
    [InlineData("wordcount=100..", "wordcount>=100")]
    [InlineData("url?", "url?")]
    [InlineData("url!?", "url!?")]
    [InlineData("!url?", "url!?")]
    [InlineData("author=\"a,b\",c", "author=\"a,b\",c")]
    public void Parse_ShouldReadTheGrammar(string expression, string canonical)
    {
        var filter = SearchFilter.Parse(expression);
        Assert.Equal(canonical, filter.ToString());
        Assert.Equal(filter, SearchFilter.Parse(canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tags")]
    [InlineData("=oil")]
    [InlineData("tags=")]
    [InlineData("tags=a,,b")]
    [InlineData("tags=a,b&c")]
    [InlineData("tags=\"open")]
    [InlineData("wordcount=..")]
    public void Parse_Malformed_ShouldSayWhy(string expression)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => SearchFilter.Parse(expression));
        Assert.StartsWith("malformed filter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedFilter_ShouldBeBuiltOnceAndCachedPerSegment()
    {
        var options = new SearchOptions { Filters = [SearchFilter.Parse("tags=oil,gas"), SearchFilter.Parse("wordcount>=200")] };
        var searcher = GetSearcher(_index);
        int before = searcher.Filters.CachedConditions;

        var first = _index.Search("report", options);
        var second = _index.Search("report", options with { Filters = [SearchFilter.Parse("tags = oil,gas"), SearchFilter.Range("wordcount", "200", null)] });

        Assert.Equal(before + 2, searcher.Filters.CachedConditions);
        Assert.Equal(first.Hits.Select(h => h.Id), second.Hits.Select(h => h.Id));
    }

    private static ArticleSearcher GetSearcher(SearchIndex index) =>
        ((IndexComponents)typeof(SearchIndex).GetField("_parts", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(index)!).Searcher;
}
