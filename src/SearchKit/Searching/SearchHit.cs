namespace SearchKit.Searching;

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

    /// <summary>
    /// Every metadata field of the article, the fixed <c>category</c>, <c>tags</c>, <c>published</c>, <c>url</c>
    /// included, each with its values in the order they were given (keywords as text, numbers, dates).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Articles.FieldValue>> Fields { get; init; } = Articles.FieldNames.NoFields;

    /// <summary>Lucene's explanation of the score, when asked for.</summary>
    public string? Explanation { get; init; }
}
