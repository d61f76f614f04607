namespace SearchKit.Searching.Vectors;

/// <summary>Nearest-neighbour search over the rows of one <see cref="VectorBlock"/>. Thread-safe.</summary>
internal interface INearestNeighbours : IDisposable
{
    /// <summary>
    /// The <paramref name="k"/> rows most similar to <paramref name="query"/> (unit length), best first (ties by
    /// row); <paramref name="acceptRow"/>, when given, filters rows out (deleted documents, filters).
    /// </summary>
    IReadOnlyList<Neighbour> Search(ReadOnlySpan<float> query, int k, Func<int, bool>? acceptRow = null);
}
