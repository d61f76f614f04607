using Lucene.Net.Analysis;
using Microsoft.Extensions.Logging;
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
}

/// <summary>
/// How articles are ranked: BM25 over the title, lead, headings and body, each field with a weight; the
/// fields combined by best field or by sum, and optionally pseudo-relevance feedback. See docs/ranking.md
/// for what each choice measured.
/// </summary>
public sealed record RankingOptions
{
    /// <summary>
    /// The defaults: BM25 (k1 1.2, b 0.75) in each field, the title weighted 1.2, the lead 1.1, headings 1.05
    /// and the body 1, fields combined by <see cref="FieldCombination.BestField"/>, no feedback.
    /// </summary>
    public static RankingOptions Default { get; } = new();

    /// <summary>
    /// Plain BM25 per field with the scores summed and the title, lead and headings weighted 3, 2 and 1.5: SearchKit's
    /// first ranking, kept as the baseline the others are measured against (it ranks worse, see docs/ranking.md).
    /// </summary>
    public static RankingOptions WeightedSum { get; } = new()
    {
        TitleWeight = 3f,
        LeadWeight = 2f,
        HeadingWeight = 1.5f,
        FieldCombination = FieldCombination.Sum,
    };

    /// <summary>The defaults plus RM3 pseudo-relevance feedback (<see cref="FeedbackOptions.Default"/>): better recall and MAP, about twice the search time.</summary>
    public static RankingOptions DefaultWithFeedback { get; } = new() { Feedback = FeedbackOptions.Default };

    /// <summary>BM25 term-frequency saturation. Default 1.2.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full). Default 0.75.</summary>
    public float B { get; init; } = 0.75f;

    // Why the weights are so mild: each field has its own BM25 length normalisation, so a word in a short
    // field (a title) already scores near the maximum; a large boost on top over-rewards title matches
    // (title 3 or 1.5 ranked significantly worse in docs/ranking.md). The small steps keep a title match
    // ahead of the same match in the lead, and the lead ahead of the body, at no significant cost there.

    /// <summary>Weight of a match in the title. Default 1.2.</summary>
    public float TitleWeight { get; init; } = 1.2f;

    /// <summary>Weight of a match in the lead. Default 1.1.</summary>
    public float LeadWeight { get; init; } = 1.1f;

    /// <summary>Weight of a match in a section heading. Default 1.05.</summary>
    public float HeadingWeight { get; init; } = 1.05f;

    /// <summary>Weight of a match in the body paragraphs. Default 1.</summary>
    public float BodyWeight { get; init; } = 1f;

    /// <summary>How one query term's scores in the several fields add up. Default <see cref="FieldCombination.BestField"/>.</summary>
    public FieldCombination FieldCombination { get; init; } = FieldCombination.BestField;

    /// <summary>
    /// With <see cref="FieldCombination.BestField"/>, the share of the other fields' scores added to the best
    /// field's, 0 to 1. Default 0.1.
    /// </summary>
    public float TieBreaker { get; init; } = 0.1f;

    /// <summary>
    /// Pseudo-relevance feedback (RM3) for plain-word queries: the query is expanded with words of its first
    /// top-ranked articles and run again. <see langword="null"/> turns it off. Default off.
    /// </summary>
    public FeedbackOptions? Feedback { get; init; }

    internal void Validate()
    {
        if (K1 < 0 || B is < 0 or > 1 || TitleWeight < 0 || LeadWeight < 0 || HeadingWeight < 0 || BodyWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RankingOptions), "ranking: k1 and weights must be ≥ 0 and b between 0 and 1");
        }

        if (TieBreaker is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RankingOptions), "ranking: the tie breaker must be between 0 and 1");
        }

        Feedback?.Validate();
    }
}

/// <summary>How one query term's scores in the title, lead, headings and body are combined.</summary>
public enum FieldCombination
{
    /// <summary>Add the weighted BM25 score of every field the term appears in.</summary>
    Sum,

    /// <summary>
    /// Take the best weighted field score and add <see cref="RankingOptions.TieBreaker"/> times the others
    /// (Lucene's DisjunctionMaxQuery), so a word repeated in title and body is not counted in full twice.
    /// </summary>
    BestField,
}

/// <summary>
/// Pseudo-relevance feedback with relevance model 3 (RM3; Abdul-Jaleel et al., UMass at TREC 2004): the words of
/// the top <see cref="Documents"/> articles, weighted by article score, form a feedback model whose best
/// <see cref="Terms"/> words are mixed with the query's own words.
/// </summary>
public sealed record FeedbackOptions
{
    /// <summary>The defaults (those of Anserini's RM3: 10 articles, 10 words, half original query).</summary>
    public static FeedbackOptions Default { get; } = new();

    /// <summary>Top-ranked articles the feedback model is built from. Default 10.</summary>
    public int Documents { get; init; } = 10;

    /// <summary>Words the feedback model contributes. Default 10.</summary>
    public int Terms { get; init; } = 10;

    /// <summary>The weight of the original query in the mix, 0 to 1. Default 0.5.</summary>
    public float OriginalQueryWeight { get; init; } = 0.5f;

    internal void Validate()
    {
        if (Documents < 1 || Terms < 1 || OriginalQueryWeight is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FeedbackOptions), "feedback: documents and terms must be ≥ 1 and the original query weight between 0 and 1");
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

    /// <summary>
    /// How long a search may run before it is stopped with an error: parsing, expanding wildcard, fuzzy and
    /// regular-expression terms, collecting and building the page of hits all count. Default 10 seconds.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest <c>/regular expression/</c>, wildcard (<c>ha*b?r</c>), prefix or fuzzy (<c>word~</c>) term, in
    /// characters. Longer ones are refused before any automaton is built. Default 255.
    /// </summary>
    public int MaxPatternLength { get; init; } = 255;

    /// <summary>
    /// The most states the automaton of a <c>/regular expression/</c> may have once made deterministic, checked
    /// before Lucene builds it (like Elasticsearch's <c>max_determinized_states</c>); repeat counts are also limited to
    /// 500 and an expression to 500 characters once its repeats are expanded. Default 10,000.
    /// </summary>
    public int MaxRegexStates { get; init; } = 10_000;

    /// <summary>
    /// The most wildcard, prefix, regular-expression and fuzzy terms in one query, each counted once however many
    /// fields it is searched in. Each expands over the terms dictionary of every field, which costs far more than a
    /// word (250 regular expressions took seconds on a two-article index). Default 64.
    /// </summary>
    public int MaxPatterns { get; init; } = 64;

    internal void Validate()
    {
        if (MaxQueryLength < 1 || MaxClauses < 1 || MaxNesting < 1 || Timeout <= TimeSpan.Zero || MaxPatternLength < 1 || MaxRegexStates < 1 || MaxPatterns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueryLimits), "query limits must be positive");
        }
    }
}
