using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Mapping;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Searching;

/// <summary>
/// A <c>_search</c> response as SearchKit's <see cref="SearchResults"/>: hits with their fields, matching paragraphs
/// from the inner hits (snippets and highlight spans made as the embedded index makes them), passage ranking,
/// totals, the next cursor and the facets. Pure: no I/O.
/// </summary>
internal static class SearchResponseReader
{
    public static SearchResults Read(string query, SearchOptions options, JsonNode response, Func<string, FieldKind?> kindOf, TimeSpan took)
    {
        var hitsNode = response["hits"];
        long total = hitsNode?["total"]?["value"]?.GetValue<long>() ?? 0;
        var raw = hitsNode?["hits"] as JsonArray ?? [];
        var facets = ReadFacets(options, response["aggregations"]);
        if (options.Passages)
        {
            return Passages(query, options, raw, total, kindOf, took) with { Facets = facets };
        }

        // With a cursor the request asked for skip + top from the cursor on: the first 'skip' are dropped here.
        var page = options.After is null ? raw.ToList() : raw.Skip(options.Skip).ToList();
        var hits = page.Select(h => Hit(h!, options, kindOf, passage: null)).ToList();
        string? next = null;
        long shown = (options.After is null ? options.Skip : 0) + raw.Count;
        if (options.Top > 0 && hits.Count == options.Top && (options.After is not null || shown < total) && page[^1]?["sort"] is JsonArray sort)
        {
            next = EncodeCursor(Cursor.Signature(query, options), sort);
        }

        return new SearchResults(query, total, hits, took) { NextCursor = next, Facets = facets };
    }

    /// <summary>The cursor after a hit with these sort values: base64url of <c>{"s": signature, "v": [sort values]}</c>.</summary>
    public static string EncodeCursor(string signature, JsonArray sort)
    {
        var payload = new JsonObject { ["s"] = signature, ["v"] = sort.DeepClone() };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The sort values a cursor made by <see cref="EncodeCursor"/> for the same search carries.</summary>
    /// <exception cref="SearchKitQueryException">The cursor is malformed or belongs to another search.</exception>
    public static JsonArray DecodeCursor(string cursor, string signature, string query)
    {
        JsonNode? payload;
        try
        {
            var b64 = cursor.Trim().Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            payload = JsonNode.Parse(Convert.FromBase64String(b64));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new SearchKitQueryException("malformed cursor: pass back exactly the nextCursor of the previous page", query, inner: e);
        }

        if (payload?["s"]?.ToString() is not { } s || payload["v"] is not JsonArray values)
        {
            throw new SearchKitQueryException("malformed cursor: pass back exactly the nextCursor of the previous page", query);
        }

        return s == signature
            ? (JsonArray)values.DeepClone()
            : throw new SearchKitQueryException("the cursor belongs to another search (another query, filters or sort); start again from the first page", query);
    }

    private static SearchResults Passages(string query, SearchOptions options, JsonArray raw, long articles, Func<string, FieldKind?> kindOf, TimeSpan took)
    {
        var ranked = new List<(JsonNode Hit, JsonNode Paragraph, float Score)>();
        long paragraphs = 0;
        foreach (var hit in raw.OfType<JsonNode>())
        {
            var inner = hit["inner_hits"]?[EsFields.Paragraphs]?["hits"];
            paragraphs += inner?["total"]?["value"]?.GetValue<long>() ?? 0;
            foreach (var p in inner?["hits"] as JsonArray ?? [])
            {
                ranked.Add((hit, p!, Score(p!["_score"])));
            }
        }

        var page = ranked
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Hit["_id"]?.ToString(), StringComparer.Ordinal)
            .ThenBy(r => r.Paragraph["_source"]?[EsFields.ParagraphIndex]?.GetValue<int>() ?? 0)
            .Skip(options.Skip).Take(options.Top)
            .Select(r => Hit(r.Hit, options, kindOf, r.Paragraph) with { Score = r.Score })
            .ToList();

        // Only the best articles' paragraphs are ranked: when more articles matched, more paragraphs did too.
        return new SearchResults(query, paragraphs, page, took) { TotalIsLowerBound = articles > raw.Count };
    }

