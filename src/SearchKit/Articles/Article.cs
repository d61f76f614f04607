namespace SearchKit.Articles;

/// <summary>
/// An article: a title, an optional lead (standfirst), ordered body paragraphs and optional metadata.
/// </summary>
/// <param name="Id">The article's unique id; adding an article whose id exists replaces the old one.</param>
/// <param name="Title">The headline.</param>
/// <param name="Lead">The one-sentence standfirst under the headline, or <see langword="null"/>.</param>
/// <param name="Paragraphs">The body paragraphs in order; <see cref="Paragraph.Index"/> counts them from 0.</param>
public sealed record Article(string Id, string Title, string? Lead, IReadOnlyList<Paragraph> Paragraphs)
{
    /// <summary>Optional metadata: source path, category, tags, published date, url.</summary>
    public ArticleMetadata Metadata { get; init; } = ArticleMetadata.Empty;

    /// <summary>The distinct section headings, in order of first appearance.</summary>
    public IReadOnlyList<string> Headings =>
        Paragraphs.Select(p => p.Heading).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Builds an article from plain paragraph texts, numbering them and placing each under
    /// the most recent heading given by <paramref name="headings"/> (paragraph index → heading).
    /// </summary>
    public static Article Create(
        string id,
        string title,
        string? lead,
        IEnumerable<string> paragraphs,
        IReadOnlyDictionary<int, string>? headings = null)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        string? current = null;
        var list = new List<Paragraph>();
        foreach (var text in paragraphs)
        {
            if (headings is not null && headings.TryGetValue(list.Count, out var h))
            {
                current = h;
            }

            list.Add(new Paragraph(list.Count, text, current));
        }

        return new Article(id, title, lead, list);
    }
}
