namespace SearchKit.Searching.Vectors;

/// <summary>
/// Approximate nearest neighbours: an HNSW graph over the rows of a block, built or memory-mapped by USearch. The
/// graph finds candidates; their similarities are recomputed from the block's floats, so the scores are exact and
/// only recall is approximate. Filtering happens inside the graph walk (USearch's filtered search), so a filter
/// that rejects many rows still yields k rows when k exist, at the cost of a longer walk. A filter that keeps under a
/// tenth of the rows (judged from a sample) would make that walk visit most of the graph: such searches scan the
/// kept rows exactly instead, which is both faster and exact.
/// </summary>
internal sealed class HnswNeighbours : INearestNeighbours
{
    // Concurrent searches on one graph: USearch gives each a thread slot and waits when all are taken.
    private const int SearchSlots = 64;

    private readonly VectorBlock block;
    private readonly HnswOptions options;
    private IntPtr handle;

    private HnswNeighbours(VectorBlock block, HnswOptions options, IntPtr handle)
    {
        this.block = block;
        this.options = options;
        this.handle = handle;
    }

    /// <summary>Bytes the graph holds in memory (for a memory-mapped graph, the part not mapped).</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = (long)USearchNative.usearch_memory_usage(Handle, out var error);
            USearchNative.Check(error, "report its memory");
            return bytes;
        }
    }

    /// <summary>True once the native graph is freed.</summary>
    internal bool IsDisposed => handle == IntPtr.Zero;

    private IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(HnswNeighbours));

    /// <summary>Builds the graph over every row of the block (in parallel).</summary>
    /// <exception cref="DllNotFoundException">The USearch native library is not installed.</exception>
    public static HnswNeighbours Build(VectorBlock block, HnswOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(options);
        int threads = Math.Max(1, options.BuildThreads);
        var index = new HnswNeighbours(block, options, Create(block.Dimensions, options));
        try
        {
            USearchNative.usearch_reserve(index.handle, (nuint)Math.Max(block.Count, 1), out var error);
            USearchNative.Check(error, "reserve memory");
            SetThreads(index.handle, threads);
            var vectors = block;
            Parallel.For(0, block.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, row =>
            {
                USearchNative.usearch_add(index.handle, (ulong)row, in vectors.Row(row)[0], USearchNative.ScalarF32, out var addError);
                USearchNative.Check(addError, "add a vector");
            });
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Memory-maps a graph saved by <see cref="Save"/> for this block.</summary>
    /// <exception cref="InvalidOperationException">The file is not a graph of this block's size and dimensions.</exception>
    public static HnswNeighbours View(VectorBlock block, HnswOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(options);
        var index = new HnswNeighbours(block, options, Create(block.Dimensions, options));
        try
        {
            // Thread slots first: changing them after a view would reallocate and detach the mapping.
            SetThreads(index.handle, 1);
            USearchNative.usearch_view(index.handle, path, out var error);
            USearchNative.Check(error, "open its graph file");
            long size = (long)USearchNative.usearch_size(index.handle, out error);
            USearchNative.Check(error, "count its rows");
            long dimensions = (long)USearchNative.usearch_dimensions(index.handle, out error);
            USearchNative.Check(error, "read its dimensions");
            if (size != block.Count || dimensions != block.Dimensions)
            {
                throw new InvalidOperationException(
                    $"The graph file holds {size} vectors of {dimensions} dimensions; the segment has {block.Count} of {block.Dimensions}.");
            }

            USearchNative.usearch_change_expansion_search(index.handle, (nuint)options.ExpansionSearch, out error);
            USearchNative.Check(error, "set its search width");
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public void Save(string path)
    {
        USearchNative.usearch_save(Handle, path, out var error);
        USearchNative.Check(error, "save its graph");
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="acceptRow"/> is called on the searching thread, from inside the graph walk.</remarks>
    public IReadOnlyList<Neighbour> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? acceptRow = null)
    {
        ExactNeighbours.CheckQuery(query, block.Dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || block.Count == 0)
        {
            return [];
        }

        int fetch = (int)Math.Min(block.Count, (long)k * Math.Max(1, options.Rescore));
        var keys = new ulong[fetch];
        var distances = new float[fetch];
        nuint found;
        IntPtr error;
        if (acceptRow is null)
        {
            found = USearchNative.usearch_search(Handle, in query[0], USearchNative.ScalarF32, (nuint)fetch, keys, distances, out error);
        }
        else if (ExactNeighbours.IsSelective(block.Count, acceptRow))
        {
            return new ExactNeighbours(block).Search(query, k, acceptRow);
        }
        else
        {
            // A managed exception must not unwind through native frames: keep it and rethrow after the call.
            Exception? thrown = null;
            USearchNative.Filter filter = (key, _) =>
            {
                if (thrown is not null)
                {
                    return 0;
                }

                try
                {
                    return acceptRow((int)key) ? 1 : 0;
                }
                catch (Exception e)
                {
                    thrown = e;
                    return 0;
                }
            };
            found = USearchNative.usearch_filtered_search(Handle, in query[0], USearchNative.ScalarF32, (nuint)fetch, filter, IntPtr.Zero, keys, distances, out error);
            GC.KeepAlive(filter);
            if (thrown is not null)
            {
                throw new InvalidOperationException("The row filter failed during a vector search.", thrown);
            }
        }

        USearchNative.Check(error, "search");
        var top = new TopNeighbours(k);
        for (int i = 0; i < (int)found; i++)
        {
            int row = (int)keys[i];
            top.Offer(row, VectorMath.Dot(query, block.Row(row)));
        }

        return top.ToSortedArray();
    }

    public void Dispose()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero)
        {
            USearchNative.usearch_free(h, out _);
        }
    }

    private static IntPtr Create(int dimensions, HnswOptions options)
    {
        var init = new USearchNative.InitOptions
        {
            MetricKind = USearchNative.MetricInnerProduct,
            Quantization = options.NativeScalar,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = (nuint)options.ExpansionSearch,
        };
        var index = USearchNative.usearch_init(ref init, out var error);
        if (index == IntPtr.Zero || error != IntPtr.Zero)
        {
            if (index != IntPtr.Zero)
            {
                USearchNative.usearch_free(index, out _);
            }

            USearchNative.Check(error, "start");
            throw new InvalidOperationException("The vector index failed to start.");
        }

        return index;
    }

    private static void SetThreads(IntPtr index, int addThreads)
    {
        USearchNative.usearch_change_threads_add(index, (nuint)addThreads, out var error);
        USearchNative.Check(error, "set its build threads");
        USearchNative.usearch_change_threads_search(index, SearchSlots, out error);
        USearchNative.Check(error, "set its search threads");
    }
}
