using System.Diagnostics;
using System.Globalization;
using SearchKit.Searching.Vectors;

namespace SearchKit.Benchmarks;

/// <summary>
/// <c>vectors ROWS DIMS [--uniform] [--queries N] [--m M] [--ef-add N] [--scalar f32|f16|i8] [--rescore N] [--threads N] [--exact-only]</c>:
/// nearest-neighbour search over synthetic unit vectors (clustered by default, closer to real embeddings than
/// uniform noise). Prints the exact search's latency, then the HNSW graph's build time, memory and file size,
/// and its latency and recall@10 against exact at several search widths (ef), one client, plus a filtered search.
/// </summary>
public static class VectorsCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int dims = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 384;
        bool uniform = args.Contains("--uniform");
        int queries = Option(args, "--queries", rows >= 500_000 ? 100 : 300);
        var hnsw = new HnswOptions
        {
            Connectivity = Option(args, "--m", 16),
            ExpansionAdd = Option(args, "--ef-add", 128),
            Rescore = Option(args, "--rescore", new HnswOptions().Rescore),
            BuildThreads = Option(args, "--threads", Environment.ProcessorCount),
            Scalar = Value(args, "--scalar") switch { "f32" => GraphScalar.Float32, "f16" => GraphScalar.Float16, "i8" => GraphScalar.Int8, _ => new HnswOptions().Scalar },
        };
        const int k = 10;

        var clock = Stopwatch.StartNew();
        var block = SyntheticVectors.Block(rows, dims, uniform, seed: 1);
        var query = SyntheticVectors.Queries(queries, dims, uniform, seed: 1, clusters: SyntheticVectors.ClustersFor(rows));
        output.WriteLine(Inv($"{rows:N0} {(uniform ? "uniform" : "clustered")} unit vectors of {dims} dimensions ({(long)rows * dims * 4 / 1e6:0} MB), {queries} queries, k = {k}; generated in {clock.Elapsed.TotalSeconds:0.0} s; load {File.ReadAllText("/proc/loadavg").Trim()}"));

        using var exact = new ExactNeighbours(block);
        using var exactOne = new ExactNeighbours(block, parallelism: 1);
        var truth = new int[queries][];
        var (p50, p99) = Latency(queries, q => truth[q] = [.. exact.Search(query[q], k).Select(n => n.Row)]);
        var (p50One, p99One) = Latency(queries, q => exactOne.Search(query[q], k));
        output.WriteLine(Inv($"exact: p50 {p50:0.00} ms, p99 {p99:0.00} ms ({Environment.ProcessorCount} threads); one thread p50 {p50One:0.00} ms, p99 {p99One:0.00} ms"));

        if (args.Contains("--exact-only"))
        {
            return 0;
        }

        clock.Restart();
        using var graph = HnswNeighbours.Build(block, hnsw);
        double build = clock.Elapsed.TotalSeconds;
        long memory = graph.MemoryBytes;
        string file = Path.Combine(Path.GetTempPath(), $"searchkit-vectors-{Environment.ProcessId}.usearch");
        try
        {
            graph.Save(file);
            long bytes = new FileInfo(file).Length;
            output.WriteLine(Inv($"hnsw M={hnsw.Connectivity} ef-add={hnsw.ExpansionAdd} {hnsw.Scalar} rescore {hnsw.Rescore}x: built in {build:0.0} s with {hnsw.BuildThreads} threads ({rows / build:N0} rows/s), memory {memory / 1e6:0} MB, file {bytes / 1e6:0} MB"));
            clock.Restart();
            using var viewed = HnswNeighbours.View(block, hnsw, file);
            output.WriteLine(Inv($"memory-mapped in {clock.Elapsed.TotalMilliseconds:0} ms, memory {viewed.MemoryBytes / 1e6:0} MB besides the mapping"));
            foreach (int ef in new[] { 16, 32, 64, 128, 256 })
            {
                using var g = HnswNeighbours.View(block, hnsw with { ExpansionSearch = ef }, file);
                Measure(output, $"ef {ef}", g, query, truth, k, null, exact);
            }

            // The two searches alternate query by query, so that both see the same machine load.
            using var chosen = HnswNeighbours.View(block, hnsw, file);
            var exactTimes = new List<double>();
            var graphTimes = new List<double>();
            for (int q = 0; q < queries; q++)
            {
                exactTimes.Add(Time(() => exact.Search(query[q], k)));
                graphTimes.Add(Time(() => chosen.Search(query[q], k)));
            }

            double exactMedian = Median(exactTimes);
            double graphMedian = Median(graphTimes);
            output.WriteLine(Inv($"  interleaved, ef {hnsw.ExpansionSearch}: exact median {exactMedian:0.00} ms, hnsw median {graphMedian:0.000} ms, ratio {exactMedian / graphMedian:0}x"));

            using var filtered = HnswNeighbours.View(block, hnsw, file);
            Func<int, bool> half = row => (row * 2654435761u) % 2 == 0;
            Func<int, bool> rare = row => (row * 2654435761u) % 100 == 0;
            Measure(output, $"ef {hnsw.ExpansionSearch}, filter keeps 50 %", filtered, query, null, k, half, exact);
            Measure(output, $"ef {hnsw.ExpansionSearch}, filter keeps 1 %", filtered, query, null, k, rare, exact);
        }
        finally
        {
            File.Delete(file);
        }

        return 0;
    }

    private static void Measure(TextWriter output, string label, INearestNeighbours index, float[][] queries, int[][]? truth, int k, Func<int, bool>? accept, INearestNeighbours exact)
    {
        truth ??= [.. queries.Select(q => exact.Search(q, k, accept).Select(n => n.Row).ToArray())];
        var found = new int[queries.Length][];
        var (p50, p99) = Latency(queries.Length, q => found[q] = [.. index.Search(queries[q], k, accept).Select(n => n.Row)]);
        double recall = found.Select((f, q) => f.Intersect(truth[q]).Count() / (double)Math.Max(1, truth[q].Length)).Average();
        output.WriteLine(Inv($"  {label}: p50 {p50:0.000} ms, p99 {p99:0.000} ms, recall@{k} {recall:0.000}"));
    }

    private static (double P50, double P99) Latency(int count, Action<int> search)
    {
        search(0); // warm-up (JIT, page faults)
        var times = new double[count];
        for (int q = 0; q < count; q++)
        {
            long start = Stopwatch.GetTimestamp();
            search(q);
            times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[count / 2], times[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)]);
    }

    private static double Time(Action search)
    {
        long start = Stopwatch.GetTimestamp();
        search();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }

    private static int Option(string[] args, string name, int fallback) =>
        Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Synthetic unit vectors. Clustered: each row is a random cluster centre plus Gaussian noise, normalised, so that
