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

    /// <summary>When the last commit was made, if recorded.</summary>
    public DateTimeOffset? LastCommit { get; init; }

    /// <summary>Articles deleted or replaced but not yet merged away.</summary>
    public long DeletedArticles { get; init; }

    /// <summary>The body terms found in the most articles, most frequent first.</summary>
    public IReadOnlyList<TermCount> TopTerms { get; init; } = [];
}

/// <summary>A term and the number of articles it occurs in.</summary>
/// <param name="Term">The indexed (analysed) term.</param>
/// <param name="Articles">The number of articles containing it.</param>
public sealed record TermCount(string Term, long Articles);

/// <summary>The outcome of checking an index with Lucene's CheckIndex.</summary>
public sealed record IndexCheckReport
{
    /// <summary>True when nothing is wrong.</summary>
    public bool Healthy { get; init; }

    /// <summary>Segments checked.</summary>
    public int Segments { get; init; }

    /// <summary>Segments that could not be read.</summary>
    public int BadSegments { get; init; }

    /// <summary>Articles held by the bad segments: what a repair would lose.</summary>
    public long ArticlesLost { get; init; }

    /// <summary>Articles in the commit checked (not counting deleted ones).</summary>
    public long Articles { get; init; }

    /// <summary>
    /// True when a repair can make the index readable again by dropping the bad segments; false when the index
    /// is healthy or its commit point itself is lost or unreadable (then only a backup or re-indexing helps).
    /// </summary>
    public bool Repairable { get; init; }

    /// <summary>
    /// True when the check could not get a stable view of the index (a writer replaced its commit every time
    /// the check opened it): nothing is known to be wrong, and <see cref="Healthy"/> is false only because
    /// nothing was checked.
    /// </summary>
    public bool Inconclusive { get; init; }

    /// <summary>The commit point checked (<c>segments_N</c>): a live index is checked at one commit.</summary>
    public string? CommitPoint { get; init; }

    /// <summary>One line per problem found.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when a repair was made (the bad segments were dropped).</summary>
    public bool Repaired { get; init; }
}
