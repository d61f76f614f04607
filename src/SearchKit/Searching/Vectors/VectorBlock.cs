namespace SearchKit.Searching.Vectors;

/// <summary>
/// The vectors of one Lucene segment: row <c>r</c> is paragraph <c>Paragraphs[r]</c> (-1 = the article's
/// title and lead) of segment-local document <c>Docs[r]</c>. Vectors are row-major and unit length,
/// <c>Count * Dimensions</c> floats. The block does not copy its arrays: the caller hands them over.
/// </summary>
internal sealed class VectorBlock
{
    private readonly float[] vectors;

    public VectorBlock(int dimensions, float[] vectors, int[] docs, int[] paragraphs)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(docs);
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (docs.Length != paragraphs.Length || (long)docs.Length * dimensions != vectors.Length)
        {
            throw new ArgumentException(
                $"A vector block of {docs.Length} rows and {paragraphs.Length} paragraph numbers needs {(long)docs.Length * dimensions} floats of {dimensions} dimensions; it has {vectors.Length}.",
                nameof(vectors));
        }

        Dimensions = dimensions;
        this.vectors = vectors;
        Docs = docs;
        Paragraphs = paragraphs;
    }

    public int Dimensions { get; }

    public int Count => Docs.Length;

    public int[] Docs { get; }

    public int[] Paragraphs { get; }

    /// <summary>All rows, row-major (for the kernels that walk the whole block).</summary>
    internal ReadOnlySpan<float> Vectors => vectors;

    public ReadOnlySpan<float> Row(int row) => vectors.AsSpan(row * Dimensions, Dimensions);
}
