namespace SearchKit.Articles;

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
    /// Named fields beside the fixed ones (an author, a word count, an updated date): each a name and one or
    /// more values. Names are case-sensitive; see <see cref="FieldNames.IsValid"/> for which names may be used.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> Fields { get; init; } = FieldNames.NoFields;

    /// <summary>
    /// A hash of the source the article was read from, used to skip unchanged files when re-indexing.
    /// </summary>
    public string? ContentHash { get; init; }
}
