namespace SearchKit.Indexing;

/// <summary>The names of the Lucene fields an article is mapped to, in one place.</summary>
public static class ArticleFields
{
    /// <summary>The article id: indexed as one exact term, stored, and in doc values.</summary>
    public const string Id = "id";

    /// <summary>The title: analysed and stored.</summary>
    public const string Title = "title";

    /// <summary>The lead: analysed and stored.</summary>
    public const string Lead = "lead";

    /// <summary>The section headings, one value each: analysed and stored.</summary>
    public const string Heading = "heading";

    /// <summary>
    /// The body paragraphs: one value per paragraph, in order, analysed with positions and offsets and stored.
    /// Values are <see cref="Analysis.ParagraphGapAnalyzer.PositionGap"/> positions apart.
    /// </summary>
    public const string Body = "body";

    /// <summary>The source path: one exact term, stored, and in doc values (for incremental re-indexing).</summary>
    public const string Path = "path";

    /// <summary>The hash of the source file's content: stored and in doc values.</summary>
    public const string Hash = "hash";

    // The fixed metadata live in the metadata layout (Indexing/MetadataLayout): "f.NAME" indexed, stored and in
    // SortedSet doc values, "s.NAME" the first value for sorting.

    /// <summary>The category: one exact term, stored (the metadata layout's <c>f.category</c>).</summary>
    public const string Category = "f.category";

    /// <summary>Tags: one exact term each, stored (the metadata layout's <c>f.tags</c>).</summary>
    public const string Tags = "f.tags";

    /// <summary>The publication time as Unix milliseconds: a long field, stored (the metadata layout's <c>f.published</c>; <c>s.published</c> sorts).</summary>
    public const string Published = "f.published";

    /// <summary>The url: one exact term, stored (the metadata layout's <c>f.url</c>).</summary>
    public const string Url = "f.url";

    /// <summary>For each paragraph, the index of its heading among the heading values (or -1): stored only.</summary>
    public const string Layout = "layout";

    /// <summary>The number of body paragraphs, in numeric doc values (for statistics).</summary>
    public const string ParagraphCount = "paragraphs";

    /// <summary>
    /// The article's embeddings, when the index has them: one binary doc value holding the vector of its title and
    /// lead, then one per body paragraph in order (see <c>Indexing/ArticleVectors</c> and docs/design.md).
    /// </summary>
    public const string Vectors = "vectors";

    /// <summary>The fields plain query words are searched in, in this order, each weighted by <see cref="Weight"/>.</summary>
    internal static readonly string[] Searched = [Title, Lead, Heading, Body];

    /// <summary>The weight <paramref name="ranking"/> gives a match in one of the <see cref="Searched"/> fields.</summary>
    internal static float Weight(RankingOptions ranking, string field) => field switch
    {
        Title => ranking.TitleWeight,
        Lead => ranking.LeadWeight,
        Heading => ranking.HeadingWeight,
        _ => ranking.BodyWeight,
    };

    /// <summary>Field names a query may use, with the aliases users reach for.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Queryable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Title] = Title,
        [Lead] = Lead,
        [Heading] = Heading,
        ["headings"] = Heading,
        [Body] = Body,
        ["paragraph"] = Body,
        ["p"] = Body,
        ["text"] = Body,
        [Id] = Id,
        [Path] = Path,
        ["category"] = Category,
        ["tag"] = Tags,
        ["tags"] = Tags,
    };
}
