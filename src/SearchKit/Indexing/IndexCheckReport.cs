namespace SearchKit.Indexing;

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
