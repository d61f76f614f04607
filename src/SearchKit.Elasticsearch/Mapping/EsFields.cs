namespace SearchKit.Elasticsearch.Mapping;

/// <summary>The Elasticsearch field names an article is mapped to, in one place (the embedded index's are in <c>ArticleFields</c>).</summary>
internal static class EsFields
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Lead = "lead";
    public const string Headings = "headings";

    /// <summary>Every paragraph's text as one multi-valued field, so an article is ranked on its whole body as the embedded index ranks it.</summary>
    public const string Body = "body";

    /// <summary>The nested paragraphs (index, heading, text): a phrase never crosses two, and each hit says which matched.</summary>
    public const string Paragraphs = "paragraphs";
    public const string ParagraphIndex = "index";
    public const string ParagraphHeading = "heading";
    public const string ParagraphText = "text";
    public const string Path = "path";
    public const string Hash = "hash";

    /// <summary>The analyzer the template defines, SearchKit's <c>english</c>.</summary>
    public const string Analyzer = "searchkit_english";

    /// <summary>The fields searched by plain words and unqualified Lucene terms, in the embedded index's order.</summary>
    public static readonly string[] Searched = [Title, Lead, Headings, Body];

    /// <summary>The names SearchKit's query syntax accepts besides the real ones, mapped as field aliases.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["heading"] = Headings,
        ["paragraph"] = Body,
        ["p"] = Body,
        ["text"] = Body,
        ["tag"] = "tags",
    };

    /// <summary>Source keys that are not metadata fields.</summary>
    public static readonly HashSet<string> Own = new(StringComparer.Ordinal) { Id, Title, Lead, Headings, Body, Paragraphs, Path, Hash };

    /// <summary>The weight a search gives <paramref name="field"/>.</summary>
    public static float Weight(RankingOptions ranking, string field) => field switch
    {
        Title => ranking.TitleWeight,
        Lead => ranking.LeadWeight,
        Headings => ranking.HeadingWeight,
        _ => ranking.BodyWeight,
    };

    /// <summary>The searched fields with their weights, as <c>field^weight</c>.</summary>
    public static string[] Weighted(RankingOptions ranking) =>
        [.. Searched.Select(f => $"{f}^{Weight(ranking, f).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}")];
}
