namespace SearchKit.Analysis;

/// <summary>
/// The identity of an embedding model, recorded in the index's commit data (key <c>searchkit.embeddings</c>, JSON):
/// an index with embeddings opens only with the same model, as it opens only with its analyzer.
/// </summary>
/// <param name="Name">The model's name, for example <c>all-MiniLM-L6-v2</c>.</param>
/// <param name="Version">The model's version (or its package's): vectors of two versions are not comparable.</param>
/// <param name="Dimensions">The length of each vector.</param>
public sealed record EmbeddingModelInfo(string Name, string Version, int Dimensions)
{
    /// <summary>The model as messages name it: <c>NAME VERSION (N dimensions)</c>.</summary>
    public override string ToString() => $"{Name} {Version} ({Dimensions} dimensions)";
}

/// <summary>
/// Turns text into unit-length vectors (so cosine similarity is the dot product). Thread-safe. The caller that
/// created it owns it: <see cref="SearchIndex"/> never disposes the embedder of its options.
/// </summary>
public interface ITextEmbedder : IDisposable
{
    /// <summary>The model the vectors come from.</summary>
    EmbeddingModelInfo Model { get; }

    /// <summary>
    /// One unit-length vector of <see cref="EmbeddingModelInfo.Dimensions"/> floats per passage, in order. Applies the
    /// model's passage prefix, text normalisation and truncation.
    /// </summary>
    IReadOnlyList<float[]> EmbedPassages(IReadOnlyList<string> passages, CancellationToken cancellation = default);

    /// <summary>The unit-length vector of a search query; applies the model's query prefix.</summary>
    float[] EmbedQuery(string query, CancellationToken cancellation = default);
}
