namespace SearchKit.Elasticsearch.Tests.Live;

/// <summary>
/// A fact that needs a real Elasticsearch cluster: it runs when <c>SEARCHKIT_ELASTICSEARCH_URL</c> names one
/// (<c>http://localhost:9200</c>; optional <c>SEARCHKIT_ELASTICSEARCH_API_KEY</c>, or <c>_USER</c> and <c>_PASSWORD</c>,
/// and <c>_FINGERPRINT</c>) and is skipped with that reason otherwise. xunit 2 has no dynamic skip, so the
/// attribute decides when the test is discovered.
/// </summary>
internal sealed class LiveClusterFactAttribute : FactAttribute
{
    public const string Variable = "SEARCHKIT_ELASTICSEARCH_URL";

    public LiveClusterFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"no live cluster: set {Variable} (for example http://localhost:9200) to run the live Elasticsearch suite";
        }
    }

    /// <summary>The options for a fresh index on the live cluster.</summary>
    public static ElasticsearchOptions Options(string indexName)
    {
        string? Get(string suffix) => Environment.GetEnvironmentVariable(Variable.Replace("_URL", suffix, StringComparison.Ordinal)) is { Length: > 0 } v ? v : null;
        return ElasticsearchOptions.FromUrl(Environment.GetEnvironmentVariable(Variable)!) with
        {
            IndexName = indexName,
            ApiKey = Get("_API_KEY"),
            Username = Get("_USER"),
            Password = Get("_PASSWORD"),
            CertificateFingerprint = Get("_FINGERPRINT"),
        };
    }
}
