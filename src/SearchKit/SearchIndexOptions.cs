using Lucene.Net.Analysis;
using Microsoft.Extensions.Logging;
using SearchKit.Articles;

namespace SearchKit;

/// <summary>Options for opening an index. Immutable; validated once by <see cref="SearchIndex.Open"/>.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>The defaults.</summary>
    public static SearchIndexOptions Default { get; } = new();

    /// <summary>
    /// The analyzer by name (see <see cref="Analysis.AnalyzerCatalog.Names"/>). Default <see langword="null"/>:
    /// the analyzer the index was built with, or <c>english</c> for a new index. Naming another analyzer
    /// than the index's is an error.
    /// </summary>
    public string? AnalyzerName { get; init; }

    /// <summary>
    /// A custom analyzer instance, used instead of <see cref="AnalyzerName"/>; it is recorded in the index as
    /// <c>custom:</c> and its type name. The caller keeps ownership. Default <see langword="null"/>.
    /// </summary>
    public Analyzer? Analyzer { get; init; }

    /// <summary>
    /// The on-disk directory implementation. Default <see cref="DirectoryKind.Mmap"/>: in interleaved runs of
    /// concurrent queries it cost about 25 % less CPU per query than NIO, with simple in between (docs/benchmarks.md).
    /// </summary>
    public DirectoryKind Directory { get; init; } = DirectoryKind.Mmap;

    /// <summary>Open the index for searching only: no write lock is taken and writes throw. Default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Create the index when the path holds none. Default true (ignored when <see cref="ReadOnly"/>).</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>
    /// Start afresh: build a new index in place of whatever index the path holds (taking the write lock at
    /// open, so an index another writer is using is refused as locked). The old index stays what every search
    /// sees, in this process and others, until the new one is committed: by the end of the first indexing run
    /// (which commits only then, not every window) or the first <see cref="SearchIndex.Commit"/>. A rebuild that
    /// is cancelled, fails or is killed before then leaves the old index as it was. The old analyzer is not
    /// checked. Default false; not allowed with <see cref="ReadOnly"/>.
    /// </summary>
    public bool Recreate { get; init; }

    /// <summary>
    /// Verify the checksum of every index file when the index is opened, so that damage anywhere (even a
    /// changed byte that reads as valid data) is reported as <see cref="IndexProblem.Damaged"/> up front.
    /// Costs one full read of the index. Default false: damage is then found when a damaged part is read,
    /// when segments are merged, or by <see cref="SearchIndex.Check"/>.
    /// </summary>
    public bool VerifyOnOpen { get; init; }

    /// <summary>Memory the writer buffers before it flushes a segment, in MB. Default 64.</summary>
    public double RamBufferMB { get; init; } = 64;

    /// <summary>Threads a bulk indexing run uses to parse and analyse. Default: all cores.</summary>
    public int IndexingThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Ranking: field weights and BM25 parameters.</summary>
    public RankingOptions Ranking { get; init; } = RankingOptions.Default;

    /// <summary>Limits on articles read from files.</summary>
    public ReaderLimits ReaderLimits { get; init; } = ReaderLimits.Default;

    /// <summary>Limits on queries.</summary>
    public QueryLimits QueryLimits { get; init; } = QueryLimits.Default;

    /// <summary>
    /// Where the index logs indexing runs (information), each article that failed (warning), commits and
    /// merges (debug). Default <see langword="null"/>: nothing is logged. The library never writes to the
    /// console itself. The caller keeps ownership of the factory.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Embeds articles for <see cref="Searching.SearchMode.Semantic"/> and <see cref="Searching.SearchMode.Hybrid"/> search: every body
    /// paragraph and each article's title and lead are embedded as the article is indexed, and the vectors are stored
    /// in its document. The model is recorded in the index; an index with embeddings opens only with the same model
    /// (<see cref="IndexProblem.EmbeddingMismatch"/>), and is written only with it (without one it can still be searched
    /// by keyword, and articles deleted). Default <see langword="null"/>: keyword search only. The caller keeps ownership.
    /// </summary>
    public Analysis.ITextEmbedder? Embedder { get; init; }

    internal void Validate()
    {
        if (RamBufferMB is <= 0 or > 2047)
        {
            throw new ArgumentOutOfRangeException(nameof(RamBufferMB), RamBufferMB, "the RAM buffer must be between 0 and 2047 MB");
        }

        if (Recreate && ReadOnly)
        {
            throw new ArgumentException("an index cannot be recreated when opened read-only", nameof(Recreate));
        }

        if (IndexingThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IndexingThreads), IndexingThreads, "at least one indexing thread");
        }

        if (AnalyzerName is not null && Analyzer is null && !Analysis.AnalyzerCatalog.IsKnown(AnalyzerName))
        {
            throw new ArgumentException($"unknown analyzer '{AnalyzerName}'; known: {string.Join(", ", Analysis.AnalyzerCatalog.Names)}", nameof(AnalyzerName));
        }

        Ranking.Validate();
        ReaderLimits.Validate();
        QueryLimits.Validate();
    }

    /// <summary>How each segment's nearest-neighbour search is chosen (tests lower the HNSW threshold).</summary>
    internal Searching.Vectors.NeighbourIndexOptions Neighbours { get; init; } = Searching.Vectors.NeighbourIndexOptions.Default;
}
