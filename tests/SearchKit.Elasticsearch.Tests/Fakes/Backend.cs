namespace SearchKit.Elasticsearch.Tests.Fakes;

/// <summary>Opens an <see cref="ElasticsearchIndex"/> on a <see cref="FakeCluster"/>.</summary>
internal static class Backend
{
    public static ElasticsearchOptions Options(string index = "news") =>
        new() { Url = new Uri("http://es.test:9200/"), IndexName = index, Bulk = BulkOptions.Default with { InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero } };

    public static ElasticsearchIndex Open(FakeCluster cluster, ElasticsearchOptions? options = null, bool create = true, List<TimeSpan>? waits = null) =>
        ElasticsearchIndex.Open(options ?? Options(), create, _ => cluster, waits is null ? _ => { } : waits.Add);
}
