namespace SearchKit.Searching.Vectors;

/// <summary>Nearest-neighbour search over one <see cref="VectorBlock"/> (the seam of the issue-15 contract).</summary>
internal interface INearestNeighbours : IDisposable
{
    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/> (unit length), best first; <paramref name="acceptRow"/> filters rows (deleted documents, filters).</summary>
    IReadOnlyList<Neighbour> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? acceptRow = null);
}
