using Lucene.Net.Analysis;
using SearchKit.Articles;

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

    internal void Validate()
    {
        if (RamBufferMB is <= 0 or > 2047)
        {
            throw new ArgumentOutOfRangeException(nameof(RamBufferMB), RamBufferMB, "the RAM buffer must be between 0 and 2047 MB");
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
}

/// <summary>How articles are ranked: BM25 with a weight per field.</summary>
public sealed record RankingOptions
{
    /// <summary>The defaults.</summary>
    public static RankingOptions Default { get; } = new();

    /// <summary>BM25 term-frequency saturation. Default 1.2.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full). Default 0.75.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>Weight of a match in the title. Default 3.</summary>
    public float TitleWeight { get; init; } = 3f;

    /// <summary>Weight of a match in the lead. Default 2.</summary>
    public float LeadWeight { get; init; } = 2f;

    /// <summary>Weight of a match in a section heading. Default 1.5.</summary>
    public float HeadingWeight { get; init; } = 1.5f;

    /// <summary>Weight of a match in the body paragraphs. Default 1.</summary>
    public float BodyWeight { get; init; } = 1f;

    internal void Validate()
    {
        if (K1 < 0 || B is < 0 or > 1 || TitleWeight < 0 || LeadWeight < 0 || HeadingWeight < 0 || BodyWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RankingOptions), "ranking: k1 and weights must be ≥ 0 and b between 0 and 1");
        }
    }
}

/// <summary>Limits that keep a hostile query from exhausting the process.</summary>
public sealed record QueryLimits
{
    /// <summary>The defaults.</summary>
    public static QueryLimits Default { get; } = new();

    /// <summary>The longest query, in characters. Default 10,000.</summary>
    public int MaxQueryLength { get; init; } = 10_000;

    /// <summary>The most clauses a query may have, counted after wildcard and fuzzy expansion. Default 1,024.</summary>
    public int MaxClauses { get; init; } = 1024;

    /// <summary>The deepest nesting of parentheses. Default 32.</summary>
    public int MaxNesting { get; init; } = 32;

    /// <summary>How long a search may run before it is stopped with an error. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (MaxQueryLength < 1 || MaxClauses < 1 || MaxNesting < 1 || Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(QueryLimits), "query limits must be positive");
        }
    }
}
