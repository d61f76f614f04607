using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Tests.Live;

/// <summary>
/// The bundled samples indexed through both backends, and the sample queries compared: the same ids among the top
/// hits and the same matching paragraphs. Runs only against a live cluster (see <see cref="LiveClusterFactAttribute"/>);
/// each run uses a fresh index and deletes it (and its template) at the end.
/// </summary>
public sealed class LiveComparisonTests : IDisposable
{
    private static readonly string[] Queries = ["ferry", "\"night hours\"", "heron OR puffin", "gauge", "cookies OR comments", "harbour"];

    private readonly string _name = "searchkit-live-" + Guid.NewGuid().ToString("N")[..12];
    private ElasticsearchIndex? _cluster;

    public void Dispose()
    {
        if (_cluster is null)
        {
            return;
        }

        using var connection = new ElasticsearchConnection(LiveClusterFactAttribute.Options(_name));
        connection.Send("DELETE", "/" + _name);
        connection.Send("DELETE", "/_index_template/" + _name);
        _cluster.Dispose();
    }

    [LiveClusterFact]
    public void Samples_ShouldFindTheSameTopArticlesAndParagraphsOnBothBackends()
    {
        using var embedded = SearchIndex.CreateInMemory();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var read = embedded.IndexFiles([samples]);
        Assert.Empty(read.Failures);
        _cluster = ElasticsearchIndex.Open(LiveClusterFactAttribute.Options(_name));
        var report = _cluster.Add(ElasticsearchExport.ReadAll(embedded));
        Assert.Empty(report.Failures);
        Assert.Equal(embedded.GetStats().Articles, _cluster.GetStats().Articles);

        foreach (var query in Queries)
        {
            var options = new SearchOptions { Top = 3 };
            var local = embedded.Search(query, options);
            var remote = _cluster.Search(query, options);
            Assert.True(local.Total == remote.Total, $"{query}: {local.Total} articles embedded, {remote.Total} on the cluster");
            Assert.True(
                local.Hits.Select(h => h.Id).ToHashSet().SetEquals(remote.Hits.Select(h => h.Id)),
                $"{query}: top ids differ: {string.Join(",", local.Hits.Select(h => h.Id))} vs {string.Join(",", remote.Hits.Select(h => h.Id))}");
            foreach (var hit in local.Hits)
            {
                var other = remote.Hits.Single(h => h.Id == hit.Id);
                Assert.Equal(hit.Paragraphs.Select(p => p.Index), other.Paragraphs.Select(p => p.Index));
            }
        }
    }

    [LiveClusterFact]
    public void AMalformedQuery_ShouldBeAQueryExceptionWithTheClustersReason()
    {
        _cluster = ElasticsearchIndex.Open(LiveClusterFactAttribute.Options(_name));
        var e = Assert.Throws<SearchKitQueryException>(() => _cluster.Search("ferry AND ("));
        Assert.StartsWith("malformed query:", e.Message, StringComparison.Ordinal);
    }
}
