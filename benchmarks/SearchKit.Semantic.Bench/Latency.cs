using System.Diagnostics;
using System.Globalization;
using SearchKit;
using SearchKit.Analysis;
using SearchKit.Benchmarking;
using SearchKit.Indexing;
using SearchKit.Searching;
using SearchKit.Semantic;

/// <summary>
/// Query latency of keyword, semantic and hybrid search on a big synthetic index (docs/benchmarks.md, "Semantic
/// search: throughput and latency"). Embedding a million paragraphs with the real model takes hours on two cores, so
/// the index's vectors come from <see cref="StandInEmbedder"/>, written through the real indexing path; queries are
/// embedded by the stand-in (its vector is searched) and, with --real-queries, also by the real model, whose time
/// is part of every semantic and hybrid query as it would be (its vector is thrown away: it lives in another space).
/// </summary>
internal static class Latency
{
    public static int Run(string folder, int articles, bool build, int queryCount, bool realQueries)
    {
        var corpus = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = articles });
        using var standIn = new StandInEmbedder();
        if (build || !Directory.Exists(folder))
        {
            var clock = Stopwatch.StartNew();
            using var writing = SearchIndex.Open(folder, new SearchIndexOptions { Embedder = standIn, Recreate = true, RamBufferMB = 256 });
            var lastReport = Stopwatch.StartNew();
            var report = writing.Add(corpus.Articles(), progress: new Progress(p =>
            {
                if (lastReport.Elapsed.TotalSeconds >= 30)
                {
                    lastReport.Restart();
                    Console.WriteLine($"  {p.Articles:N0} articles, {p.Embedded:N0} passages, {clock.Elapsed.TotalSeconds:0} s");
                }
            }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"indexed {report.Indexed:N0} synthetic articles with stand-in vectors in {clock.Elapsed.TotalSeconds:0} s (merge included); loadavg {LoadAverage()}"));
        }

        using var real = realQueries ? EmbeddingModels.Load() : null;
        using var queryEmbedder = new QueryEmbedder(standIn, real);
        using var index = SearchIndex.Open(folder, new SearchIndexOptions
        {
            Embedder = queryEmbedder,
            ReadOnly = true,
            CreateIfMissing = false,
            // Generous: the first vector searches of a segment whose graph is being built scan it exactly.
            QueryLimits = new QueryLimits { Timeout = TimeSpan.FromHours(1) },
        });
        var stats = index.GetStats(0);
        Console.WriteLine($"index: {stats.Articles:N0} articles, {FolderBytes(folder) / 1e9:0.00} GB on disk; embedder {index.EmbeddingModel}");

        var random = new Random(7);
        var words = corpus.Vocabulary;
        var queries = Enumerable.Range(0, queryCount).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => words[random.Next(30, 3000)]))).ToList();

        var keyword = new SearchOptions { Mode = SearchMode.Keyword };
        Measure(index, "keyword (warm-up)", queries.Take(50), keyword);
        Console.WriteLine($"before the first vector search: {Memory()}");
        var first = Stopwatch.StartNew();
        index.Search(queries[0], new SearchOptions { Mode = SearchMode.Semantic });
        first.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first vector search (vectors read from doc values, searched exactly while graphs are built, or graphs memory-mapped): {first.Elapsed.TotalSeconds:0.0} s; {Memory()}"));

        // The graphs are built in the background and saved as they are done: measure once each segment has one.
        var building = Stopwatch.StartNew();
        while (GraphFiles(folder) < stats.Segments && building.Elapsed < TimeSpan.FromHours(2))
        {
            Thread.Sleep(500);
        }

        index.Search(queries[0], new SearchOptions { Mode = SearchMode.Semantic });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"graphs ready after {building.Elapsed.TotalSeconds:0} s more: graph files {FolderBytes(Path.Combine(folder, "ann")) / 1e6:0} MB; {Memory()}; loadavg {LoadAverage()}"));

        for (int round = 1; round <= 2; round++)
        {
            Measure(index, $"keyword, round {round}", queries, keyword);
            Measure(index, $"semantic, round {round}", queries, new SearchOptions { Mode = SearchMode.Semantic });
            Measure(index, $"hybrid, round {round}", queries, new SearchOptions { Mode = SearchMode.Hybrid });
            Measure(index, $"hybrid passages, round {round}", queries, new SearchOptions { Mode = SearchMode.Hybrid, Passages = true });
        }

        Console.WriteLine($"after: {Memory()}");
        if (real is not null)
        {
            // The real model's share alone: one short query at a time, as a search does.
            var times = queries.Select(q =>
            {
                var clock = Stopwatch.StartNew();
                real.EmbedQuery(q);
                return clock.Elapsed.TotalMilliseconds;
            }).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| real query embedding alone ({real.Model.Name}) | p50 {Percentile(times, 0.50):0.00} ms | p99 {Percentile(times, 0.99):0.00} ms | loadavg {LoadAverage()} |"));
        }

        return 0;
    }

    private static void Measure(SearchIndex index, string label, IEnumerable<string> queries, SearchOptions options)
    {
        var times = new List<double>();
        long hits = 0;
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            hits += index.Search(query, options).Hits.Count;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {times.Count} queries | p50 {Percentile(times, 0.50):0.00} ms | p99 {Percentile(times, 0.99):0.00} ms | mean {times.Average():0.00} ms | {hits / (double)times.Count:0.0} hits | loadavg {LoadAverage()} |"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Memory()
    {
        using var self = Process.GetCurrentProcess();
        return $"RSS {self.WorkingSet64 / (1 << 20):N0} MB, managed heap {GC.GetTotalMemory(forceFullCollection: true) / (1 << 20):N0} MB";
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed class Progress(Action<IndexingProgress> report) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => report(value);
    }

    /// <summary>Searches with the stand-in's query vector after spending the real model's time on the query, when there is one.</summary>
    private sealed class QueryEmbedder(StandInEmbedder standIn, ITextEmbedder? real) : ITextEmbedder
    {
        public EmbeddingModelInfo Model => standIn.Model;

        public IReadOnlyList<float[]> EmbedPassages(IReadOnlyList<string> passages, CancellationToken cancellation = default) =>
            standIn.EmbedPassages(passages, cancellation);

        public float[] EmbedQuery(string query, CancellationToken cancellation = default)
        {
            real?.EmbedQuery(query, cancellation);
            return standIn.EmbedQuery(query, cancellation);
        }

        public void Dispose()
        {
        }
    }

    // Saved HNSW graphs in the index's graph folder (one per segment over the exact-search threshold).
    private static int GraphFiles(string folder)
    {
        var ann = Path.Combine(folder, "ann");
        return System.IO.Directory.Exists(ann) ? System.IO.Directory.GetFiles(ann, "*.usearch").Length : 0;
    }
}

