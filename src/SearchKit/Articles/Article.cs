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

/// <summary>One body paragraph of an article.</summary>
/// <param name="Index">Position among the body paragraphs, from 0.</param>
/// <param name="Text">The paragraph text.</param>
/// <param name="Heading">The section heading the paragraph falls under, or <see langword="null"/>.</param>
public sealed record Paragraph(int Index, string Text, string? Heading = null);

/// <summary>Optional facts about an article that are not its text.</summary>
public sealed record ArticleMetadata
{
    /// <summary>No metadata.</summary>
    public static ArticleMetadata Empty { get; } = new();

    /// <summary>The file the article was read from, or <see langword="null"/>.</summary>
    public string? SourcePath { get; init; }

    /// <summary>A category, such as a section of a news site.</summary>
    public string? Category { get; init; }

    /// <summary>Free tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the article was published.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>Where the article lives on the web.</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// A hash of the source the article was read from, used to skip unchanged files when re-indexing.
    /// </summary>
    public string? ContentHash { get; init; }
}
