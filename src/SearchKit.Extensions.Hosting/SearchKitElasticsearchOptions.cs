using SearchKit.Elasticsearch;

namespace SearchKit.Extensions.Hosting;

/// <summary>
/// The cluster an application's articles live on instead of a local folder, bound from the <c>"SearchKit:Elasticsearch"</c>
/// section. With a <see cref="Url"/> set, <c>AddSearchKit</c> registers an <see cref="ElasticsearchIndex"/> as the
/// application's <see cref="ISearchBackend"/>; without one, the embedded <see cref="SearchIndex"/>. Mutable for the
/// configuration binder; turned into <see cref="ElasticsearchOptions"/> once, when the index is opened.
/// </summary>
public sealed class SearchKitElasticsearchOptions
{
    /// <summary>The cluster's URL (<c>http://localhost:9200</c>). Default none: the embedded index is used.</summary>
    public string? Url { get; set; }

    /// <summary>The index name. Default <see cref="ElasticsearchOptions.DefaultIndexName"/>.</summary>
    public string? IndexName { get; set; }

    /// <summary>An API key (the base64 "encoded" form). Default none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A user for basic authentication, with <see cref="Password"/>. Default none.</summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>. Default none.</summary>
    public string? Password { get; set; }

    /// <summary>The SHA-256 fingerprint of the cluster's CA certificate, for a self-signed one. Default none.</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Whether a cluster is configured.</summary>
    public bool IsSet => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Routes the cluster's requests through a handler (tests).</summary>
    internal Func<HttpMessageHandler, HttpMessageHandler>? Handler { get; set; }

    /// <summary>The library options these settings describe.</summary>
    /// <exception cref="ArgumentException">The URL is not an http(s) URL.</exception>
    public ElasticsearchOptions ToOptions()
    {
        var options = ElasticsearchOptions.FromUrl(Url!);
        return options with
        {
            IndexName = string.IsNullOrWhiteSpace(IndexName) ? options.IndexName : IndexName,
            ApiKey = Blank(ApiKey),
            Username = Blank(Username),
            Password = Blank(Password),
            CertificateFingerprint = Blank(CertificateFingerprint),
        };
    }

    internal ElasticsearchIndex Open() => ElasticsearchIndex.Open(ToOptions(), createIfMissing: true, Handler);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
