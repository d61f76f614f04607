namespace SearchKit.Elasticsearch;

/// <summary>How <see cref="ElasticsearchIndex.Add"/> sends articles: in bounded requests, a few at a time, retrying when the cluster pushes back. Immutable.</summary>
public sealed record BulkOptions
{
    /// <summary>The defaults.</summary>
    public static BulkOptions Default { get; } = new();

    /// <summary>The most articles in one <c>_bulk</c> request. Default 500.</summary>
    public int MaxArticles { get; init; } = 500;

    /// <summary>The most bytes of NDJSON in one request (an article larger than this goes alone). Default 5 MiB, Elasticsearch's advice for a start.</summary>
    public int MaxBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Requests in flight at once; <see cref="SearchKit.Indexing.IndexingOptions.Threads"/> overrides it for one run. Default 2.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Retries of a request, or of the articles in it, that the cluster refused with 429 (too many requests) or 503. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The wait before the first retry; each further retry waits twice as long, with jitter. Default 500 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between retries. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (MaxArticles < 1 || MaxBytes < 1024 || Concurrency < 1 || MaxRetries < 0 || InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(BulkOptions), "bulk: articles ≥ 1, bytes ≥ 1024, concurrency ≥ 1, retries ≥ 0, backoffs ≥ 0 and the longest not below the first");
        }
    }
}
