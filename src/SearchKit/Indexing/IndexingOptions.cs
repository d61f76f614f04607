using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>Options for one bulk indexing run.</summary>
public sealed record IndexingOptions
{
    /// <summary>The defaults.</summary>
    public static IndexingOptions Default { get; } = new();

    /// <summary>Threads to parse and analyse with; <see langword="null"/> uses <see cref="SearchIndexOptions.IndexingThreads"/>.</summary>
    public int? Threads { get; init; }

    /// <summary>Commit after this many articles, so an interruption loses at most that many. Default 100,000.</summary>
    /// <remarks>
    /// Each commit flushes a segment per indexing thread while the run waits: windows of 10,000 articles cost a
    /// fifth of the wall time of a 36,000-article run (docs/benchmarks.md). A minute of work is the bound that matters.
    /// </remarks>
    public int CommitEveryArticles { get; init; } = 100_000;

    /// <summary>Commit after this much time, so an interruption loses at most that window. Default 60 s.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How files are read (file runs only). Default: by extension.</summary>
    public ArticleFormat Format { get; init; } = ArticleFormat.Auto;

    /// <summary>Re-read and re-index every file even when its content hash is unchanged. Default false.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Remove the articles of files that lie under one of the given folders but are no longer listed there (deleted,
    /// renamed, or no longer read, such as a dot file without <see cref="IncludeHidden"/>). The articles of a folder
    /// that could not be listed, or of a file that could not be examined, stay. Default true.
    /// </summary>
    public bool RemoveMissing { get; init; } = true;

    /// <summary>
    /// Read dot files and descend into dot folders (and, on Windows, hidden ones) too. Default false: they are
    /// skipped, and <see cref="IndexingReport.SkippedHidden"/> counts them.
    /// </summary>
    public bool IncludeHidden { get; init; }

    /// <summary>A test seam: lists a folder's entries (full paths) instead of the file system, to make one fail.</summary>
    internal Func<string, IEnumerable<string>>? ListFolder { get; init; }

    /// <summary>
    /// After a bulk run — one that wrote at least half of the index's articles, such as a first build or a
    /// rebuild — merge the index down to this many segments, so that searches do not pay for the segment each
    /// commit window left behind. Default 1; <see langword="null"/> leaves merging to Lucene's merge policy.
    /// Runs that change a small part of a large index never merge it whole.
    /// </summary>
    public int? MergeAfterBulkRun { get; init; } = 1;

    internal void Validate()
    {
        if (Threads is < 1 || CommitEveryArticles < 1 || CommitInterval <= TimeSpan.Zero || MergeAfterBulkRun is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IndexingOptions), "indexing options must be positive");
        }
    }
}
