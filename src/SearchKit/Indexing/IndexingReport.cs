namespace SearchKit.Indexing;

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

    /// <summary>Where the run's time went: listing, reading, indexing, commits, the merge.</summary>
    public IndexingTimes Times { get; init; } = new();

    /// <summary>Dot files and dot folders (hidden ones on Windows) not read; see <see cref="IndexingOptions.IncludeHidden"/>. A folder counts once.</summary>
    public int SkippedHidden { get; init; }

    /// <summary>Symbolic links to folders, which are not followed (a given path that is such a link is).</summary>
    public int SkippedFolderLinks { get; init; }

    /// <summary>Second paths to a file already read in this run (through a link, or a folder given twice or inside another given one).</summary>
    public int SkippedDuplicates { get; init; }

    /// <summary>Articles written in this run (added plus updated).</summary>
    public long Indexed => Added + Updated;
}
