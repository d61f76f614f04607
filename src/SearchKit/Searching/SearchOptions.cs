namespace SearchKit.Searching;

/// <summary>Options for one search. Immutable.</summary>
public sealed record SearchOptions
{
    /// <summary>The defaults.</summary>
    public static SearchOptions Default { get; } = new();

    /// <summary>Hits to return. Default 10.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Hits to skip, for paging. Default 0.</summary>
    public int Skip { get; init; }

    /// <summary>Rank single paragraphs across the index instead of articles. Default false.</summary>
    public bool Passages { get; init; }

    /// <summary>How the query is read. Default <see cref="QuerySyntax.Lucene"/>.</summary>
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Lucene;

    /// <summary>Whether terms without an operator must all match (AND) or any may (OR). Default false (OR).</summary>
    public bool DefaultAnd { get; init; }

    /// <summary>Find each hit's matching paragraphs and their snippets. Default true.</summary>
    public bool Paragraphs { get; init; } = true;

    /// <summary>Attach Lucene's score explanation to each hit. Default false.</summary>
    public bool Explain { get; init; }

    /// <summary>Put before each matched term in <see cref="ParagraphMatch.Snippet"/>. Default <c>«</c>.</summary>
    public string HighlightStart { get; init; } = "«";

    /// <summary>Put after each matched term in <see cref="ParagraphMatch.Snippet"/>. Default <c>»</c>.</summary>
    public string HighlightEnd { get; init; } = "»";

    /// <summary>The longest snippet, in characters, before markers. Default 240.</summary>
    public int SnippetLength { get; init; } = 240;

    /// <summary>
    /// Propose a corrected query (<see cref="SearchResults.Suggestion"/>) when fewer than this many articles match;
    /// 0 never does. Default 3. A suggestion costs a few term-dictionary walks and counting searches.
    /// </summary>
    public int SuggestBelow { get; init; } = 3;

    /// <summary>
    /// Conditions on the metadata fields, all of which must hold (see <see cref="SearchFilter"/>). They never change
    /// scores and are cached per segment. With filters, an empty query lists every article that passes them (browse).
    /// </summary>
    public IReadOnlyList<SearchFilter> Filters { get; init; } = [];

    /// <summary>The order of article hits. Default <see cref="SearchSort.Relevance"/>. Passage mode ranks by relevance only.</summary>
    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>
    /// The <see cref="SearchResults.NextCursor"/> of the previous page: this page starts after its last hit, at the
    /// cost of a first page whatever the depth (<see cref="Skip"/> still applies after it). Null for the first page.
    /// A cursor only fits the query, filters and sort it came from. Not for passage mode.
    /// </summary>
    public string? After { get; init; }

    /// <summary>
    /// Facets to count over every article the search matches (not just the page; see <see cref="FacetRequest"/>), in
    /// <see cref="SearchResults.Facets"/>. A facet ignores the filters on its own field (multi-select): each faceted
    /// field with filters costs one more pass over the query's matches. In passage mode facets count articles too.
    /// </summary>
    public IReadOnlyList<FacetRequest> Facets { get; init; } = [];

    /// <summary>
    /// How hits are ranked: <see cref="SearchMode.Keyword"/> (default), <see cref="SearchMode.Semantic"/> or
    /// <see cref="SearchMode.Hybrid"/>, in article and in passage mode. The last two need an index with embeddings,
    /// opened with its embedder (<see cref="SearchIndexOptions.Embedder"/>); they take no <see cref="Sort"/> and no
    /// <see cref="After"/> cursor (page with <see cref="Skip"/>).
    /// </summary>
    public SearchMode Mode { get; init; }

    /// <summary>The fusion and depth of <see cref="SearchMode.Hybrid"/> (and the depth of <see cref="SearchMode.Semantic"/>).</summary>
    public HybridOptions Hybrid { get; init; } = HybridOptions.Default;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Hybrid, nameof(Hybrid));
        Hybrid.Validate();

        if (SuggestBelow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SearchOptions), "SuggestBelow must be ≥ 0");
        }

        if (Top < 0 || Skip < 0 || SnippetLength < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(SearchOptions), "top and skip must be ≥ 0 and the snippet at least 20 characters");
        }

        ArgumentNullException.ThrowIfNull(Filters, nameof(Filters));
        ArgumentNullException.ThrowIfNull(Sort, nameof(Sort));
        ArgumentNullException.ThrowIfNull(Facets, nameof(Facets));
        if (Facets.Any(f => f is null))
        {
            throw new ArgumentException("a facet request is null", nameof(Facets));
        }

        if (Filters.Any(f => f is null))
        {
            throw new ArgumentException("a filter is null", nameof(Filters));
        }

        if (Skip > 100_000 || Top > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(SearchOptions), "top and skip are limited to 100,000 each");
        }
    }
}
