namespace SearchKit.Searching.Vectors;

/// <summary>
/// The best <c>k</c> rows seen so far: a bounded min-heap whose root is the worst kept row, so a candidate costs one
/// comparison unless it gets in. Order: higher similarity first, then lower row (deterministic ties).
/// </summary>
internal sealed class TopNeighbours
{
    private readonly Neighbour[] heap;
    private int count;

    public TopNeighbours(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        heap = new Neighbour[k];
    }

    public int Count => count;

    /// <summary>True when a row with this similarity could enter (cheap pre-check before a filter call).</summary>
    public bool Admits(float similarity) => count < heap.Length || similarity >= heap[0].Similarity;

    public void Offer(int row, float similarity)
    {
        var candidate = new Neighbour(row, similarity);
        if (count < heap.Length)
        {
            heap[count] = candidate;
            SiftUp(count++);
        }
        else if (Better(candidate, heap[0]))
        {
            heap[0] = candidate;
            SiftDown(0);
        }
    }

    public void OfferAll(TopNeighbours other)
    {
        for (int i = 0; i < other.count; i++)
        {
            Offer(other.heap[i].Row, other.heap[i].Similarity);
        }
    }

    /// <summary>The kept rows, best first.</summary>
    public Neighbour[] ToSortedArray()
    {
        var result = heap.AsSpan(0, count).ToArray();
        Array.Sort(result, static (a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return result;
    }

    public static bool Better(Neighbour a, Neighbour b) =>
        a.Similarity > b.Similarity || (a.Similarity == b.Similarity && a.Row < b.Row);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(heap[parent], heap[i]))
            {
                break;
            }

            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int worst = i;
            int left = (2 * i) + 1;
            int right = left + 1;
            if (left < count && Better(heap[worst], heap[left]))
            {
                worst = left;
            }

            if (right < count && Better(heap[worst], heap[right]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }
}
