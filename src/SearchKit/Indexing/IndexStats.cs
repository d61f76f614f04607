namespace SearchKit.Indexing;

/// <summary>Facts about an index at its last commit.</summary>
public sealed record IndexStats
{
    /// <summary>Live articles.</summary>
    public long Articles { get; init; }

    /// <summary>Body paragraphs of the live articles.</summary>
    public long Paragraphs { get; init; }

    /// <summary>Lucene segments.</summary>
    public int Segments { get; init; }

    /// <summary>Bytes of the index files on disk (or in memory).</summary>
    public long SizeBytes { get; init; }

    /// <summary>The analyzer the index was built with.</summary>
    public string Analyzer { get; init; } = string.Empty;

    /// <summary>The embedding model of the index's vectors (see <see cref="SearchIndexOptions.Embedder"/>), or null for a keyword-only index.</summary>
    public Analysis.EmbeddingModelInfo? EmbeddingModel { get; init; }

    /// <summary>Live articles that have vectors (all of them once an index with embeddings is complete).</summary>
    public long ArticlesWithEmbeddings { get; init; }

    /// <summary>When the last commit was made, if recorded.</summary>
    public DateTimeOffset? LastCommit { get; init; }

    /// <summary>Articles deleted or replaced but not yet merged away.</summary>
    public long DeletedArticles { get; init; }

    /// <summary>The body terms found in the most articles, most frequent first.</summary>
    public IReadOnlyList<TermCount> TopTerms { get; init; } = [];

    /// <summary>The metadata fields (the fixed four first, then the named ones by name), their kinds and how many live articles have each.</summary>
    public IReadOnlyList<Articles.MetadataFieldStats> Fields { get; init; } = [];
}
