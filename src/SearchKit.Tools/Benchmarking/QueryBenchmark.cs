using System.Diagnostics;

namespace SearchKit.Benchmarking;

/// <summary>
/// Measures search speed: a list of queries run round-robin for a fixed time after a warm-up, first by one
/// client thread, then by <see cref="QueryBenchmarkOptions.Concurrency"/> threads at once. Every query is run
/// once first, so a malformed one fails fast with its line number. Writes nothing to the console.
/// </summary>
public static class QueryBenchmark
{
    /// <summary>Runs the benchmark on an open index.</summary>
    /// <exception cref="SearchKitQueryException">A query is malformed; the message names its position (from 1).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static QueryBenchmarkResult Run(SearchIndex index, IReadOnlyList<string> queries, QueryBenchmarkOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        options ??= QueryBenchmarkOptions.Default;
        options.Validate();
        if (queries.Count == 0)
        {
            throw new ArgumentException("no queries given", nameof(queries));
        }

        var environment = BenchmarkEnvironment.Current();
        var hits = new long[queries.Count];
        for (int q = 0; q < queries.Count; q++)
        {
            try
            {
                hits[q] = index.Search(queries[q], options.Search).Total;
            }
            catch (SearchKitQueryException e)
            {
                throw new SearchKitQueryException($"query {q + 1}: {e.Message}", queries[q], inner: e);
            }
        }

        var phases = new List<QueryPhaseResult> { Phase(index, queries, hits, 1, options, cancellation) };
        if (options.Concurrency > 1)
        {
            phases.Add(Phase(index, queries, hits, options.Concurrency, options, cancellation));
        }

        return new QueryBenchmarkResult(index.Location, index.GetStats(topTerms: 0).Articles, environment, options.Search.Paragraphs, options.Search.Passages, phases);
    }

    /// <summary>
    /// Reads a queries file: one query a line; blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyList<string> ReadQueries(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such queries file", path);
        }

        return [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    private static QueryPhaseResult Phase(SearchIndex index, IReadOnlyList<string> queries, long[] hits, int clients, QueryBenchmarkOptions options, CancellationToken cancellation)
    {
        // Every client records into its own buffers; they are merged when the phase ends, so recording adds no contention.
        var latencies = new List<long>[clients];
        var perQueryTicks = new long[clients][];
        var perQueryRuns = new long[clients][];
        long warmEnd = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        long end = warmEnd + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var threads = new Thread[clients];
        Exception? failure = null;
        for (int c = 0; c < clients; c++)
        {
            int client = c;
            latencies[c] = new List<long>(1 << 14);
            perQueryTicks[c] = new long[queries.Count];
            perQueryRuns[c] = new long[queries.Count];
            threads[c] = new Thread(() =>
            {
                try
                {
                    // Clients start at different queries so they do not run the same one in lockstep.
                    int q = client * queries.Count / clients;
                    long now;

                    // Each client measures at least one query, even when a stalled machine starts it after the window
                    // has closed: a phase that measured nothing would report nothing.
                    while (((now = Stopwatch.GetTimestamp()) < end || latencies[client].Count == 0) && !cancellation.IsCancellationRequested)
                    {
                        index.Search(queries[q], options.Search);
                        long after = Stopwatch.GetTimestamp();
                        if (now >= warmEnd)
                        {
                            latencies[client].Add(after - now);
                            perQueryTicks[client][q] += after - now;
                            perQueryRuns[client][q]++;
                        }

                        q = (q + 1) % queries.Count;
                    }
                }
                catch (Exception e) when (e is SearchKitException or IOException or ObjectDisposedException)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            })
            {
                IsBackground = true,
                Name = $"searchkit-bench-client-{c}",
            };
        }

        foreach (var t in threads)
        {
            t.Start();
        }

        // Process CPU over the measured window only: sampled when the warm-up ends and when the clients stop.
        using var process = Process.GetCurrentProcess();
        Thread.Sleep(TimeSpan.FromTicks(Math.Max(0, (warmEnd - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;

        foreach (var t in threads)
        {
            t.Join();
        }

        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        cancellation.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            throw new SearchKitException($"the query benchmark failed: {failure.Message}", failure);
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double ToMs(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => all.Length == 0 ? 0 : ToMs(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
        var perQuery = new List<QueryStat>(queries.Count);
        for (int q = 0; q < queries.Count; q++)
        {
            long runs = perQueryRuns.Sum(r => r[q]);
            long ticks = perQueryTicks.Sum(r => r[q]);
            perQuery.Add(new QueryStat(queries[q], runs, runs == 0 ? 0 : ToMs((double)ticks / runs), hits[q]));
        }

        double seconds = options.Duration.TotalSeconds;
        return new QueryPhaseResult(
            clients,
            all.Length,
            seconds,
            all.Length / seconds,
            all.Length == 0 ? 0 : ToMs(all.Average(x => (double)x)),
            Percentile(0.50),
            Percentile(0.95),
            Percentile(0.99),
            all.Length == 0 ? 0 : ToMs(all[^1]),
            perQuery,
            [.. perQuery.OrderByDescending(s => s.MeanMs).Take(options.SlowestCount)],
            all.Length == 0 ? 0 : cpuMs / all.Length);
    }
}
