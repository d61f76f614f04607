using System.Diagnostics;
using SearchKit.Indexing;

namespace SearchKit.Benchmarking;

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

        return new IndexBenchmarkRun(clock.Elapsed.TotalSeconds, report.Indexed, report.Paragraphs, report.Bytes, report.Failures.Count, stats.SizeBytes, stats.Segments, peakManaged, peakProcess, peakPrivate, report.Times);
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
