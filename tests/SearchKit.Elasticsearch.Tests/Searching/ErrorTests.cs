using SearchKit.Elasticsearch.Tests.Fakes;

namespace SearchKit.Elasticsearch.Tests.Searching;

public class ErrorTests
{
    // The error body Elasticsearch documents for a query_string it cannot parse: a search_phase_execution_exception
    // grouped per shard, the shard's reason a query_shard_exception caused by the Lucene parser's parse_exception.
    private const string ParseError = """
    {"error": {
      "root_cause": [{"type": "query_shard_exception", "reason": "Failed to parse query [ferry AND (]", "index_uuid": "u1", "index": "news"}],
      "type": "search_phase_execution_exception", "reason": "all shards failed", "phase": "query", "grouped": true,
      "failed_shards": [{"shard": 0, "index": "news", "node": "n1", "reason": {
        "type": "query_shard_exception", "reason": "Failed to parse query [ferry AND (]", "index_uuid": "u1", "index": "news",
        "caused_by": {"type": "parse_exception", "reason": "Cannot parse 'ferry AND (': Encountered \"<EOF>\" at line 1, column 11.\nWas expecting one of:\n    <NOT> ...",
          "caused_by": {"type": "parse_exception", "reason": "Encountered \"<EOF>\" at line 1, column 11.\nWas expecting one of:\n    <NOT> ..."}}}}]},
     "status": 400}
    """;

    [Fact]
    public void AMalformedQuery_ShouldBeAQueryExceptionWithTheEnginesReasonAndPosition()
    {
        var cluster = FakeCluster.WithIndex().On("POST", "/news/_search", 400, ParseError);
        using var index = Backend.Open(cluster);
        var e = Assert.Throws<SearchKitQueryException>(() => index.Search("ferry AND ("));
        Assert.Equal("malformed query: Encountered \"<EOF>\" at line 1, column 11.", e.Message);
        Assert.Equal("ferry AND (", e.Query);
        Assert.Equal(11, e.Position);
    }

    [Theory]
    [InlineData(SearchKit.Searching.SearchMode.Semantic)]
    [InlineData(SearchKit.Searching.SearchMode.Hybrid)]
    public void ANonKeywordMode_ShouldBeRefusedBeforeAnyRequest(SearchKit.Searching.SearchMode mode)
    {
        var cluster = FakeCluster.WithIndex();
        using var index = Backend.Open(cluster);
        var e = Assert.Throws<NotSupportedException>(() => index.Search("ferry", new SearchKit.Searching.SearchOptions { Mode = mode }));
        Assert.Contains("keywords", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingIndex_ShouldBeReportedAsMissingWhenNotToBeCreated()
    {
        var cluster = new FakeCluster()
            .On("GET", "/_index_template/news", 404, "{}")
            .On("GET", "/news/_mapping", 404, """{"error":{"type":"index_not_found_exception","reason":"no such index [news]"},"status":404}""");
        var e = Assert.Throws<SearchKitIndexException>(() => Backend.Open(cluster, create: false));
        Assert.Equal(IndexProblem.Missing, e.Problem);
        Assert.Contains("http://es.test:9200/news", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableCluster_ShouldBeOneLineNamingTheCluster()
    {
        using var handler = new ThrowingHandler();
        var e = Assert.Throws<SearchKitException>(() => ElasticsearchIndex.Open(Backend.Options(), true, _ => handler));
        Assert.Contains("cannot reach the cluster", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIndexThatIsNotSearchKits_ShouldBeRefusedWithTheReason()
    {
        var mappings = SearchKit.Elasticsearch.Mapping.IndexTemplate.Mappings();
        mappings["properties"]!["paragraphs"]!["type"] = "object";
        var cluster = FakeCluster.WithIndex(mappings: mappings);
        var e = Assert.Throws<SearchKitIndexException>(() => Backend.Open(cluster));
        Assert.Equal(IndexProblem.NotAnIndex, e.Problem);
        Assert.Contains("'paragraphs' is not a nested field", e.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (es.test:9200)");
    }
}
