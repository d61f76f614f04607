namespace SearchKit.Elasticsearch;

/// <summary>
/// Where the index lives on a cluster and how to reach it. Immutable; validated when an
/// <see cref="ElasticsearchIndex"/> is opened.
/// </summary>
public sealed record ElasticsearchOptions
{
    /// <summary>The index name used when none is given: <c>searchkit</c>.</summary>
    public const string DefaultIndexName = "searchkit";

    /// <summary>The cluster's URL (<c>http://localhost:9200</c>). Required.</summary>
    public Uri? Url { get; init; }

    /// <summary>The index name; also names its index template. Default <see cref="DefaultIndexName"/>.</summary>
    public string IndexName { get; init; } = DefaultIndexName;

    /// <summary>An API key (the base64 "encoded" form Elasticsearch gives), instead of a user and password. Default none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The user for basic authentication, with <see cref="Password"/>. Default none.</summary>
    public string? Username { get; init; }

    /// <summary>The password of <see cref="Username"/>. Default none.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The SHA-256 fingerprint of the cluster's CA certificate (hex, colons allowed), for a cluster with a
    /// self-signed certificate such as a fresh local one. Default none: the system's trust store decides.
    /// </summary>
    public string? CertificateFingerprint { get; init; }

    /// <summary>The ranking: BM25 k1 and b (set on the index when it is created) and the field weights and combination (used by each search). Default <see cref="RankingOptions.Default"/>.</summary>
    public RankingOptions Ranking { get; init; } = RankingOptions.Default;

    /// <summary>How bulk indexing batches, parallelises and retries. Default <see cref="BulkOptions.Default"/>.</summary>
    public BulkOptions Bulk { get; init; } = BulkOptions.Default;

    /// <summary>Primary shards of a new index. Default 1; see docs/scaling.md for sizing.</summary>
    public int Shards { get; init; } = 1;

    /// <summary>Replicas of each shard of a new index; null leaves the cluster's default (1). Default null.</summary>
    public int? Replicas { get; init; }

    /// <summary>The longest one request may take. Default 60 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where the index lives as text: <c>URL</c> or <c>URL/INDEX</c> (<c>http://localhost:9200/news</c>); an index
    /// name in the path overrides <see cref="DefaultIndexName"/>. Credentials and the fingerprint are not part of it.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not an http(s) URL, or the path is not one index name.</exception>
    public static ElasticsearchOptions FromUrl(string urlAndIndex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urlAndIndex);
        if (!Uri.TryCreate(urlAndIndex.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{urlAndIndex}' is not an http:// or https:// URL", nameof(urlAndIndex));
        }

        var segments = uri.AbsolutePath.Trim('/');
        if (segments.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{urlAndIndex}': the path may be only an index name (URL/INDEX)", nameof(urlAndIndex));
        }

        var root = new UriBuilder(uri) { Path = "/", Query = string.Empty, Fragment = string.Empty }.Uri;
        return new ElasticsearchOptions { Url = root, IndexName = segments.Length == 0 ? DefaultIndexName : Uri.UnescapeDataString(segments) };
    }

    internal void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri)
        {
            throw new ArgumentException("Elasticsearch: the cluster URL is required", nameof(Url));
        }

        if (IndexProblem(IndexName) is { } problem)
        {
            throw new ArgumentException($"Elasticsearch: {problem}", nameof(IndexName));
        }

        if (Username is not null != Password is not null)
        {
            throw new ArgumentException("Elasticsearch: give both a user and a password, or neither", nameof(Username));
        }

        if (ApiKey is not null && Username is not null)
        {
            throw new ArgumentException("Elasticsearch: give an API key or a user and password, not both", nameof(ApiKey));
        }

        if (Shards < 1 || Replicas < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Shards), "Elasticsearch: shards must be ≥ 1 and replicas ≥ 0");
        }

        ArgumentNullException.ThrowIfNull(Ranking, nameof(Ranking));
        ArgumentNullException.ThrowIfNull(Bulk, nameof(Bulk));
        Bulk.Validate();
    }

    /// <summary>Why Elasticsearch would refuse <paramref name="name"/> as an index name, or null (its documented rules).</summary>
    internal static string? IndexProblem(string? name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or "..")
        {
            return "an index name may not be empty, '.' or '..'";
        }

        if (name.Length > 255 || name != name.ToLowerInvariant() || name[0] is '-' or '_' or '+' || name.IndexOfAny(['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':']) >= 0)
        {
            return $"'{name}' is not a valid index name (lower case, no spaces or \\ / * ? \" < > | , # :, not starting with - _ +)";
        }

        return null;
    }
}
