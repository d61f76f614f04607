namespace SearchKit.Searching;

/// <summary>The results of one search.</summary>
/// <param name="Query">The query as given.</param>
/// <param name="Total">
/// How many articles matched in all; in passage mode, how many paragraphs matched, exactly when
/// <see cref="TotalIsLowerBound"/> is false, otherwise at least that many. In <see cref="SearchMode.Semantic"/> every
/// article with embeddings is near the query to some degree, so the total is how many articles (paragraphs in passage
/// mode) were ranked: at most <see cref="HybridOptions.Candidates"/> (or <c>skip + top</c> when more), and
/// <see cref="TotalIsLowerBound"/> is true when more could have been. In <see cref="SearchMode.Hybrid"/> it is the
/// size of the union of the two candidate lists, a lower bound likewise.
/// </param>
/// <param name="Hits">The requested page of hits, best first.</param>
/// <param name="Took">Time spent searching and fetching.</param>
public sealed record SearchResults(string Query, long Total, IReadOnlyList<SearchHit> Hits, TimeSpan Took)
{
    /// <summary>
    /// True when <see cref="Total"/> is a lower bound: in passage mode, when more articles match than the
    /// paragraphs are ranked from (the best <c>max(50, 3 × (skip + top))</c> articles). A pager should then offer a
    /// next page while pages come back full, not compute a last page from <see cref="Total"/>. Always false for articles.
    /// </summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>How the hits were ranked (<see cref="SearchOptions.Mode"/>).</summary>
    public SearchMode Mode { get; init; }

    /// <summary>
    /// A corrected query ("Did you mean"), when this one found fewer than <see cref="SearchOptions.SuggestBelow"/> articles
    /// and a spelling from the index's own words finds more; otherwise null.
    /// </summary>
    public QuerySuggestion? Suggestion { get; init; }

    /// <summary>
    /// The cursor of the next page (pass it as <see cref="SearchOptions.After"/>), or null on the last page and in
    /// passage mode. Opaque; it encodes the sort values of this page's last hit.
    /// </summary>
    public string? NextCursor { get; init; }

    /// <summary>
    /// The counts of <see cref="SearchOptions.Facets"/>, keyed by field, in the order asked for; empty when none were
    /// asked for. Each counts every matching article (in passage mode too: articles, not paragraphs), under every
    /// filter but those on its own field.
    /// </summary>
    public IReadOnlyDictionary<string, FacetResult> Facets { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, FacetResult>.Empty;
}
