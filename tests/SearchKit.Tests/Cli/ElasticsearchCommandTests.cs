using System.Text.Json.Nodes;
using SearchKit.Cli;
using SearchKit.Elasticsearch.Tests.Fakes;

namespace SearchKit.Tests.Cli;

/// <summary>The host's cluster commands: <c>index --to</c>, <c>search --from</c> (against a fake cluster) and <c>export</c>.</summary>
public sealed class ElasticsearchCommandTests : IDisposable
{
    private const string Url = "http://es.test:9200/news";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void IndexTo_ShouldSendTheFilesArticlesInBulkAndPrintTheSummary()
    {
        var cluster = FakeCluster.WithIndex()
            .On("POST", "/news/_bulk", 200, """{"took":1,"errors":false,"items":[{"index":{"_id":"x","status":201,"result":"created"}},{"index":{"_id":"y","status":201,"result":"created"}}]}""")
            .On("POST", "/news/_refresh", 200, "{}");
        _cli.Cluster = cluster;
        _cli.Generate("docs", 2);
        var run = _cli.Run("index", "docs", "--to", Url);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("2 added", run.Out, StringComparison.Ordinal);
        var lines = cluster.To("POST", "/news/_bulk").Single().Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(3, JsonNode.Parse(lines[1])!["paragraphs"]!.AsArray().Count);
        Assert.False(Directory.Exists(_cli.IndexPath), "no local index is made");
    }

    [Fact]
    public void IndexTo_ShouldNotCombineWithLocalIndexOptions()
    {
        _cli.Cluster = new FakeCluster();
        _cli.Generate("docs", 1);
        var run = _cli.Run("index", "docs", "--to", Url, "--watch");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--to", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, _cli.Run("index", "docs", "--to", "ftp://x/y").ExitCode);
    }

    [Fact]
    public void SearchFrom_ShouldRenderTheClustersHitsAsTheLocalSearchDoes()
    {
        const string response = """
        {"took":2,"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_id":"quay","_score":2.0,"_source":{"id":"quay","title":"Quay talks"},"sort":[2.0,"quay"],
          "inner_hits":{"paragraphs":{"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_score":1.0,"_source":{"index":0,"text":"The negotiations went on."},
            "highlight":{"paragraphs.text":["The \uE000negotiations\uE001 went on."]}}]}}}}]}}
        """;
        var cluster = FakeCluster.WithIndex().On("POST", "/news/_search", 200, response);
        _cli.Cluster = cluster;
        var run = _cli.Run("search", "negotiate", "--from", Url, "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var json = run.Json();
        Assert.Equal(1, json.GetProperty("total").GetInt64());
        var paragraph = json.GetProperty("hits")[0].GetProperty("paragraphs")[0];
        Assert.Equal("The «negotiations» went on.", paragraph.GetProperty("snippet").GetString());
        Assert.Empty(cluster.To("PUT", "/"));
    }

    [Fact]
    public void SearchFrom_ShouldReportAMalformedQueryWithTheClustersReason()
    {
        var cluster = FakeCluster.WithIndex().On("POST", "/news/_search", 400,
            """{"error":{"root_cause":[{"type":"query_shard_exception","reason":"Failed to parse query [a AND (]"}],"type":"search_phase_execution_exception","reason":"all shards failed","failed_shards":[{"shard":0,"reason":{"type":"query_shard_exception","reason":"Failed to parse query [a AND (]","caused_by":{"type":"parse_exception","reason":"Cannot parse 'a AND (': Encountered \"<EOF>\" at line 1, column 7."}}}]},"status":400}""");
        _cli.Cluster = cluster;
        var run = _cli.Run("search", "a AND (", "--from", Url);
        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
        Assert.Equal("searchkit: malformed query: Cannot parse 'a AND (': Encountered \"<EOF>\" at line 1, column 7.", run.Error.Trim());
    }

    [Fact]
    public void SearchFrom_AMissingIndexIsAnIndexProblemAndIsNotCreated()
    {
        var cluster = new FakeCluster()
            .On("GET", "/_index_template/news", 404, "{}")
            .On("GET", "/news/_mapping", 404, """{"error":{"type":"index_not_found_exception","reason":"no such index [news]"},"status":404}""");
        _cli.Cluster = cluster;
        var run = _cli.Run("search", "ferry", "--from", Url);
        Assert.Equal(ExitCodes.IndexProblem, run.ExitCode);
        Assert.Contains("http://es.test:9200/news: there is no such index", run.Error, StringComparison.Ordinal);
        Assert.Empty(cluster.To("PUT", "/"));
    }

    [Fact]
    public void Export_ShouldWriteTheTemplateAndBulkFilesOfTheLocalIndex()
    {
        _cli.Cluster = new FakeCluster(); // the build with the Elasticsearch commands; the export itself sends nothing
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", CliHarness.Samples).ExitCode);
        var run = _cli.RunOnIndex("export", "--format", "elasticsearch", "--out", "out", "--es-index", "news");
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var folder = Path.Combine(_cli.Root, "out");
        Assert.True(File.Exists(Path.Combine(folder, "template.json")));
        var lines = File.ReadAllLines(Path.Combine(folder, "bulk-0001.ndjson"));
        var stats = _cli.RunOnIndex("stats", "--json").Json();
        Assert.Equal(stats.GetProperty("articles").GetInt64() * 2, lines.Length);
        Assert.Contains("Exported", run.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, _cli.RunOnIndex("export", "--out", "out").ExitCode);
        var badName = _cli.RunOnIndex("export", "--format", "elasticsearch", "--out", "out2", "--es-index", "Bad Name");
        Assert.Equal(ExitCodes.Usage, badName.ExitCode);
        Assert.StartsWith("searchkit: --es-index: ", badName.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Root, "out2")), "nothing is written for a name the cluster would refuse");
    }

    [Theory]
    [InlineData("--to", "index", "docs", "--to", Url)]
    [InlineData("--from", "search", "ferry", "--from", Url)]
    [InlineData("export --format elasticsearch", "export", "--format", "elasticsearch", "--out", "out")]
    public void LeanBuild_ShouldSayInOneLineWhichToolPackageHasTheClusterCommands(string option, params string[] args)
    {
        // No cluster handler: the runs are the lean SearchKit.Cli's, which carries neither the backend nor its client.
        _cli.Generate("docs", 1);
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", "docs").ExitCode);
        var run = _cli.Run([.. args, .. option.StartsWith("export", StringComparison.Ordinal) ? ["--index", _cli.IndexPath] : Array.Empty<string>()]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var message = run.Error.Split('\n')[0];
        Assert.StartsWith($"searchkit: {option} needs the build of the tool with Elasticsearch support", message, StringComparison.Ordinal);
        Assert.Contains($"install the {CliHost.ClusterPackage} tool package", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Root, "out")));
    }
}
