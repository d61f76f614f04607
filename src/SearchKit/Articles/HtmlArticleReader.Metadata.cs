using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace SearchKit.Articles;

// What the page's head says about the article: meta tags, the canonical link, JSON-LD.
public static partial class HtmlArticleReader
{
    private sealed record JsonLdArticle(string? Headline, string? Published, IReadOnlyList<string> Authors, IReadOnlyList<string> Keywords, string? Section);

    private static JsonLdArticle? ReadJsonLd(List<IElement> scripts)
    {
        foreach (var script in scripts)
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (FindArticle(json.RootElement, 0) is { } found)
                {
                    return found;
                }
            }
            catch (JsonException)
            {
                // A broken JSON-LD block is common on the web and says nothing about the article: ignored.
            }
        }

        return null;
    }

    private static JsonLdArticle? FindArticle(JsonElement e, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                if (FindArticle(item, depth + 1) is { } a)
                {
                    return a;
                }
            }

            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (e.TryGetProperty("@graph", out var graph) && FindArticle(graph, depth + 1) is { } inGraph)
        {
            return inGraph;
        }

        if (!e.TryGetProperty("@type", out var type) || !Strings(type).Any(t => t.EndsWith("Article", StringComparison.Ordinal) || t is "BlogPosting" or "Report"))
        {
            return null;
        }

        var keywords = e.TryGetProperty("keywords", out var k)
            ? Strings(k).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : [];
        var authors = e.TryGetProperty("author", out var au) ? Names(au).ToList() : [];
        return new JsonLdArticle(Text(e, "headline"), Text(e, "datePublished"), authors, keywords, e.TryGetProperty("articleSection", out var s) ? Strings(s).FirstOrDefault() : null);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? [e.GetString()!]
        : e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
        : [];

    private static IEnumerable<string> Names(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => Text(e, "name") is { } n ? [n] : [],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(x => x.ValueKind == JsonValueKind.Array ? [] : Names(x)),
        _ => [],
    };

    private static ArticleMetadata BuildMetadata(ArticleMetadata start, Dictionary<string, string> meta, JsonLdArticle? ld, string? lang, IDocument document, ReaderLimits limits)
    {
        string? Keyword(string? s) => Normalize(s) is { Length: > 0 } v && v.Length <= limits.MaxKeywordLength ? v : null;

        var category = Keyword(ld?.Section) ?? Keyword(meta.GetValueOrDefault("article:section"));
        var tags = (ld is { Keywords.Count: > 0 } ? ld.Keywords : (meta.GetValueOrDefault("article:tag") ?? string.Empty).Split('\n'))
            .Select(Keyword).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var published = Date(ld?.Published) ?? Date(meta.GetValueOrDefault("article:published_time"));
        var url = Absolute(meta.GetValueOrDefault("canonical")) ?? Absolute(meta.GetValueOrDefault("og:url"));

        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(start.Fields, StringComparer.Ordinal);
        var authors = (ld is { Authors.Count: > 0 } ? ld.Authors : [meta.GetValueOrDefault("author") ?? string.Empty])
            .Select(Keyword).OfType<string>().Distinct(StringComparer.Ordinal).Select(FieldValue.Text).ToList();
        if (authors.Count > 0)
        {
            fields.TryAdd("author", authors);
        }

        if (Keyword(lang) is { } l)
        {
            fields.TryAdd("lang", [FieldValue.Text(l)]);
        }

        return start with
        {
            Category = start.Category ?? category,
            Tags = start.Tags.Count > 0 ? start.Tags : tags,
            Published = start.Published ?? published,
            Url = start.Url ?? url,
            Fields = fields.Count == 0 ? start.Fields : fields,
        };
    }

    private static string? NonEmpty(string? s) => Normalize(s) is { Length: > 0 } v ? v : null;

    private static DateTimeOffset? Date(string? s) =>
        DateTimeOffset.TryParse(s?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static Uri? Absolute(string? s) =>
        Uri.TryCreate(s?.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && u.OriginalString.Length <= 2048 ? u : null;

    /// <summary>Drops a site-name suffix (" | Site", " - Site", " — Site") from a page title.</summary>
    internal static string StripSiteName(string title, string? siteName)
    {
        if (title.Length == 0)
        {
            return title;
        }

        foreach (var sep in Separators)
        {
            if (!string.IsNullOrEmpty(siteName) && title.EndsWith(sep + siteName, StringComparison.OrdinalIgnoreCase) && title.Length > sep.Length + siteName.Length)
            {
                return title[..^(sep.Length + siteName.Length)].Trim();
            }
        }

        // Without a known site name: the part before the last separator, when that still reads as a title (two words or more).
        int best = -1;
        string? found = null;
        foreach (var sep in Separators)
        {
            int at = title.LastIndexOf(sep, StringComparison.Ordinal);
            if (at > best)
            {
                best = at;
                found = sep;
            }
        }

        if (found is not null && best > 0)
        {
            var head = title[..best].Trim();
            if (head.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2)
            {
                return head;
            }
        }

        return title;
    }

    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
}
