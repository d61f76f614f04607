namespace SearchKit.Indexing;

/// <summary>
/// Where the time of an indexing run went. Listing, commits and the merge are wall time on the run's critical
/// path; reading runs on a thread of its own beside the indexing threads, and the indexing threads' times are
/// summed over the threads (thread-seconds), so that a reader can tell whether they were kept busy.
/// </summary>
public sealed record IndexingTimes
{
    /// <summary>Listing the files and folders given (file runs only), before anything is read.</summary>
    public TimeSpan Listing { get; init; }

    /// <summary>The reader thread reading, hashing and splitting files (file runs and streams), beside the indexing threads.</summary>
    public TimeSpan Reading { get; init; }

    /// <summary>Thread-seconds the indexing threads spent parsing, analysing and writing articles (including waits behind a commit).</summary>
    public TimeSpan Indexing { get; init; }

    /// <summary>Thread-seconds the indexing threads waited for the reader (file runs): high when reading is the bottleneck.</summary>
    public TimeSpan WaitingForInput { get; init; }

    /// <summary>Commits during the run and the final one: flushing the threads' buffers to segments and syncing them.</summary>
    public TimeSpan Commits { get; init; }

    /// <summary>The last of <see cref="Commits"/>, which runs alone at the end of the run.</summary>
    public TimeSpan FinalCommit { get; init; }

    /// <summary>How many commits the run made.</summary>
    public int CommitCount { get; init; }

    /// <summary>The merge after a bulk run (<see cref="IndexingReport.MergeElapsed"/>).</summary>
    public TimeSpan Merge { get; init; }
}
