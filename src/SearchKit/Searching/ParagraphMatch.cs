namespace SearchKit.Searching;

/// <summary>A body paragraph that matched the query: by its words (with highlights), by its meaning (with a similarity), or both.</summary>
/// <param name="Index">The paragraph's position among the body paragraphs, from 0.</param>
/// <param name="Heading">The section heading it falls under, if any.</param>
/// <param name="Text">The whole paragraph.</param>
/// <param name="Snippet">An excerpt around the matches, each matched term between the highlight markers.</param>
/// <param name="Highlights">Where the matched terms are in <paramref name="Text"/>.</param>
public sealed record ParagraphMatch(int Index, string? Heading, string Text, string Snippet, IReadOnlyList<TextSpan> Highlights)
{
    /// <summary>The passage-mode score of this paragraph; 0 outside passage mode.</summary>
    public float Score { get; init; }

    /// <summary>
    /// The cosine similarity of this paragraph's embedding to the query's, for a paragraph found by meaning
    /// (<see cref="SearchMode.Semantic"/>, <see cref="SearchMode.Hybrid"/>); null for one found by its words alone.
    /// </summary>
    public float? Similarity { get; init; }
}
