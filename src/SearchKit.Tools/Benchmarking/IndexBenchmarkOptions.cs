using SearchKit.Indexing;

namespace SearchKit.Benchmarking;

/// <summary>
/// Options for <see cref="IndexBenchmark.Run"/>. Every list is one axis of the matrix: one row per combination.
/// Immutable.
/// </summary>
public sealed record IndexBenchmarkOptions
{
    /// <summary>The defaults.</summary>
    public static IndexBenchmarkOptions Default { get; } = new();

    /// <summary>Indexing thread counts to compare. Default: all cores.</summary>
    public IReadOnlyList<int> Threads { get; init; } = [Environment.ProcessorCount];

    /// <summary>RAM buffer sizes (MB) to compare. Default 64.</summary>
    public IReadOnlyList<double> RamBufferMB { get; init; } = [64];

    /// <summary>Analyzers to compare. Default <c>english</c>.</summary>
    public IReadOnlyList<string> Analyzers { get; init; } = [Analysis.AnalyzerCatalog.DefaultName];

    /// <summary>Directory kinds to compare; a <see langword="null"/> entry means in memory. Default: the index default.</summary>
    public IReadOnlyList<DirectoryKind?> Directories { get; init; } = [SearchIndexOptions.Default.Directory];

    /// <summary>Measured runs per combination. Default 3.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Warm-up runs per combination, not reported (JIT, page cache). Default 1.</summary>
    public int WarmupRuns { get; init; } = 1;

    /// <summary>
    /// The folder scratch indexes are made in (each run in a fresh subfolder). Default: a new folder under the
    /// system temp folder.
    /// </summary>
    public string? WorkDirectory { get; init; }

    /// <summary>
    /// Keep the index of each combination's last run (in <see cref="WorkDirectory"/>) instead of deleting it;
    /// its path is in <see cref="IndexBenchmarkRow.KeptIndexPath"/>. Default false.
    /// </summary>
    public bool Keep { get; init; }

    /// <summary>Commit every this many articles, as <see cref="IndexingOptions.CommitEveryArticles"/>. Default 100,000.</summary>
    public int CommitEveryArticles { get; init; } = IndexingOptions.Default.CommitEveryArticles;

    /// <summary>
    /// Merge down to this many segments after each run, as <see cref="IndexingOptions.MergeAfterBulkRun"/>
    /// (default 1); <see langword="null"/> measures indexing alone. The merge is single-threaded.
    /// </summary>
    public int? MergeAfterBulkRun { get; init; } = IndexingOptions.Default.MergeAfterBulkRun;

    /// <summary>Every combination of the axes, in a fixed order.</summary>
    public IReadOnlyList<IndexBenchmarkSettings> Combinations() =>
        [.. from t in Threads from r in RamBufferMB from a in Analyzers from d in Directories select new IndexBenchmarkSettings(t, r, a, d)];

    internal void Validate()
    {
        if (Threads.Count == 0 || RamBufferMB.Count == 0 || Analyzers.Count == 0 || Directories.Count == 0)
        {
            throw new ArgumentException("every benchmark axis needs at least one value");
        }

        if (Threads.Any(t => t < 1) || RamBufferMB.Any(r => r is <= 0 or > 2047) || Runs < 1 || WarmupRuns < 0 || CommitEveryArticles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IndexBenchmarkOptions), "threads ≥ 1, RAM buffer between 0 and 2047 MB, runs ≥ 1, warm-up runs ≥ 0");
        }

        foreach (var a in Analyzers.Where(a => !Analysis.AnalyzerCatalog.IsKnown(a)))
        {
            throw new ArgumentException($"unknown analyzer '{a}'; known: {string.Join(", ", Analysis.AnalyzerCatalog.Names)}", nameof(Analyzers));
        }
    }
}
