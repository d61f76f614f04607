// In its own folder (a client of SearchIndex, not an indexing stage) but still in SearchKit.Indexing, so the
// public API does not change.
namespace SearchKit.Indexing;

/// <summary>Options for a <see cref="FolderWatcher"/>. Immutable.</summary>
public sealed record FolderWatcherOptions
{
    /// <summary>The defaults.</summary>
    public static FolderWatcherOptions Default { get; } = new();

    /// <summary>
    /// How long the folder must stay quiet after a change before the index is brought in step, so that a
    /// burst of changes (a copy, an unzip, an editor's save dance) becomes one batch. Default 300 ms.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The longest a change waits while the folder keeps changing: a steady trickle of writes still reaches
    /// the index this often. Default 2 seconds.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the whole folder is rescanned even when no change was signalled: a safety net for changes
    /// the operating system did not report (network shares, a full event queue). <see cref="Timeout.InfiniteTimeSpan"/>
    /// turns it off. Default 1 minute.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Options of each indexing run (commit cadence, threads, format). Default <see cref="IndexingOptions.Default"/>.</summary>
    public IndexingOptions Indexing { get; init; } = IndexingOptions.Default;

    internal void Validate()
    {
        if (Debounce < TimeSpan.Zero || MaxDelay < Debounce || (RescanInterval <= TimeSpan.Zero && RescanInterval != Timeout.InfiniteTimeSpan))
        {
            throw new ArgumentOutOfRangeException(nameof(FolderWatcherOptions), "the debounce must be ≥ 0, the longest delay at least the debounce, and the rescan interval positive or infinite");
        }

        ArgumentNullException.ThrowIfNull(Indexing, nameof(Indexing));
    }
}