    private static SearchHit Hit(JsonNode hit, SearchOptions options, Func<string, FieldKind?> kindOf, JsonNode? passage)
    {
        var source = hit["_source"] as JsonObject ?? [];
        var article = ArticleSource.FromSource(source, kindOf);
        IReadOnlyList<ParagraphMatch> paragraphs = [];
        if (passage is not null)
        {
            paragraphs = [Paragraph(passage, options) with { Score = Score(passage["_score"]) }];
        }
        else if (options.Paragraphs && hit["inner_hits"]?[EsFields.Paragraphs]?["hits"]?["hits"] is JsonArray inner)
        {
            paragraphs = [.. inner.OfType<JsonNode>().Select(p => Paragraph(p, options)).OrderBy(p => p.Index)];
        }

        return new SearchHit(hit["_id"]?.ToString() ?? article.Id, article.Title, article.Metadata.SourcePath, Score(hit["_score"]), paragraphs)
        {
            Lead = article.Lead,
            Fields = Fields(article),
            Explanation = options.Explain && hit["_explanation"] is { } e ? Explain(e, 0) : null,
        };
    }

    private static ParagraphMatch Paragraph(JsonNode inner, SearchOptions options)
    {
        var source = inner["_source"];
        int index = source?[EsFields.ParagraphIndex]?.GetValue<int>() ?? inner["_nested"]?["offset"]?.GetValue<int>() ?? 0;
        var text = source?[EsFields.ParagraphText]?.ToString() ?? string.Empty;
        var heading = source?[EsFields.ParagraphHeading]?.ToString();
        IReadOnlyList<TextSpan> spans = [];
        if (inner["highlight"]?[EsFields.Paragraphs + "." + EsFields.ParagraphText]?[0]?.ToString() is { } marked)
        {
            spans = HighlightSpans.Read(marked, text, SearchRequestBuilder.Pre, SearchRequestBuilder.Post);
        }

        var snippet = Snippets.Build(text, spans, options.SnippetLength, options.HighlightStart, options.HighlightEnd);
        return new ParagraphMatch(index, heading, text, snippet, spans);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> Fields(Article article)
    {
        var meta = article.Metadata;
        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(StringComparer.Ordinal);
        if (meta.Category is { } c)
        {
            fields["category"] = [FieldValue.Text(c)];
        }

        if (meta.Tags.Count > 0)
        {
            fields["tags"] = [.. meta.Tags.Select(FieldValue.Text)];
        }

        if (meta.Published is { } p)
        {
            fields["published"] = [FieldValue.Date(p)];
        }

        if (meta.Url is { } u)
        {
            fields["url"] = [FieldValue.Text(u.ToString())];
        }

        foreach (var (name, values) in meta.Fields)
        {
            fields[name] = values;
        }

        return fields;
    }

    private static IReadOnlyDictionary<string, FacetResult> ReadFacets(SearchOptions options, JsonNode? aggregations)
    {
        if (options.Facets.Count == 0)
        {
            return System.Collections.ObjectModel.ReadOnlyDictionary<string, FacetResult>.Empty;
        }

        var result = new Dictionary<string, FacetResult>(StringComparer.Ordinal);
        for (int i = 0; i < options.Facets.Count; i++)
        {
            var facet = options.Facets[i];
            result.TryAdd(facet.Field, FacetAggregations.Read(facet, aggregations?[FacetAggregations.Name(i)]));
        }

        return result;
    }

    private static float Score(JsonNode? score) => score is JsonValue v && v.TryGetValue<double>(out var d) ? (float)d : 0f;

    private static string Explain(JsonNode node, int depth)
    {
        var sb = new StringBuilder();
        sb.Append(' ', depth * 2)
            .Append(Score(node["value"]).ToString(CultureInfo.InvariantCulture))
            .Append(" = ")
            .Append(node["description"]?.ToString())
            .Append('\n');
        foreach (var detail in node["details"] as JsonArray ?? [])
        {
            sb.Append(Explain(detail!, depth + 1));
        }

        return sb.ToString();
    }
}
