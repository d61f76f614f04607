using SearchKit.Searching.Vectors;

namespace SearchKit.Tests.Searching.Vectors;

/// <summary>
/// Small seeded vector blocks: clustered (a random centre per cluster plus Gaussian noise of the same length,
/// normalised), the shape of sentence embeddings of a few topics, or with repeated rows to force ties.
/// </summary>
internal static class TestVectors
{
    public static VectorBlock Clustered(int rows, int dims, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(dims, random, null)).ToArray();
        var vectors = new float[rows * dims];
        for (int r = 0; r < rows; r++)
        {
            Unit(dims, random, centres[random.Next(clusters)]).CopyTo(vectors, r * dims);
        }

        return new VectorBlock(dims, vectors, [.. Enumerable.Range(0, rows).Select(r => r / 3)], [.. Enumerable.Range(0, rows).Select(r => (r % 3) - 1)]);
    }

    /// <summary>Queries from the same clusters as <see cref="Clustered"/> with the same seed (not rows of it).</summary>
    public static float[][] Queries(int count, int dims, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(dims, random, null)).ToArray();
        var queries = new Random(seed + 1);
        return [.. Enumerable.Range(0, count).Select(_ => Unit(dims, queries, centres[queries.Next(clusters)]))];
    }

    /// <summary>A block whose rows repeat a few distinct vectors, so that many similarities tie.</summary>
    public static VectorBlock WithTies(int rows, int dims, int distinct, int seed)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(0, distinct).Select(_ => Unit(dims, random, null)).ToArray();
        var vectors = new float[rows * dims];
        for (int r = 0; r < rows; r++)
        {
            pool[random.Next(distinct)].CopyTo(vectors, r * dims);
        }

        return new VectorBlock(dims, vectors, [.. Enumerable.Range(0, rows)], new int[rows]);
    }

    public static float[] Unit(int dims, Random random, float[]? centre)
    {
        var v = new float[dims];
        double noise = centre is null ? 1 : 1 / Math.Sqrt(dims);
        double norm = 0;
        for (int i = 0; i < dims; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            v[i] = (float)((centre?[i] ?? 0) + (noise * g));
            norm += v[i] * (double)v[i];
        }

        for (int i = 0; i < dims; i++)
        {
            v[i] = (float)(v[i] / Math.Sqrt(norm));
        }

        return v;
    }

    /// <summary>The reference answer: every accepted row scored, sorted by similarity, then row.</summary>
    public static Neighbour[] NaiveTop(VectorBlock block, float[] query, int k, Func<int, bool>? accept = null) =>
        [.. Enumerable.Range(0, block.Count)
            .Where(r => accept is null || accept(r))
            .Select(r => new Neighbour(r, VectorMath.Dot(query, block.Row(r))))
            .OrderByDescending(n => n.Similarity).ThenBy(n => n.Row)
            .Take(k)];

    public static double Recall(IEnumerable<Neighbour> found, IEnumerable<Neighbour> truth)
    {
        var expected = truth.Select(n => n.Row).ToHashSet();
        return expected.Count == 0 ? 1 : found.Count(n => expected.Contains(n.Row)) / (double)expected.Count;
    }
}