/// <summary>
/// A fast deterministic stand-in for a sentence-embedding model, for benchmarks of scale only: each word has a fixed
/// pseudo-random unit vector of 384 dimensions (seeded by a hash of the word), and a text's vector is the normalised
/// sum of its words'. Texts that share words are near each other, so the nearest-neighbour graph has the structure
/// of bag-of-words similarity (not of meaning). About 10 µs a paragraph.
/// </summary>
internal sealed class StandInEmbedder : ITextEmbedder
{
    private const int Dimensions = 384;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _words = new(StringComparer.Ordinal);

    public EmbeddingModelInfo Model { get; } = new("stand-in-hashed-words", "1", Dimensions);

    public IReadOnlyList<float[]> EmbedPassages(IReadOnlyList<string> passages, CancellationToken cancellation = default) =>
        [.. passages.Select(Embed)];

    public float[] EmbedQuery(string query, CancellationToken cancellation = default) => Embed(query);

    private float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.Split([' ', '\n', '.', ',', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            System.Numerics.Tensors.TensorPrimitives.Add(vector, _words.GetOrAdd(word.ToLowerInvariant(), WordVector), vector);
        }

        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private static float[] WordVector(string word)
    {
        // A string's hash code is randomised per process in .NET: FNV-1a keeps the vectors the same across runs.
        uint hash = 2166136261;
        foreach (char c in word)
        {
            hash = (hash ^ c) * 16777619;
        }

        var random = new Random((int)hash);
        var vector = new float[Dimensions];
        for (int d = 0; d < Dimensions; d++)
        {
            vector[d] = (float)(random.NextDouble() - 0.5);
        }

        return vector;
    }

    public void Dispose()
    {
    }
}
