namespace SearchKit.Searching.Vectors;

/// <summary>A row of a <see cref="VectorBlock"/> and its cosine similarity to the query.</summary>
internal readonly record struct Neighbour(int Row, float Similarity);
