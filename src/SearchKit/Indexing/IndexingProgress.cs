namespace SearchKit.Indexing;

/// <summary>Progress of an indexing run, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="FilesDone">Files read so far (0 when indexing articles directly).</param>
/// <param name="FilesTotal">Files in the run (0 when indexing articles directly).</param>
/// <param name="Articles">Articles indexed so far.</param>
/// <param name="Bytes">Bytes of article text read so far.</param>
/// <param name="Failed">Files or lines that failed so far.</param>
public sealed record IndexingProgress(int FilesDone, int FilesTotal, long Articles, long Bytes, int Failed)
{
    /// <summary>
    /// Passages (body paragraphs, and each article's title and lead) embedded so far, when the index has embeddings
    /// (<see cref="SearchIndexOptions.Embedder"/>); 0 otherwise. Articles are counted as they are read and embedded
    /// in batches, so this trails <see cref="Articles"/>.
    /// </summary>
    public long Embedded { get; init; }

    /// <summary>
    /// The articles the run will index, when it knows beforehand (adding embeddings to an index's articles, see
    /// <c>SearchIndex.EmbedMissing</c>); 0 when it does not (files are read as the run goes).
    /// </summary>
    public long ArticlesTotal { get; init; }
}