/// rows of a cluster have a cosine of about 0.5 to each other and about 0 to other clusters (sentence embeddings
/// of one topic look like that); queries are fresh draws from the same clusters, not rows of the block.
/// </summary>
internal static class SyntheticVectors
{
    public static int ClustersFor(int rows) => Math.Max(10, rows / 500);

    public static VectorBlock Block(int rows, int dims, bool uniform, int seed)
    {
        var vectors = new float[(long)rows * dims];
        var centres = Centres(ClustersFor(rows), dims, seed);
        Parallel.For(0, (rows + 4095) / 4096, chunk =>
        {
            var random = new Random(HashCode.Combine(seed, chunk));
            for (int r = chunk * 4096; r < Math.Min(rows, (chunk + 1) * 4096); r++)
            {
                Draw(vectors.AsSpan(r * dims, dims), uniform ? null : centres[random.Next(centres.Length)], random);
            }
        });
        return new VectorBlock(dims, vectors, [.. Enumerable.Range(0, rows)], new int[rows]);
    }

    public static float[][] Queries(int count, int dims, bool uniform, int seed, int clusters)
    {
        var centres = Centres(clusters, dims, seed);
        var random = new Random(seed + 7919);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var q = new float[dims];
            Draw(q, uniform ? null : centres[random.Next(centres.Length)], random);
            return q;
        })];
    }

    private static float[][] Centres(int count, int dims, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var c = new float[dims];
            Draw(c, null, random);
            return c;
        })];
    }

    private static void Draw(Span<float> v, float[]? centre, Random random)
    {
        // Noise of the centre's length: a row's cosine to its centre is about 0.7, to a sibling about 0.5.
        double noise = centre is null ? 1 : 1 / Math.Sqrt(v.Length);
        double norm = 0;
        for (int i = 0; i < v.Length; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            v[i] = (float)((centre?[i] ?? 0) + (noise * g));
            norm += v[i] * (double)v[i];
        }

        float scale = (float)(1 / Math.Sqrt(norm));
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }
    }
}
