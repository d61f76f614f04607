namespace SearchKit.Searching;

/// <summary>The results of one search.</summary>
/// <param name="Query">The query as given.</param>
/// <param name="Total">
/// How many articles matched in all; in passage mode, how many paragraphs matched, exactly when
/// <see cref="TotalIsLowerBound"/> is false, otherwise at least that many.
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
}

/// <summary>One matching article.</summary>
/// <param name="Id">The article id.</param>
/// <param name="Title">The article title.</param>
/// <param name="Path">The file the article was read from, if any.</param>
/// <param name="Score">The ranking score (higher is better; comparable within one search only).</param>
/// <param name="Paragraphs">
/// The article's matching body paragraphs in document order; in passage mode exactly the one paragraph ranked.
/// Empty when only the title, lead or headings matched, or when paragraphs were not asked for.
/// </param>
public sealed record SearchHit(string Id, string Title, string? Path, float Score, IReadOnlyList<ParagraphMatch> Paragraphs)
{
    /// <summary>The article's lead, if it has one.</summary>
    public string? Lead { get; init; }

    /// <summary>Lucene's explanation of the score, when asked for.</summary>
    public string? Explanation { get; init; }
}

/// <summary>A body paragraph that matched the query.</summary>
/// <param name="Index">The paragraph's position among the body paragraphs, from 0.</param>
/// <param name="Heading">The section heading it falls under, if any.</param>
/// <param name="Text">The whole paragraph.</param>
/// <param name="Snippet">An excerpt around the matches, each matched term between the highlight markers.</param>
/// <param name="Highlights">Where the matched terms are in <paramref name="Text"/>.</param>
public sealed record ParagraphMatch(int Index, string? Heading, string Text, string Snippet, IReadOnlyList<TextSpan> Highlights)
{
    /// <summary>The passage-mode score of this paragraph; 0 outside passage mode.</summary>
    public float Score { get; init; }
}

/// <summary>A range of characters in a text.</summary>
/// <param name="Start">The first character.</param>
/// <param name="Length">How many characters.</param>
public readonly record struct TextSpan(int Start, int Length);
