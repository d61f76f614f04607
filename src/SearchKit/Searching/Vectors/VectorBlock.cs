namespace SearchKit.Searching.Vectors;

/// <summary>
/// The vectors of one Lucene segment: row r is paragraph <see cref="Paragraphs"/>[r] (-1 = the article's title and
/// lead) of segment-local document <see cref="Docs"/>[r]. Vectors row-major, unit length, Count × Dimensions floats.
/// </summary>
/// <remarks>The seam of the issue-15 contract; the nearest-neighbour branch owns this type and its version wins at merge.</remarks>
internal sealed class VectorBlock
{
    private readonly float[] _vectors;

    public VectorBlock(int dimensions, float[] vectors, int[] docs, int[] paragraphs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (vectors.Length != docs.Length * dimensions || docs.Length != paragraphs.Length)
        {
            throw new ArgumentException("a vector block needs Count × Dimensions floats and one doc and paragraph per row");
        }

        Dimensions = dimensions;
        _vectors = vectors;
        Docs = docs;
        Paragraphs = paragraphs;
    }

    public int Dimensions { get; }

    public int Count => Docs.Length;

    public int[] Docs { get; }

    public int[] Paragraphs { get; }

    public ReadOnlySpan<float> Row(int row) => _vectors.AsSpan(row * Dimensions, Dimensions);
}
