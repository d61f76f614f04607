namespace SearchKit.Searching;

/// <summary>How a search ranks: by words, by meaning, or by both.</summary>
public enum SearchMode
{
    /// <summary>BM25 over the words of the query (Lucene syntax or natural words): the default.</summary>
    Keyword,

    /// <summary>
    /// By meaning: the query's embedding against the embeddings of every body paragraph and of each article's
    /// title and lead (nearest neighbours by cosine similarity). Needs an index with embeddings and its embedder.
    /// </summary>
    Semantic,

    /// <summary>Both rankings fused (see <see cref="HybridOptions"/>).</summary>
    Hybrid,
}
