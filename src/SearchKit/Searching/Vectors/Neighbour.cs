namespace SearchKit.Searching.Vectors;

/// <summary>One row of a <see cref="VectorBlock"/> and its similarity (dot product) to the query.</summary>
internal readonly record struct Neighbour(int Row, float Similarity);
