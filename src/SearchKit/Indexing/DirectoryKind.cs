namespace SearchKit;

/// <summary>How an index stores its files on disk.</summary>
public enum DirectoryKind
{
    /// <summary>Positional reads through <c>FileStream</c> (Lucene's NIOFSDirectory).</summary>
    Nio,

    /// <summary>
    /// Memory-mapped files (what Lucene's <c>FSDirectory.Open</c> picks on 64-bit Linux); the default, chosen by
    /// measurement: the least CPU per query of the three under concurrent search (docs/benchmarks.md).
    /// </summary>
    Mmap,

    /// <summary>One synchronised <c>FileStream</c> per file (Lucene's SimpleFSDirectory).</summary>
    Simple,
}
