using SearchKit.Elasticsearch;

namespace SearchKit.Cli.Cluster;

/// <summary>
/// An Elasticsearch index named on the command line as <c>URL[/INDEX]</c> (<c>--to</c>, <c>--from</c>), with the
/// credentials from the environment, never from arguments (which other users of the machine can read):
/// <c>SEARCHKIT_ELASTICSEARCH_API_KEY</c>, or <c>SEARCHKIT_ELASTICSEARCH_USER</c> and <c>SEARCHKIT_ELASTICSEARCH_PASSWORD</c>,
/// and <c>SEARCHKIT_ELASTICSEARCH_FINGERPRINT</c> for a cluster with a self-signed certificate.
/// </summary>
internal static class ClusterTarget
{
    public const string ApiKeyVariable = "SEARCHKIT_ELASTICSEARCH_API_KEY";
    public const string UserVariable = "SEARCHKIT_ELASTICSEARCH_USER";
    public const string PasswordVariable = "SEARCHKIT_ELASTICSEARCH_PASSWORD";
    public const string FingerprintVariable = "SEARCHKIT_ELASTICSEARCH_FINGERPRINT";

    /// <summary>The options for <paramref name="urlAndIndex"/>.</summary>
    /// <exception cref="UsageException">The text is not <c>URL[/INDEX]</c>, or the index name is not one Elasticsearch accepts.</exception>
    public static ElasticsearchOptions Options(CliHost host, string urlAndIndex, string option)
    {
        ElasticsearchOptions options;
        try
        {
            options = ElasticsearchOptions.FromUrl(urlAndIndex);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        string? Get(string name) => host.Environment.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        return options with
        {
            ApiKey = Get(ApiKeyVariable),
            Username = Get(UserVariable),
            Password = Get(PasswordVariable),
            CertificateFingerprint = Get(FingerprintVariable),
        };
    }

    /// <summary>
    /// Opens the index on the cluster (creating it when <paramref name="create"/>), its requests through
    /// <paramref name="handler"/> when given (tests answer with a fake cluster). The caller disposes it.
    /// </summary>
    public static ElasticsearchIndex Open(CliHost host, string urlAndIndex, string option, bool create, Func<HttpMessageHandler, HttpMessageHandler>? handler)
    {
        var options = Options(host, urlAndIndex, option);
        try
        {
            return ElasticsearchIndex.Open(options, create, handler);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
