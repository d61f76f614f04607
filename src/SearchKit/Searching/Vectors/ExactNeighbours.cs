namespace SearchKit.Searching.Vectors;

/// <summary>
/// Brute force: the dot product of the query with every row (SIMD), the best <c>k</c> kept in a bounded heap.
/// Exact by construction, so it is both the small-segment path and the reference the approximate index is
/// measured against. Big blocks are split into row ranges searched in parallel, then merged.
/// </summary>
internal sealed class ExactNeighbours : INearestNeighbours
{
    /// <summary>
    /// Below this many floats (rows × dimensions) one thread does the whole block: a range must be worth more than
    /// the cost of scheduling it (about 20 µs), and 2 M floats (5,000 rows of 384) take about 1 ms.
    /// </summary>
    internal const long ParallelFloats = 2_000_000;

    private readonly VectorBlock block;
    private readonly int parallelism;

    /// <param name="block">The vectors; not copied.</param>
    /// <param name="parallelism">Threads for one search over a big block (default: the processor count).</param>
    public ExactNeighbours(VectorBlock block, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        this.block = block;
        this.parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="acceptRow"/> is called only for rows that would enter the top k, and may be called
    /// from several threads at once.</remarks>
    public IReadOnlyList<Neighbour> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? acceptRow = null)
    {
        CheckQuery(query, block.Dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || block.Count == 0)
        {
            return [];
        }

        int ranges = (long)block.Count * block.Dimensions < ParallelFloats ? 1 : parallelism;
        if (ranges == 1)
        {
            var top = new TopNeighbours(k);
            Scan(block, query, 0, block.Count, top, acceptRow);
            return top.ToSortedArray();
        }

        // The query is a span (a ref struct); the parallel ranges need an array.
        float[] q = query.ToArray();
        var partial = new TopNeighbours[ranges];
        int step = (block.Count + ranges - 1) / ranges;
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = ranges }, r =>
        {
            var top = new TopNeighbours(k);
            Scan(block, q, r * step, Math.Min(block.Count, (r + 1) * step), top, acceptRow);
            partial[r] = top;
        });

        var merged = new TopNeighbours(k);
        foreach (var top in partial)
        {
            merged.OfferAll(top);
        }

        return merged.ToSortedArray();
    }

    public void Dispose()
    {
        // Nothing to release: the block belongs to the caller.
    }

    internal static void CheckQuery(ReadOnlySpan<float> query, int dimensions)
    {
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; the index's vectors have {dimensions}.", nameof(query));
        }
    }

    private static void Scan(VectorBlock block, ReadOnlySpan<float> query, int from, int to, TopNeighbours top, Func<int, bool>? acceptRow)
    {
        int dims = block.Dimensions;
        var vectors = block.Vectors;
        for (int row = from; row < to; row++)
        {
            float similarity = VectorMath.Dot(query, vectors.Slice(row * dims, dims));
            // The filter is a delegate call: ask it only about rows that would get in.
            if (top.Admits(similarity) && (acceptRow is null || acceptRow(row)))
            {
                top.Offer(row, similarity);
            }
        }
    }
}
