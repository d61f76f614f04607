namespace SearchKit.Searching.Vectors;

// A segment's vectors and its neighbour search, which a graph built in the background may replace.
internal sealed partial class VectorSearch
{
    /// <summary>A segment's vectors, its neighbour search, and each document's first row (-1 for none).</summary>
    private sealed class SegmentVectors(VectorBlock block, int[] firstRow) : IDisposable
    {
        private readonly System.Threading.Lock _gate = new();
        private volatile INearestNeighbours _neighbours = new ExactNeighbours(block);
        private bool _disposed;

        public VectorBlock Block { get; } = block;

        public int[] FirstRow { get; } = firstRow;

        // Chosen per segment by NeighbourIndex (exact below its row threshold, else an HNSW graph); exact while a
        // graph is built in the background.
        public INearestNeighbours Neighbours
        {
            get => _neighbours;
            set => _neighbours = value;
        }

        /// <summary>Builds the graph on a pool thread and swaps it in; the exact search it replaces owns nothing to free.</summary>
        public void BuildInBackground(Func<INearestNeighbours> build) => Task.Run(() =>
        {
            INearestNeighbours graph;
            try
            {
                graph = build();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or OutOfMemoryException)
            {
                // The segment keeps exact search: slower, never wrong.
                return;
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    graph.Dispose();
                    return;
                }

                _neighbours = graph;
            }
        });

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _neighbours.Dispose();
            }
        }
    }
}
