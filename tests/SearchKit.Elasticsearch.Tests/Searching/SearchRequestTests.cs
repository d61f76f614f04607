using System.Text.Json.Nodes;
using SearchKit.Elasticsearch.Tests.Fakes;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Tests.Searching;

/// <summary>The bodies of the <c>_search</c> requests the backend sends, as they went over HTTP.</summary>
public class SearchRequestTests
{
    private const string Empty = """{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}""";

    private static JsonNode Sent(SearchOptions options, string query = "harbour ferry", JsonObject? mappings = null)
    {
        var cluster = FakeCluster.WithIndex(mappings: mappings).On("POST", "/news/_search", 200, Empty);
        using var index = Backend.Open(cluster);
        index.Search(query, options);
        return cluster.To("POST", "/news/_search").Single().Json!;
    }

    [Fact]
    public void PlainWords_ShouldBeAMultiMatchOverTheWeightedFieldsByBestField()
    {
        var body = Sent(new SearchOptions { Syntax = QuerySyntax.Natural, DefaultAnd = true });
        var match = body["query"]!["bool"]!["must"]![0]!["multi_match"]!;
        Assert.Equal("harbour ferry", match["query"]!.GetValue<string>());
        Assert.Equal(["title^1.2", "lead^1.1", "headings^1.05", "body^1"], match["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("best_fields", match["type"]!.GetValue<string>());
        Assert.Equal(0.1f, match["tie_breaker"]!.GetValue<float>());
        Assert.Equal("and", match["operator"]!.GetValue<string>());
        Assert.True(body["track_total_hits"]!.GetValue<bool>());
    }

    [Fact]
    public void LuceneSyntax_ShouldBeAQueryStringAndTheParagraphsANestedClauseThatDoesNotScore()
    {
        var body = Sent(new SearchOptions { Top = 5, Skip = 10 }, "\"night hours\" AND ferry");
        var q = body["query"]!["bool"]!;
        Assert.Equal("\"night hours\" AND ferry", q["must"]![0]!["query_string"]!["query"]!.GetValue<string>());
        Assert.Equal("OR", q["must"]![0]!["query_string"]!["default_operator"]!.GetValue<string>());
        var nested = q["should"]![0]!["nested"]!;
        Assert.Equal("paragraphs", nested["path"]!.GetValue<string>());
        Assert.Equal(0, nested["boost"]!.GetValue<int>());
        Assert.Equal("paragraphs.text", nested["query"]!["query_string"]!["default_field"]!.GetValue<string>());
        var inner = nested["inner_hits"]!;
        Assert.Equal("asc", inner["sort"]![0]!["paragraphs.index"]!.GetValue<string>());
        Assert.Equal(0, inner["highlight"]!["fields"]!["paragraphs.text"]!["number_of_fragments"]!.GetValue<int>());
        Assert.Equal(10, body["from"]!.GetValue<int>());
        Assert.Equal(5, body["size"]!.GetValue<int>());
        Assert.Equal(["paragraphs"], body["_source"]!["excludes"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal([JsonValue.Create("desc")!.ToJsonString(), JsonValue.Create("asc")!.ToJsonString()], body["sort"]!.AsArray().Select(s => s!.AsObject().First().Value!.ToJsonString()));
    }

    [Fact]
    public void SumCombination_ShouldBeMostFieldsWithoutTieBreaker()
    {
        var cluster = FakeCluster.WithIndex().On("POST", "/news/_search", 200, Empty);
        using var index = Backend.Open(cluster, Backend.Options() with { Ranking = RankingOptions.WeightedSum });
        index.Search("ferry", new SearchOptions { Syntax = QuerySyntax.Natural });
        var match = cluster.To("POST", "/news/_search").Single().Json!["query"]!["bool"]!["must"]![0]!["multi_match"]!;
        Assert.Equal("most_fields", match["type"]!.GetValue<string>());
        Assert.Null(match["tie_breaker"]);
        Assert.Equal("title^3", match["fields"]![0]!.GetValue<string>());
    }

    [Fact]
    public void PassageMode_ShouldFetchTheBestArticlesAndRankTheirParagraphsByScore()
    {
        var body = Sent(new SearchOptions { Passages = true, Top = 10, Skip = 20 });
        Assert.Equal(90, body["size"]!.GetValue<int>());
        Assert.Equal(0, body["from"]!.GetValue<int>());
        var inner = body["query"]!["bool"]!["should"]![0]!["nested"]!["inner_hits"]!;
        Assert.Equal(30, inner["size"]!.GetValue<int>());
        Assert.Null(inner["sort"]);
        Assert.Null(body["sort"]);
    }

    [Fact]
    public void Filters_ShouldBeFilterClausesWithTheEmbeddedIndexMeaningOfDates()
    {
        var options = new SearchOptions
        {
            Filters =
            [
                SearchFilter.Parse("category=sport,news"),
                SearchFilter.Parse("tags=oil&gas"),
                SearchFilter.Parse("published<2025"),
                SearchFilter.Parse("published=2024-06"),
                SearchFilter.Parse("url!?"),
            ],
        };
        var filters = Sent(options)["query"]!["bool"]!["filter"]!.AsArray();
        Assert.Equal(["sport", "news"], filters[0]!["terms"]!["category"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(2, filters[1]!["bool"]!["filter"]!.AsArray().Count);
        Assert.Equal("2025||/y", filters[2]!["range"]!["published"]!["lt"]!.GetValue<string>());
        Assert.Equal("2024-06||/M", filters[3]!["range"]!["published"]!["gte"]!.GetValue<string>());
        Assert.Equal("2024-06||/M", filters[3]!["range"]!["published"]!["lte"]!.GetValue<string>());
        Assert.Equal("url", filters[4]!["bool"]!["must_not"]![0]!["exists"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public void Facets_ShouldCountUnderEveryFilterButTheirOwn()
    {
        var options = new SearchOptions
        {
            Filters = [SearchFilter.Parse("category=sport"), SearchFilter.Parse("tags=oil")],
            Facets = [FacetRequest.Parse("category:5"), FacetRequest.Parse("published:year"), FacetRequest.Parse("published:..2020,2020..")],
        };
        var body = Sent(options);

        // Both filtered fields... only category is faceted: its filter moves to post_filter, tags stays in the query.
        Assert.Equal("oil", body["query"]!["bool"]!["filter"]![0]!["terms"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal("sport", body["post_filter"]!["bool"]!["filter"]![0]!["terms"]!["category"]![0]!.GetValue<string>());
        var aggs = body["aggs"]!;
        Assert.NotNull(aggs["facet_0"]!["filter"]!["match_all"]);
        Assert.Equal(5, aggs["facet_0"]!["aggs"]!["values"]!["terms"]!["size"]!.GetValue<int>());
        Assert.Equal("sport", aggs["facet_1"]!["filter"]!["bool"]!["filter"]![0]!["terms"]!["category"]![0]!.GetValue<string>());
        Assert.Equal("year", aggs["facet_1"]!["aggs"]!["values"]!["date_histogram"]!["calendar_interval"]!.GetValue<string>());
        var ranges = aggs["facet_2"]!["aggs"]!["values"]!["date_range"]!["ranges"]!.AsArray();
        Assert.Equal("2020", ranges[0]!["to"]!.GetValue<string>());
        Assert.Equal("2020", ranges[1]!["from"]!.GetValue<string>());
    }

    [Fact]
    public void SortByField_ShouldPutMissingValuesLastThenScoreThenId()
    {
        var sort = Sent(new SearchOptions { Sort = SearchSort.Parse("newest") })["sort"]!.AsArray();
        Assert.Equal("desc", sort[0]!["published"]!["order"]!.GetValue<string>());
        Assert.Equal("_last", sort[0]!["published"]!["missing"]!.GetValue<string>());
        Assert.Equal("desc", sort[1]!["_score"]!.GetValue<string>());
        Assert.Equal("asc", sort[2]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void UnknownFilterField_ShouldBeAQueryErrorBeforeAnySearchIsSent()
    {
        var cluster = FakeCluster.WithIndex().On("POST", "/news/_search", 200, Empty);
        using var index = Backend.Open(cluster);
        var e = Assert.Throws<SearchKitQueryException>(() => index.Search("x", new SearchOptions { Filters = [SearchFilter.Parse("author=ann")] }));
        Assert.Contains("unknown field 'author'", e.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.To("POST", "/news/_search"));
        Assert.Throws<SearchKitQueryException>(() => index.Search("x", new SearchOptions { Filters = [SearchFilter.Parse("category=2024..2025")] }));
    }

    [Fact]
    public void EmptyQuery_ShouldListEveryArticleWithFiltersAndBeAnErrorWithout()
    {
        var body = Sent(new SearchOptions { Filters = [SearchFilter.Parse("category=sport")] }, query: "");
        Assert.NotNull(body["query"]!["bool"]!["must"]![0]!["match_all"]);
        Assert.Null(body["query"]!["bool"]!["should"]);
        var cluster = FakeCluster.WithIndex();
        using var index = Backend.Open(cluster);
        Assert.Throws<SearchKitQueryException>(() => index.Search(" "));
    }
}
