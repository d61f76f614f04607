using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Tests.Fakes;
using SearchKit.Elasticsearch.Tests.Mapping;
using SearchKit.Indexing;

namespace SearchKit.Elasticsearch.Tests.Indexing;

public class IndexingTests
{
    private static string Items(params (string Id, int Status, string Result)[] items) => new JsonObject
    {
        ["took"] = 3,
        ["errors"] = items.Any(i => i.Status >= 300),
        ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject
        {
            ["index"] = i.Status < 300
                ? new JsonObject { ["_index"] = "news", ["_id"] = i.Id, ["result"] = i.Result, ["status"] = i.Status }
                : new JsonObject
                {
                    ["_index"] = "news", ["_id"] = i.Id, ["status"] = i.Status,
                    ["error"] = new JsonObject { ["type"] = i.Result, ["reason"] = $"failed to parse field [wordcount] of type [double] in document with id '{i.Id}'" },
                },
        })]),
    }.ToJsonString();

    private static List<Article> Articles(int n) => [.. Enumerable.Range(0, n).Select(i => ArticleSourceTests.Sample("a" + i))];

    [Fact]
    public void Open_ShouldCreateTheTemplateAndTheIndexWhenMissing()
    {
        var cluster = new FakeCluster()
            .On("GET", "/_index_template/news", 404, "{}")
            .On("PUT", "/_index_template/news", 200, """{"acknowledged":true}""")
            .On("GET", "/news/_mapping", 404, """{"error":{"type":"index_not_found_exception","reason":"no such index [news]"},"status":404}""", times: 1)
            .On("PUT", "/news", 200, """{"acknowledged":true,"shards_acknowledged":true,"index":"news"}""")
            .On("GET", "/news/_mapping", 200, new JsonObject { ["news"] = new JsonObject { ["mappings"] = SearchKit.Elasticsearch.Mapping.IndexTemplate.Mappings() } }.ToJsonString());
        using var index = Backend.Open(cluster);
        var template = cluster.To("PUT", "/_index_template/news").Single().Json!;
        Assert.Equal(SearchKit.Elasticsearch.Mapping.IndexTemplate.Build("news").ToJsonString(), template.ToJsonString());
        Assert.Single(cluster.To("PUT", "/news"));
        Assert.Equal("http://es.test:9200/news", index.Location);
    }

    [Fact]
    public void Add_ShouldSendBoundedBulkRequestsOfActionAndSourceLines()
    {
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 200, Items([.. Enumerable.Range(0, 2).Select(i => ("x", 201, "created"))]))
            .On("POST", "/news/_refresh", 200, "{}");
        using var index = Backend.Open(cluster, Backend.Options() with { Bulk = BulkOptions.Default with { MaxArticles = 2, Concurrency = 1 } });
        var progress = new List<IndexingProgress>();
        var report = index.Add(Articles(5), progress: new SyncProgress<IndexingProgress>(progress.Add));
        var bulks = cluster.To("POST", "/news/_bulk");
        Assert.Equal([4, 4, 2], bulks.Select(b => b.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        var lines = bulks[0].Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("a0", JsonNode.Parse(lines[0])!["index"]!["_id"]!.GetValue<string>());
        Assert.Equal("a0", JsonNode.Parse(lines[1])!["id"]!.GetValue<string>());
        Assert.Equal(3, JsonNode.Parse(lines[1])!["paragraphs"]!.AsArray().Count);
        Assert.Single(cluster.To("POST", "/news/_refresh"));
        Assert.Equal(3, progress.Count);
        Assert.Empty(report.Failures);
    }

    [Fact]
    public void Add_ShouldReportArticlesTheClusterRefusesAndIndexTheRest()
    {
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 200, Items(("a0", 201, "created"), ("a1", 400, "document_parsing_exception"), ("a2", 200, "updated")))
            .On("POST", "/news/_refresh", 200, "{}");
        using var index = Backend.Open(cluster);
        var report = index.Add(Articles(3));
        Assert.Equal(1, report.Added);
        Assert.Equal(1, report.Updated);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("a1", failure.Source);
        Assert.Contains("document_parsing_exception", failure.Message, StringComparison.Ordinal);
        Assert.Contains("wordcount", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ShouldReportMalformedArticlesWithoutSendingThem()
    {
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 200, Items(("a0", 201, "created")))
            .On("POST", "/news/_refresh", 200, "{}");
        using var index = Backend.Open(cluster);
        var report = index.Add([Articles(1)[0], new Article(" ", "t", null, []), null!]);
        Assert.Equal(2, report.Failures.Count);
        Assert.Equal(2, cluster.To("POST", "/news/_bulk").Single().Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Add_ShouldRetryARequestRefusedWith429AfterAGrowingWait()
    {
        var waits = new List<TimeSpan>();
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 429, """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"},"status":429}""", times: 2)
            .On("POST", "/news/_bulk", 200, Items(("a0", 201, "created"), ("a1", 201, "created")))
            .On("POST", "/news/_refresh", 200, "{}");
        var options = Backend.Options() with { Bulk = BulkOptions.Default with { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) } };
        using var index = Backend.Open(cluster, options, waits: waits);
        var report = index.Add(Articles(2));
        Assert.Equal(2, report.Added);
        Assert.Equal(3, cluster.To("POST", "/news/_bulk").Count);
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0].TotalMilliseconds, 50, 100);
        Assert.InRange(waits[1].TotalMilliseconds, 100, 200);
    }

    [Fact]
    public void Add_ShouldResendOnlyTheArticlesRefusedOneByOneWith429()
    {
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 200, Items(("a0", 201, "created"), ("a1", 429, "es_rejected_execution_exception")), times: 1)
            .On("POST", "/news/_bulk", 200, Items(("a1", 201, "created")))
            .On("POST", "/news/_refresh", 200, "{}");
        using var index = Backend.Open(cluster);
        var report = index.Add(Articles(2));
        Assert.Equal(2, report.Added);
        Assert.Empty(report.Failures);
        var resent = cluster.To("POST", "/news/_bulk")[1].Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, resent.Length);
        Assert.Equal("a1", JsonNode.Parse(resent[0])!["index"]!["_id"]!.GetValue<string>());
    }

    [Fact]
    public void Add_ShouldFailAsAWholeWhenTheClusterKeepsRefusing()
    {
        var cluster = FakeCluster.WithIndex().On("POST", "/news/_bulk", 503, """{"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"},"status":503}""");
        using var index = Backend.Open(cluster, Backend.Options() with { Bulk = BulkOptions.Default with { MaxRetries = 2, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero } });
        var e = Assert.Throws<SearchKitException>(() => index.Add(Articles(1)));
        Assert.Contains("refused a bulk request 3 times", e.Message, StringComparison.Ordinal);
        Assert.Contains("unavailable_shards_exception", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ShouldStopSendingWhenCancelledAndSaySo()
    {
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 200, Items(("x", 201, "created")))
            .On("POST", "/news/_refresh", 200, "{}");
        using var index = Backend.Open(cluster, Backend.Options() with { Bulk = BulkOptions.Default with { MaxArticles = 1, Concurrency = 1 } });
        using var cancel = new CancellationTokenSource();
        IEnumerable<Article> Feed()
        {
            yield return Articles(1)[0];
            yield return Articles(2)[1];
            cancel.Cancel();
            yield return Articles(3)[2];
        }

        var report = index.Add(Feed(), cancellation: cancel.Token);
        Assert.True(report.Cancelled);
        Assert.Single(cluster.To("POST", "/news/_bulk"));
        Assert.Single(cluster.To("POST", "/news/_refresh"));
    }

    [Fact]
    public void UpsertDeleteCommitGet_ShouldBeTheDocumentApis()
    {
        var source = SearchKit.Elasticsearch.Mapping.ArticleSource.ToSource(ArticleSourceTests.Sample());
        var cluster = FakeCluster.WithIndex()
            .On("PUT", "/news/_doc/a%2F1", 201, """{"result":"created"}""")
            .On("DELETE", "/news/_doc/gone", 404, """{"result":"not_found"}""")
            .On("POST", "/news/_refresh", 200, "{}")
            .On("GET", "/news/_doc/a1", 200, new JsonObject { ["_id"] = "a1", ["found"] = true, ["_source"] = source }.ToJsonString())
            .On("GET", "/news/_doc/none", 404, """{"_id":"none","found":false}""");
        using var index = Backend.Open(cluster);
        index.Upsert(ArticleSourceTests.Sample("a/1"));
        index.Delete("gone");
        index.Commit();
        Assert.Equal("Harbour ferries", index.Get("a1")!.Title);
        Assert.Null(index.Get("none"));
        Assert.Equal("a/1", cluster.To("PUT", "/news/_doc/").Single().Json!["id"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => index.Upsert(new Article("", "t", null, [])));
    }

    /// <summary>Reports on the calling thread (Progress{T} posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
