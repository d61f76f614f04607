namespace SearchKit.Searching.Vectors;

/// <summary>
/// Picks the nearest-neighbour search for one segment's block: exact below <see cref="NeighbourIndexOptions.ExactBelowRows"/>
/// rows (where scanning every row is already faster than the 25 ms budget needs), an HNSW graph above it. A graph
/// is memory-mapped from the cache folder when an intact one for these vectors is there, else built and saved
/// there. Whatever goes wrong with the approximate index — the native library missing, a damaged or unreadable
/// graph file, a full disk — the segment falls back to a rebuilt graph or to exact search, never to an error.
/// </summary>
internal static class NeighbourIndex
{
    /// <param name="block">The segment's vectors; kept (not copied) by the returned search.</param>
    /// <param name="cacheDirectory">The folder for graph files (a subfolder of the index, not the index folder
    /// itself); null keeps graphs in memory only.</param>
    /// <param name="segmentKey">Names the segment (e.g. the segment name and the model); part of the file name.</param>
    /// <param name="exact">True forces exact search (for evaluation).</param>
    public static INearestNeighbours For(VectorBlock block, string? cacheDirectory, string segmentKey, bool exact) =>
        For(block, cacheDirectory, segmentKey, exact, NeighbourIndexOptions.Default);

    public static INearestNeighbours For(VectorBlock block, string? cacheDirectory, string segmentKey, bool exact, NeighbourIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(segmentKey);
        ArgumentNullException.ThrowIfNull(options);
        if (exact || block.Count < options.ExactBelowRows)
        {
            return new ExactNeighbours(block);
        }

        try
        {
            return Approximate(block, cacheDirectory, segmentKey, options.Hnsw);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            // No usable native library (not installed, another platform, a missing libgomp), or it failed to build:
            // exact search is slower on big segments but always right.
            return new ExactNeighbours(block);
        }
    }

    /// <summary>
    /// The search for the block that needs no graph built: exact search for a small block (or when forced), the
    /// saved graph when an intact one is there; null when a graph has to be built first (<see cref="For(VectorBlock, string?, string, bool, NeighbourIndexOptions)"/>).
    /// </summary>
    public static INearestNeighbours? Ready(VectorBlock block, string? cacheDirectory, string segmentKey, NeighbourIndexOptions options)
    {
        if (block.Count < options.ExactBelowRows)
        {
            return new ExactNeighbours(block);
        }

        try
        {
            return cacheDirectory is null ? null : Saved(block, GraphFiles.PathFor(cacheDirectory, segmentKey, block), options.Hnsw);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return new ExactNeighbours(block);
        }
    }

    /// <summary>Deletes the graph files of segments that are gone (see <see cref="GraphFiles.Prune"/>).</summary>
    public static int RemoveStale(string cacheDirectory, IEnumerable<string> liveSegmentKeys) =>
        GraphFiles.Prune(cacheDirectory, liveSegmentKeys);

    // The graph saved at path, memory-mapped, when an intact one readable by this USearch is there.
    private static HnswNeighbours? Saved(VectorBlock block, string path, HnswOptions options)
    {
        if (!GraphFiles.IsIntact(path))
        {
            return null;
        }

        try
        {
            return HnswNeighbours.View(block, options, path);
        }
        catch (InvalidOperationException)
        {
            // Intact bytes that USearch cannot read (another version's format, another shape): to be rebuilt.
            return null;
        }
    }

    private static HnswNeighbours Approximate(VectorBlock block, string? cacheDirectory, string segmentKey, HnswOptions options)
    {
        if (cacheDirectory is null)
        {
            return HnswNeighbours.Build(block, options);
        }

        string path = GraphFiles.PathFor(cacheDirectory, segmentKey, block);
        if (Saved(block, path, options) is { } saved)
        {
            return saved;
        }

        var graph = HnswNeighbours.Build(block, options);
        try
        {
            GraphFiles.Save(graph, path);
            GraphFiles.DeleteOthers(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A read-only index or a full disk: search from the graph in memory; the next open tries again.
        }

        return graph;
    }
}

/// <summary>When <see cref="NeighbourIndex"/> builds a graph, and how.</summary>
internal sealed record NeighbourIndexOptions
{
    public static readonly NeighbourIndexOptions Default = new();

    /// <summary>Segments with fewer rows are searched exactly. Default 10,000 (docs/benchmarks.md, "Vector search").</summary>
    public int ExactBelowRows { get; init; } = 10_000;

    /// <summary>
    /// Build a segment's graph on a background thread, searching the segment exactly until it is there. Default true:
    /// a graph over a million vectors takes minutes to build, far past any query's budget; exact search of that
    /// segment meanwhile takes about half a second a query.
    /// </summary>
    public bool BuildInBackground { get; init; } = true;

    /// <summary>The graph's parameters.</summary>
    public HnswOptions Hnsw { get; init; } = new();
}
