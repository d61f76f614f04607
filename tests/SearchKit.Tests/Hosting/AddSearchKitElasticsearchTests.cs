using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchKit.Elasticsearch;
using SearchKit.Elasticsearch.Tests.Fakes;
using SearchKit.Extensions.Hosting;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Hosting;

/// <summary>Switching the application's <see cref="ISearchBackend"/> between the embedded index and a cluster by configuration.</summary>
public sealed class AddSearchKitElasticsearchTests
{
    [Fact]
    public void WithoutACluster_TheBackendShouldBeTheEmbeddedIndex()
    {
        using var folder = new TempFolder();
        using var provider = new ServiceCollection().AddSearchKit(o => o.IndexPath = folder.Combine("index")).BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<SearchIndex>(), provider.GetRequiredService<ISearchBackend>());
    }

    [Fact]
    public void WithAClusterInConfiguration_TheBackendShouldBeTheElasticsearchIndex()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SearchKit:Elasticsearch:Url"] = "https://es.test:9200",
            ["SearchKit:Elasticsearch:IndexName"] = "news",
            ["SearchKit:Elasticsearch:ApiKey"] = "a2V5OnNlY3JldA==",
            ["SearchKit:Elasticsearch:CertificateFingerprint"] = "AA:BB",
        }).Build();
        var cluster = FakeCluster.WithIndex();
        using var provider = new ServiceCollection()
            .AddSearchKit(configuration, configure: o => o.Elasticsearch.Handler = _ => cluster)
            .BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SearchKitOptions>>().Value.Elasticsearch.ToOptions();
        Assert.Equal("news", options.IndexName);
        Assert.Equal("a2V5OnNlY3JldA==", options.ApiKey);
        Assert.Equal("AA:BB", options.CertificateFingerprint);
        var backend = Assert.IsType<ElasticsearchIndex>(provider.GetRequiredService<ISearchBackend>());
        Assert.Equal("https://es.test:9200/news", backend.Location);
        Assert.NotEmpty(cluster.To("GET", "/news/_mapping"));
    }

    [Fact]
    public void NeitherAFolderNorACluster_ShouldFailValidationNamingBoth()
    {
        using var provider = new ServiceCollection().AddSearchKit(_ => { }).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SearchKitOptions>>().Value);
        Assert.Contains("SearchKit:Elasticsearch:Url", e.Message, StringComparison.Ordinal);
    }
}
