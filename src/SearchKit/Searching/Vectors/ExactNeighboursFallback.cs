using System.Numerics;

namespace SearchKit.Searching.Vectors;

/// <summary>
/// A plain exact scan behind <see cref="INearestNeighbours"/>: every accepted row's dot product with the query, the
/// best <c>k</c> kept in a min-heap. A stand-in until the nearest-neighbour branch (exact SIMD and HNSW behind its
/// <c>NeighbourIndex</c> factory) is merged; <see cref="VectorSearch"/> is the one place that creates it.
/// </summary>
internal sealed class ExactNeighboursFallback(VectorBlock block) : INearestNeighbours
{
    public IReadOnlyList<Neighbour> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? acceptRow = null)
    {
        if (k <= 0 || block.Count == 0)
        {
            return [];
        }

        // Ties by row, so that equal similarities come back in the same order on every run.
        var best = new PriorityQueue<Neighbour, (float, int)>(Comparer<(float Similarity, int Row)>.Create((a, b) =>
            a.Similarity != b.Similarity ? a.Similarity.CompareTo(b.Similarity) : b.Row.CompareTo(a.Row)));
        for (int row = 0; row < block.Count; row++)
        {
            if (acceptRow is not null && !acceptRow(row))
            {
                continue;
            }

            float similarity = Dot(query, block.Row(row));
            if (best.Count < k)
            {
                best.Enqueue(new Neighbour(row, similarity), (similarity, row));
            }
            else if (best.TryPeek(out _, out var worst) && (similarity > worst.Item1 || (similarity == worst.Item1 && row < worst.Item2)))
            {
                best.EnqueueDequeue(new Neighbour(row, similarity), (similarity, row));
            }
        }

        var result = new Neighbour[best.Count];
        for (int i = result.Length - 1; i >= 0; i--)
        {
            result[i] = best.Dequeue();
        }

        return result;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public void Dispose()
    {
    }
}
