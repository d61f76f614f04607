using System.Diagnostics;
using SearchKit.Indexing;

namespace SearchKit.Benchmarking;

/// <summary>One indexing configuration of an <see cref="IndexBenchmark"/> matrix.</summary>
/// <param name="Threads">Indexing threads.</param>
/// <param name="RamBufferMB">The writer's RAM buffer in MB.</param>
/// <param name="Analyzer">The analyzer name (see <see cref="Analysis.AnalyzerCatalog"/>).</param>
/// <param name="Directory">The on-disk directory implementation, or <see langword="null"/> for an in-memory index.</param>
public sealed record IndexBenchmarkSettings(int Threads, double RamBufferMB, string Analyzer, DirectoryKind? Directory)
{
    /// <summary>A short label such as <c>t2 ram64 english nio</c>.</summary>
    public string Label => $"t{Threads} ram{RamBufferMB:0.##} {Analyzer} {Directory?.ToString().ToLowerInvariant() ?? "memory"}";
}

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

/// <summary>Progress of an index benchmark: which combination and run is about to start.</summary>
/// <param name="Settings">The combination.</param>
/// <param name="Run">The run number from 1; warm-up runs are numbered 0.</param>
/// <param name="Done">Runs finished so far (warm-ups included).</param>
/// <param name="Total">Runs in the whole benchmark (warm-ups included).</param>
public sealed record IndexBenchmarkProgress(IndexBenchmarkSettings Settings, int Run, int Done, int Total);

/// <summary>
/// Measures end-to-end indexing (read, parse, analyse, index, commit) over a matrix of settings. Each
/// combination is warmed up, then measured <see cref="IndexBenchmarkOptions.Runs"/> times; the runs are
/// interleaved round by round, alternating the order of combinations, so drift on a noisy machine hits every
/// combination alike. Writes nothing to the console.
/// </summary>
public static class IndexBenchmark
{
    /// <summary>Runs the benchmark. Each run indexes into a fresh scratch index, deleted afterwards unless kept.</summary>
    /// <exception cref="SearchKitException">Indexing failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static IndexBenchmarkResult Run(BenchmarkCorpus corpus, IndexBenchmarkOptions? options = null, IProgress<IndexBenchmarkProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        options ??= IndexBenchmarkOptions.Default;
        options.Validate();
        var environment = BenchmarkEnvironment.Current();
        var combos = options.Combinations();
        string work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "searchkit-bench-" + Guid.NewGuid().ToString("N")[..8]);
        bool ownsWork = options.WorkDirectory is null;
        System.IO.Directory.CreateDirectory(work);
        var runs = combos.Select(_ => new List<IndexBenchmarkRun>()).ToArray();
        var kept = new string?[combos.Count];
        int total = combos.Count * (options.WarmupRuns + options.Runs);
        int done = 0;
        try
        {
            for (int round = 0; round < options.WarmupRuns + options.Runs; round++)
            {
                bool warm = round < options.WarmupRuns;
                var order = Enumerable.Range(0, combos.Count);
                if (round % 2 == 1)
                {
                    order = order.Reverse();
                }

                foreach (int c in order)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int number = warm ? 0 : round - options.WarmupRuns + 1;
                    progress?.Report(new IndexBenchmarkProgress(combos[c], number, done, total));
                    bool last = round == options.WarmupRuns + options.Runs - 1;
                    var folder = Path.Combine(work, $"c{c}-r{round}");
                    var run = RunOnce(corpus, combos[c], folder, options, cancellation, keep: options.Keep && last);
                    if (options.Keep && last)
                    {
                        kept[c] = folder;
                    }

                    if (!warm)
                    {
                        runs[c].Add(run);
                    }

                    done++;
                }
            }
        }
        finally
        {
            if (ownsWork && !options.Keep)
            {
                TryDelete(work);
            }
        }

        var rows = combos.Select((s, i) => IndexBenchmarkRow.From(s, runs[i], kept[i])).ToList();
        return new IndexBenchmarkResult(corpus.Name, environment, options.Runs, options.WarmupRuns, rows);
    }

    private static IndexBenchmarkRun RunOnce(BenchmarkCorpus corpus, IndexBenchmarkSettings settings, string folder, IndexBenchmarkOptions options, CancellationToken cancellation, bool keep)
    {
        TryDelete(folder);

        // Start every run from the same heap, so one run's garbage is not charged to the next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var indexOptions = new SearchIndexOptions
        {
            AnalyzerName = settings.Analyzer,
            RamBufferMB = settings.RamBufferMB,
            IndexingThreads = settings.Threads,
            Directory = settings.Directory ?? SearchIndexOptions.Default.Directory,
        };
        var indexing = new IndexingOptions { Threads = settings.Threads, CommitEveryArticles = options.CommitEveryArticles, MergeAfterBulkRun = options.MergeAfterBulkRun };
        var clock = Stopwatch.StartNew();
        IndexingReport report;
        IndexStats stats;
        long peakManaged, peakProcess, peakPrivate;
        using (var memory = new MemorySampler(TimeSpan.FromMilliseconds(20)))
        {
            using var index = settings.Directory is null ? SearchIndex.CreateInMemory(indexOptions) : SearchIndex.Open(folder, indexOptions);
            report = corpus.IndexInto(index, indexing, cancellation);
            clock.Stop();
            stats = index.GetStats(topTerms: 0);
            memory.Sample();
            peakManaged = memory.PeakManagedBytes;
            peakProcess = memory.PeakProcessBytes;
            peakPrivate = memory.PeakPrivateBytes;
        }

        if (!keep)
        {
            TryDelete(folder);
        }

        return new IndexBenchmarkRun(clock.Elapsed.TotalSeconds, report.Indexed, report.Paragraphs, report.Bytes, report.Failures.Count, stats.SizeBytes, stats.Segments, peakManaged, peakProcess, peakPrivate);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A scratch folder that cannot be removed (a file still open elsewhere) is left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
