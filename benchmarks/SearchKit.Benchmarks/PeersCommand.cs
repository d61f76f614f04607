using System.Diagnostics;
using System.Globalization;
using SearchKit.Articles;
using SearchKit.Benchmarking;
using SearchKit.Indexing;
using SearchKit.Searching;

namespace SearchKit.Benchmarks;

/// <summary>
/// SearchKit in the shape of the peer harnesses (raw Lucene.Net, Java Lucene, Xapian; kept outside this repository): same arguments, same RESULT line, one process per run.
/// <code>
///   peers index   INDEXDIR CORPUS THREADS [nomerge]  (RAM buffer 256 MB like the peers; SEARCHKIT_RAM overrides)
///   peers search  INDEXDIR QUERIES SECONDS [CONCURRENCY] [paragraphs]
///   peers analyze -        CORPUS THREADS      (read + parse + the same analyzer: the floor)
///   peers dirs    SECONDS  [CONCURRENCY]       (mmap / nio / simple on the synthetic query index)
///   peers qcompare INDEXDIR QUERIES SECONDS ROUNDS (in one process, interleaved: raw query loop vs SearchKit)
///   peers optimize INDEXDIR SEGMENTS         (merge an index down, to price segment count in search)
///   peers exceptions INDEXDIR QUERIES        (first-chance exceptions per query)
///   peers queries                            (the synthetic corpus's sample queries, one a line)
///   peers bench   CORPUS   THREADS,... RUNS    (the library's IndexBenchmark, in-process, CSV to stdout)
///   peers compare CORPUS   THREADS ROUNDS      (in one process, interleaved: raw loop, SearchKit, analysis floor)
/// </code>
/// </summary>
public static class PeersCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args switch
            {
                ["index", var ix, var corpus, var threads] => Index(ix, corpus, int.Parse(threads, CultureInfo.InvariantCulture), merge: true, output),
                ["index", var ix, var corpus, var threads, "nomerge"] => Index(ix, corpus, int.Parse(threads, CultureInfo.InvariantCulture), merge: false, output),
                ["search", var ix, var queries, var secs, .. var more] => Search(ix, queries, double.Parse(secs, CultureInfo.InvariantCulture), more, output),
                ["analyze", _, var corpus, var threads] => Analyze(corpus, int.Parse(threads, CultureInfo.InvariantCulture), output),
                ["dirs", var secs, .. var more] => Directories(double.Parse(secs, CultureInfo.InvariantCulture), more.Length > 0 ? int.Parse(more[0], CultureInfo.InvariantCulture) : 2, output),
                ["compare", var corpus, var threads, var rounds] => Compare(corpus, int.Parse(threads, CultureInfo.InvariantCulture), int.Parse(rounds, CultureInfo.InvariantCulture), output),
                ["qcompare", var ix, var queries, var secs, var rounds] => QueryCompare(ix, queries, double.Parse(secs, CultureInfo.InvariantCulture), int.Parse(rounds, CultureInfo.InvariantCulture), output),
                ["optimize", var ix, var segments] => Optimize(ix, int.Parse(segments, CultureInfo.InvariantCulture), output),
                ["exceptions", var ix, var queries] => Exceptions(ix, queries, output),
                ["queries"] => Lines(new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 0 }).SampleQueries(4), output),
                ["bench", var corpus, var threads, var runs] => Bench(corpus, threads, int.Parse(runs, CultureInfo.InvariantCulture), output),
                _ => Usage(error),
            };
        }
        catch (Exception e) when (e is SearchKitException or IOException or FormatException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int QueryCompare(string ix, string queriesFile, double secs, int rounds, TextWriter output)
    {
        var queries = QueryBenchmark.ReadQueries(queriesFile);
        using var raw = new RawQueries(ix);
        using var index = SearchIndex.Open(ix, new SearchIndexOptions { ReadOnly = true });
        var light = new QueryBenchmarkOptions { Duration = TimeSpan.FromSeconds(secs), Warmup = TimeSpan.Zero, Concurrency = 1, Search = new SearchOptions { Paragraphs = false } };
        var full = light with { Search = SearchOptions.Default };
        var ratios = new List<double>();
        var extra = new List<double>();
        raw.Run(queries, secs); // warm-up
        QueryBenchmark.Run(index, queries, full);
        for (int round = 1; round <= rounds; round++)
        {
            var (n, cpu, wall) = raw.Run(queries, secs);
            var sk = QueryBenchmark.Run(index, queries, light).Phases[0];
            var sp = QueryBenchmark.Run(index, queries, full).Phases[0];
            double rawCpu = cpu / n;
            ratios.Add(rawCpu / sk.CpuMsPerQuery);
            extra.Add(sp.P50Ms - sk.P50Ms);
            output.WriteLine(FormattableString.Invariant(
                $"RUN round={round} raw_qps={n * 1000 / wall:0.#} raw_cpu_ms_per_q={rawCpu:0.###} sk_qps={sk.QueriesPerSecond:0.#} sk_cpu_ms_per_q={sk.CpuMsPerQuery:0.###} sk_p50={sk.P50Ms:0.###} sk_paragraphs_qps={sp.QueriesPerSecond:0.#} sk_paragraphs_cpu_ms_per_q={sp.CpuMsPerQuery:0.###} sk_paragraphs_p50={sp.P50Ms:0.###}"));
        }

        output.WriteLine(FormattableString.Invariant($"RESULT engine=searchkit mode=qcompare sk_speed_vs_raw_cpu={Spread.Of(ratios).Median:0.###} paragraphs_extra_p50_ms={Spread.Of(extra).Median:0.###}"));
        return 0;
    }

    private static int Optimize(string ix, int segments, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        using var index = SearchIndex.Open(ix, new SearchIndexOptions { CreateIfMissing = false });
        index.Optimize(segments);
        output.WriteLine(FormattableString.Invariant($"RESULT engine=searchkit mode=optimize segments={index.GetStats(0).Segments} secs={clock.Elapsed.TotalSeconds:0.###}"));
        return 0;
    }

    /// <summary>Counts first-chance exceptions per query (exceptions on the hot path cost tens of µs each).</summary>
    private static int Exceptions(string ix, string queriesFile, TextWriter output)
    {
        using var index = SearchIndex.Open(ix, new SearchIndexOptions { ReadOnly = true });
        var queries = QueryBenchmark.ReadQueries(queriesFile);
        foreach (var q in queries)
        {
            index.Search(q); // warm
        }

        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> handler = (_, e) =>
            seen.Enqueue(e.Exception.GetType().Name + " " + new StackTrace(2, false).ToString().Split('\n').Take(4).Aggregate((a, b) => a + " | " + b.Trim()));
        AppDomain.CurrentDomain.FirstChanceException += handler;
        foreach (var q in queries)
        {
            seen.Clear();
            index.Search(q, new SearchOptions { Paragraphs = false });
            index.Search(q);
            output.WriteLine($"{seen.Count} {q}");
            foreach (var g in seen.GroupBy(x => x).Take(3))
            {
                output.WriteLine($"   {g.Count()}x {g.Key}");
            }
        }

        AppDomain.CurrentDomain.FirstChanceException -= handler;
        return 0;
    }

    private static int Lines(IEnumerable<string> lines, TextWriter output)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        return 0;
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: peers index IX CORPUS THREADS | search IX QUERIES SECS [CONC] [paragraphs] | analyze - CORPUS THREADS | dirs SECS [CONC] | bench CORPUS T1,T2 RUNS");
        return 2;
    }

    private static int Index(string ix, string corpus, int threads, bool merge, TextWriter output)
    {
        if (Directory.Exists(ix))
        {
            Directory.Delete(ix, true);
        }

        double ram = double.TryParse(Environment.GetEnvironmentVariable("SEARCHKIT_RAM"), CultureInfo.InvariantCulture, out var r) ? r : 256;
        var clock = Stopwatch.StartNew();
        IndexingReport report;
        using (var index = SearchIndex.Open(ix, new SearchIndexOptions { RamBufferMB = ram, IndexingThreads = threads }))
        {
            var options = new IndexingOptions { Threads = threads, MergeAfterBulkRun = merge ? IndexingOptions.Default.MergeAfterBulkRun : null };
            report = corpus.EndsWith(".gz", StringComparison.Ordinal)
                ? index.Add(BenchmarkCorpus.ReadJsonLinesGz(corpus), options)
                : index.IndexFiles([corpus], options);
        }

        double secs = clock.Elapsed.TotalSeconds;
        var files = new DirectoryInfo(ix).EnumerateFiles().ToList();
        output.WriteLine(FormattableString.Invariant(
            $"RESULT engine=searchkit mode=index threads={threads} docs={report.Indexed} bytes={report.Bytes} secs={secs:0.###} docs_per_s={report.Indexed / secs:0.###} mb_per_s={report.Bytes / 1e6 / secs:0.###} index_bytes={files.Sum(f => f.Length)} segments={files.Count(f => f.Name.EndsWith(".si", StringComparison.Ordinal))} paragraphs={report.Paragraphs} failures={report.Failures.Count}"));
        return 0;
    }

    private static int Search(string ix, string queriesFile, double secs, string[] more, TextWriter output)
    {
        int concurrency = more.Length > 0 ? int.Parse(more[0], CultureInfo.InvariantCulture) : 1;
        bool paragraphs = more.Contains("paragraphs");
        var kind = Enum.TryParse<DirectoryKind>(Environment.GetEnvironmentVariable("SEARCHKIT_DIR"), ignoreCase: true, out var k) ? k : SearchIndexOptions.Default.Directory;
        using var index = SearchIndex.Open(ix, new SearchIndexOptions { ReadOnly = true, Directory = kind });
        var result = QueryBenchmark.Run(index, QueryBenchmark.ReadQueries(queriesFile), new QueryBenchmarkOptions
        {
            Duration = TimeSpan.FromSeconds(secs),
            Warmup = TimeSpan.FromSeconds(secs / 2),
            Concurrency = concurrency,
            Search = new SearchOptions { Paragraphs = paragraphs },
        });
        foreach (var p in result.Phases)
        {
            output.WriteLine(FormattableString.Invariant(
                $"RESULT engine=searchkit mode=search concurrency={p.Concurrency} queries={p.Queries} secs={p.Seconds:0.###} qps={p.QueriesPerSecond:0.###} p50_ms={p.P50Ms:0.###} p95_ms={p.P95Ms:0.###} p99_ms={p.P99Ms:0.###} max_ms={p.MaxMs:0.###} cpu_ms_per_q={p.CpuMsPerQuery:0.###} paragraphs={paragraphs} dir={kind}"));
            foreach (var q in p.Slowest.Take(8))
            {
                output.WriteLine(FormattableString.Invariant($"  slow concurrency={p.Concurrency} mean_ms={q.MeanMs:0.###} hits={q.Hits} query={q.Query}"));
            }
        }

        return 0;
    }

    private static int Analyze(string corpus, int threads, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var articles = Corpora.LoadPath(corpus);
        long tokens = RawLucene.Analyze(articles, threads);
        double secs = clock.Elapsed.TotalSeconds;
        long bytes = articles.Sum(IndexingRunBytes);
        output.WriteLine(FormattableString.Invariant(
            $"RESULT engine=searchkit mode=analyze threads={threads} docs={articles.Count} bytes={bytes} secs={secs:0.###} docs_per_s={articles.Count / secs:0.###} mb_per_s={bytes / 1e6 / secs:0.###} tokens={tokens}"));
        return 0;
    }

    private static int Directories(double secs, int concurrency, TextWriter output)
    {
        // Interleave the kinds twice (forward, then backward) so drift hits each alike.
        DirectoryKind[] kinds = [DirectoryKind.Mmap, DirectoryKind.Nio, DirectoryKind.Simple];
        foreach (var kind in kinds.Concat(kinds.Reverse()))
        {
            var (index, corpus) = QueryIndex.OpenOrBuild(kind);
            using (index)
            {
                var result = QueryBenchmark.Run(index, corpus.SampleQueries(4), new QueryBenchmarkOptions
                {
                    Duration = TimeSpan.FromSeconds(secs),
                    Warmup = TimeSpan.FromSeconds(secs / 2),
                    Concurrency = concurrency,
                    Search = new SearchOptions { Paragraphs = false },
                });
                foreach (var p in result.Phases)
                {
                    output.WriteLine(FormattableString.Invariant(
                        $"RESULT engine=searchkit mode=dirs dir={kind} articles={result.Articles} concurrency={p.Concurrency} qps={p.QueriesPerSecond:0.#} p50_ms={p.P50Ms:0.###} p99_ms={p.P99Ms:0.###} cpu_ms_per_q={p.CpuMsPerQuery:0.###}"));
                }
            }
        }

        return 0;
    }

    private static int Bench(string corpus, string threads, int runs, TextWriter output)
    {
        var source = corpus.StartsWith("synthetic:", StringComparison.Ordinal)
            ? BenchmarkCorpus.Synthetic(new SyntheticCorpusOptions { Articles = int.Parse(corpus["synthetic:".Length..], CultureInfo.InvariantCulture) })
            : BenchmarkCorpus.Files([corpus]);
        var result = IndexBenchmark.Run(source, new IndexBenchmarkOptions
        {
            Threads = [.. threads.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture))],
            Runs = runs,
            RamBufferMB = [double.TryParse(Environment.GetEnvironmentVariable("SEARCHKIT_RAM"), CultureInfo.InvariantCulture, out var r) ? r : 64],
        });
        output.WriteLine(result.ToCsv());
        return 0;
    }

    /// <summary>
    /// The wrapper-cost comparison in one process over the same in-memory articles, into RAMDirectory: each round
    /// runs the raw loop, SearchKit and the analysis floor, alternating the order, and prints wall and CPU time of
    /// each, then the per-round ratios. CPU time resists the noise of a shared machine better than wall time.
    /// </summary>
    private static int Compare(string corpus, int threads, int rounds, TextWriter output)
    {
        var articles = corpus.StartsWith("synthetic:", StringComparison.Ordinal)
            ? [.. new SyntheticCorpus(new SyntheticCorpusOptions { Articles = int.Parse(corpus["synthetic:".Length..], CultureInfo.InvariantCulture) }).Articles()]
            : Corpora.LoadPath(corpus);
        long bytes = articles.Sum(IndexingRunBytes);
        var steps = new (string Name, Action Body)[]
        {
            ("raw", () =>
            {
                using var dir = new Lucene.Net.Store.RAMDirectory();
                RawLucene.Index(dir, articles, threads);
            }),
            ("searchkit", () =>
            {
                // No merge after the run: the raw loop does not merge either, and this prices the wrapper.
                using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { IndexingThreads = threads });
                index.Add(articles, new IndexingOptions { Threads = threads, MergeAfterBulkRun = null });
            }),
            ("floor", () => RawLucene.Analyze(articles, threads)),
            ("rawupdate", () =>
            {
                using var dir = new Lucene.Net.Store.RAMDirectory();
                RawLucene.Index(dir, articles, threads, updateById: true);
            }),
            ("rawmin", () =>
            {
                using var dir = new Lucene.Net.Store.RAMDirectory();
                RawLucene.Index(dir, articles, threads, minimal: true);
            }),
        };
        var wall = steps.ToDictionary(s => s.Name, _ => new List<double>());
        var cpu = steps.ToDictionary(s => s.Name, _ => new List<double>());
        for (int round = 0; round <= rounds; round++)
        {
            var order = round % 2 == 0 ? steps : [.. steps.Reverse()];
            foreach (var (name, body) in order)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                body();
                double w = clock.Elapsed.TotalSeconds;
                process.Refresh();
                double c = (process.TotalProcessorTime - cpu0).TotalSeconds;
                if (round == 0)
                {
                    continue; // warm-up
                }

                wall[name].Add(w);
                cpu[name].Add(c);
                output.WriteLine(FormattableString.Invariant($"RUN round={round} step={name} threads={threads} wall_s={w:0.###} cpu_s={c:0.###} mb_per_s={bytes / 1e6 / w:0.###}"));
            }
        }

        double Ratio(Dictionary<string, List<double>> d, string a, string b) => Spread.Of(d[a].Zip(d[b], (x, y) => x / y)).Median;
        output.WriteLine(
            FormattableString.Invariant($"RESULT engine=searchkit mode=compare corpus={Path.GetFileName(corpus)} threads={threads} rounds={rounds} docs={articles.Count} bytes={bytes} ") +
            FormattableString.Invariant($"raw_mb_s={bytes / 1e6 / Spread.Of(wall["raw"]).Median:0.###} sk_mb_s={bytes / 1e6 / Spread.Of(wall["searchkit"]).Median:0.###} floor_mb_s={bytes / 1e6 / Spread.Of(wall["floor"]).Median:0.###} ") +
            FormattableString.Invariant($"sk_speed_vs_raw_wall={Ratio(wall, "raw", "searchkit"):0.###} sk_speed_vs_raw_cpu={Ratio(cpu, "raw", "searchkit"):0.###} ") +
            FormattableString.Invariant($"sk_time_vs_floor_wall={Ratio(wall, "searchkit", "floor"):0.###} sk_time_vs_floor_cpu={Ratio(cpu, "searchkit", "floor"):0.###} ") +
            FormattableString.Invariant($"rawmin_time_vs_floor_cpu={Ratio(cpu, "rawmin", "floor"):0.###} raw_time_vs_floor_cpu={Ratio(cpu, "raw", "floor"):0.###} sk_speed_vs_rawupdate_cpu={Ratio(cpu, "rawupdate", "searchkit"):0.###}"));
        return 0;
    }

    private static long IndexingRunBytes(Article a) =>
        System.Text.Encoding.UTF8.GetByteCount(a.Title) + (a.Lead is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(a.Lead)) + a.Paragraphs.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Text));
}
