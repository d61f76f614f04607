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

/// <summary>Progress of an indexing run, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="FilesDone">Files read so far (0 when indexing articles directly).</param>
/// <param name="FilesTotal">Files in the run (0 when indexing articles directly).</param>
/// <param name="Articles">Articles indexed so far.</param>
/// <param name="Bytes">Bytes of article text read so far.</param>
/// <param name="Failed">Files or lines that failed so far.</param>
public sealed record IndexingProgress(int FilesDone, int FilesTotal, long Articles, long Bytes, int Failed);

/// <summary>What an indexing run did.</summary>
public sealed record IndexingReport
{
    /// <summary>
    /// Articles new to the index. For <c>Add</c> and <c>AddAsync</c>, the growth of the index's article count over
    /// the run: exact when the run is the index's only writer (concurrent writers' articles count too).
    /// </summary>
    public long Added { get; init; }

    /// <summary>Articles that replaced an older version (by id, or by their file having changed).</summary>
    public long Updated { get; init; }

    /// <summary>Articles skipped because their file had not changed.</summary>
    public long Unchanged { get; init; }

    /// <summary>Articles removed because their file is gone.</summary>
    public long Removed { get; init; }

    /// <summary>Body paragraphs indexed.</summary>
    public long Paragraphs { get; init; }

    /// <summary>UTF-8 bytes of the title, lead and paragraphs indexed.</summary>
    public long Bytes { get; init; }

    /// <summary>Files or lines that could not be read, each with its reason; they did not stop the run.</summary>
    public IReadOnlyList<ArticleReadException> Failures { get; init; } = [];

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// True when the run was cancelled; what was indexed until then is committed, except in a rebuild
    /// (<see cref="SearchIndexOptions.Recreate"/>), which is discarded whole: see <see cref="Discarded"/>.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>
    /// True when a cancelled rebuild was thrown away: the index is still the old one, and the counts say what the
    /// discarded run had read.
    /// </summary>
    public bool Discarded { get; init; }

    /// <summary>
    /// Time spent merging the index after a bulk run (see <see cref="IndexingOptions.MergeAfterBulkRun"/>),
    /// included in <see cref="Elapsed"/>; zero when the run did not merge.
    /// </summary>
    public TimeSpan MergeElapsed { get; init; }

    /// <summary>Dot files and dot folders (hidden ones on Windows) not read; see <see cref="IndexingOptions.IncludeHidden"/>. A folder counts once.</summary>
    public int SkippedHidden { get; init; }

    /// <summary>Symbolic links to folders, which are not followed (a given path that is such a link is).</summary>
    public int SkippedFolderLinks { get; init; }

    /// <summary>Second paths to a file already read in this run (through a link, or a folder given twice or inside another given one).</summary>
    public int SkippedDuplicates { get; init; }

    /// <summary>Articles written in this run (added plus updated).</summary>
    public long Indexed => Added + Updated;
}
