namespace SearchKit.Searching.Vectors;

/// <summary>How the graph stores its copy of the vectors (the block keeps the exact floats for re-scoring).</summary>
internal enum GraphScalar
{
    Float32,
    Float16,
    Int8,
}

/// <summary>
/// The parameters of an HNSW graph. Defaults chosen by measurement (docs/benchmarks.md, "Vector search").
/// </summary>
internal sealed record HnswOptions
{
    /// <summary>Links per node (HNSW's M). Default 16.</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>Candidate list while building (efConstruction). Default 128.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>Candidate list while searching (ef); at least k is used. Default 64.</summary>
    public int ExpansionSearch { get; init; } = 64;

    /// <summary>
    /// Precision of the graph's copy of the vectors. Default <see cref="GraphScalar.Int8"/>: a quarter of the
    /// floats' size, half the build time of 16-bit floats, and with re-scoring the same recall.
    /// </summary>
    public GraphScalar Scalar { get; init; } = GraphScalar.Int8;

    /// <summary>
    /// Rows fetched from the graph per row asked for, re-scored with the block's exact floats: covers the ranking
    /// error of a reduced-precision copy. Default 4.
    /// </summary>
    public int Rescore { get; init; } = 4;

    /// <summary>Threads that build the graph. Default: the processor count.</summary>
    public int BuildThreads { get; init; } = Environment.ProcessorCount;

    internal uint NativeScalar => Scalar switch
    {
        GraphScalar.Float32 => USearchNative.ScalarF32,
        GraphScalar.Int8 => USearchNative.ScalarI8,
        GraphScalar.Float16 => USearchNative.ScalarF16,
        _ => throw new ArgumentOutOfRangeException(nameof(Scalar), Scalar, "Unknown scalar kind."),
    };
}
