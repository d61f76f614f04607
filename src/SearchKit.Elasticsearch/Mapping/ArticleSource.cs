using System.Globalization;
using System.Text.Json.Nodes;
using SearchKit.Articles;

namespace SearchKit.Elasticsearch.Mapping;

/// <summary>Maps an article to the <c>_source</c> of its Elasticsearch document and back. Pure: no I/O.</summary>
public static class ArticleSource
{
    /// <summary>
    /// The document of <paramref name="article"/>: id, title, lead, headings, the body (every paragraph's text),
    /// the nested paragraphs in order, path and hash, the fixed metadata and each named field at the top level.
    /// </summary>
    public static JsonObject ToSource(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var source = new JsonObject
        {
            [EsFields.Id] = article.Id,
            [EsFields.Title] = article.Title,
        };
        if (article.Lead is { } lead)
        {
            source[EsFields.Lead] = lead;
        }

        var headings = article.Headings;
        if (headings.Count > 0)
        {
            source[EsFields.Headings] = new JsonArray([.. headings.Select(h => (JsonNode?)h)]);
        }

        source[EsFields.Body] = new JsonArray([.. article.Paragraphs.Select(p => (JsonNode?)p.Text)]);
        var paragraphs = new JsonArray();
        for (int i = 0; i < article.Paragraphs.Count; i++)
        {
            var p = article.Paragraphs[i];

            // Numbered by position, as the embedded index numbers them, whatever Index the caller set.
            var node = new JsonObject { [EsFields.ParagraphIndex] = i, [EsFields.ParagraphText] = p.Text };
            if (p.Heading is { } heading)
            {
                node[EsFields.ParagraphHeading] = heading;
            }

            paragraphs.Add(node);
        }

        source[EsFields.Paragraphs] = paragraphs;
        var meta = article.Metadata;
        if (meta.SourcePath is { } path)
        {
            source[EsFields.Path] = path;
        }

        if (meta.ContentHash is { } hash)
        {
            source[EsFields.Hash] = hash;
        }

        if (meta.Category is { } category)
        {
            source["category"] = category;
        }

        if (meta.Tags.Count > 0)
        {
            source["tags"] = new JsonArray([.. meta.Tags.Select(t => (JsonNode?)t)]);
        }

        if (meta.Published is { } published)
        {
            source["published"] = Date(published);
        }

        if (meta.Url is { } url)
        {
            source["url"] = url.ToString();
        }

        foreach (var (name, values) in meta.Fields)
        {
            source[name] = values.Count == 1 ? Value(values[0]) : new JsonArray([.. values.Select(Value)]);
        }

        return source;
    }

    /// <summary>The article a document's source holds (the body field is not needed: the paragraphs hold it).</summary>
    /// <param name="source">The <c>_source</c>.</param>
    /// <param name="kindOf">The kind of a named field as the index maps it, to read a date back as a date; null for unknown.</param>
    public static Article FromSource(JsonObject source, Func<string, FieldKind?>? kindOf = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var paragraphs = new List<Paragraph>();
        if (source[EsFields.Paragraphs] is JsonArray nested)
        {
            foreach (var node in nested.OfType<JsonObject>().OrderBy(n => n[EsFields.ParagraphIndex]?.GetValue<int>() ?? 0))
            {
                paragraphs.Add(new Paragraph(paragraphs.Count, Str(node[EsFields.ParagraphText]) ?? string.Empty, Str(node[EsFields.ParagraphHeading])));
            }
        }

        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(StringComparer.Ordinal);
        foreach (var (name, node) in source)
        {
            if (EsFields.Own.Contains(name) || FieldNames.Fixed.Contains(name) || node is null)
            {
                continue;
            }

            var kind = kindOf?.Invoke(name);
            fields[name] = node is JsonArray many ? [.. many.Where(n => n is not null).Select(n => Read(n!, kind))] : [Read(node, kind)];
        }

        var url = Str(source["url"]);
        var published = Str(source["published"]);
        return new Article(Str(source[EsFields.Id]) ?? string.Empty, Str(source[EsFields.Title]) ?? string.Empty, Str(source[EsFields.Lead]), paragraphs)
        {
            Metadata = new ArticleMetadata
            {
                SourcePath = Str(source[EsFields.Path]),
                ContentHash = Str(source[EsFields.Hash]),
                Category = Str(source["category"]),
                Tags = source["tags"] is JsonArray tags ? [.. tags.Select(Str).OfType<string>()] : Str(source["tags"]) is { } tag ? [tag] : [],
                Published = published is null ? null : DateTimeOffset.Parse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Url = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null,
                Fields = fields,
            },
        };
    }

    /// <summary>An instant as the index stores dates: ISO 8601 in UTC, to the millisecond.</summary>
    internal static string Date(DateTimeOffset date) =>
        date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? Value(FieldValue value) =>
        value.NumberValue is { } n ? JsonValue.Create(n)
        : value.DateValue is { } d ? JsonValue.Create(Date(d))
        : JsonValue.Create(value.TextValue);

    private static FieldValue Read(JsonNode node, FieldKind? kind)
    {
        if (node is JsonValue v && v.TryGetValue<double>(out var number))
        {
            return kind == FieldKind.Keyword ? FieldValue.Text(number.ToString("R", CultureInfo.InvariantCulture)) : FieldValue.Number(number);
        }

        var text = node is JsonValue s && s.TryGetValue<string>(out var str) ? str : node.ToJsonString();
        if (kind == FieldKind.Date && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return FieldValue.Date(date);
        }

        return kind == FieldKind.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? FieldValue.Number(parsed) : FieldValue.Text(text);
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToString();
}
