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

    /// <summary>
    /// A filter that keeps fewer than this share of the rows is asked first, row by row, and only kept rows are
    /// scored: a filter call costs a few ns, a 384-dimension dot product about 30.
    /// </summary>
    internal const double SelectiveFilter = 0.1;

    private const int FilterSample = 64;

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

        bool filterFirst = acceptRow is not null && IsSelective(block.Count, acceptRow);
        int ranges = (long)block.Count * block.Dimensions < ParallelFloats ? 1 : parallelism;
        if (ranges == 1)
        {
            var top = new TopNeighbours(k);
            Scan(block, query, 0, block.Count, top, acceptRow, filterFirst);
            return top.ToSortedArray();
        }

        // The query is a span (a ref struct); the parallel ranges need an array.
        float[] q = query.ToArray();
        var partial = new TopNeighbours[ranges];
        int step = (block.Count + ranges - 1) / ranges;
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = ranges }, r =>
        {
            var top = new TopNeighbours(k);
            Scan(block, q, r * step, Math.Min(block.Count, (r + 1) * step), top, acceptRow, filterFirst);
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

    /// <summary>True when a sample of rows says the filter keeps under <see cref="SelectiveFilter"/> of them.</summary>
    internal static bool IsSelective(int rows, Func<int, bool> acceptRow)
    {
        // Rows at the golden-ratio sequence, not at a fixed stride: a stride can alias with a periodic filter (an
        // even stride from an odd start meets only odd rows, so a filter keeping the even half would look empty).
        const double golden = 0.6180339887498949;
        int asked = Math.Min(rows, FilterSample);
        int kept = 0;
        for (int i = 1; i <= asked; i++)
        {
            double position = i * golden;
            kept += acceptRow((int)((position - Math.Floor(position)) * rows)) ? 1 : 0;
        }

        return kept < asked * SelectiveFilter;
    }

    private static void Scan(VectorBlock block, ReadOnlySpan<float> query, int from, int to, TopNeighbours top, Func<int, bool>? acceptRow, bool filterFirst)
    {
        int dims = block.Dimensions;
        var vectors = block.Vectors;
        if (filterFirst)
        {
            for (int row = from; row < to; row++)
            {
                if (acceptRow!(row))
                {
                    top.Offer(row, VectorMath.Dot(query, vectors.Slice(row * dims, dims)));
                }
            }

            return;
        }

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
