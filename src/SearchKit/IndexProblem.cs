namespace SearchKit;

/// <summary>Why an index could not be used.</summary>
public enum IndexProblem
{
    /// <summary>There is no index at the path.</summary>
    Missing,

    /// <summary>Another writer holds the index's write lock.</summary>
    Locked,

    /// <summary>The index files are damaged or unreadable.</summary>
    Damaged,

    /// <summary>The index was built with another analyzer than the one asked for.</summary>
    AnalyzerMismatch,

    /// <summary>
    /// The path is not an index and cannot become one: a file or device rather than a folder, or a folder
    /// holding other files (documents, say) and no index. SearchKit never writes into such a folder.
    /// </summary>
    NotAnIndex,

    /// <summary>
    /// The index folder cannot be written: a read-only file system, no permission, or a full disk. The message
    /// says which.
    /// </summary>
    Unwritable,

    /// <summary>
    /// The index was built by an older version with another document layout: it can be searched read-only, but
    /// must be rebuilt from its sources before it can be written to.
    /// </summary>
    OutdatedFormat,

    /// <summary>
    /// The index holds embeddings of another model (or another dimension) than the embedder given, or it holds
    /// embeddings and is written without the embedder they came from.
    /// </summary>
    EmbeddingMismatch,
}
