namespace SearchKit;

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

    /// <summary>
    /// The most <c>*</c> in one wildcard term (<c>a*b*c</c> has two), checked before Lucene builds its automaton,
    /// whose construction cannot be interrupted and grows with every star. Default 8.
    /// </summary>
    public int MaxWildcardStars { get; init; } = 8;

    internal void Validate()
    {
        if (MaxQueryLength < 1 || MaxClauses < 1 || MaxNesting < 1 || Timeout <= TimeSpan.Zero || MaxPatternLength < 1 || MaxRegexStates < 1 || MaxPatterns < 1 || MaxWildcardStars < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueryLimits), "query limits must be positive");
        }
    }
}
