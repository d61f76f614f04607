using System.Globalization;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Searching;

/// <summary>
/// Facets as aggregations, and their buckets back as <see cref="FacetResult"/>. Each facet is a <c>filter</c>
/// aggregation holding the post filters on the other faceted fields, around a <c>terms</c>, <c>date_histogram</c>,
/// <c>range</c> or <c>date_range</c>: a facet counts under every filter but those on its own field.
/// </summary>
internal static class FacetAggregations
{
    public static string Name(int i) => "facet_" + i.ToString(CultureInfo.InvariantCulture);

    public static JsonObject Build(SearchOptions options, Func<string, FieldKind?> kindOf, string query, IReadOnlyList<SearchFilter> post)
    {
        var aggs = new JsonObject();
        for (int i = 0; i < options.Facets.Count; i++)
        {
            var facet = options.Facets[i];
            var kind = FilterTranslator.Kind(facet.Field, kindOf, query);
            var others = post.Where(f => f.Field != facet.Field).Select(f => FilterTranslator.Translate(f, kindOf, query)).ToList();
            JsonNode filter = others.Count == 0
                ? new JsonObject { ["match_all"] = new JsonObject() }
                : new JsonObject { ["bool"] = new JsonObject { ["filter"] = new JsonArray([.. others]) } };
            aggs[Name(i)] = new JsonObject
            {
                ["filter"] = filter,
                ["aggs"] = new JsonObject { ["values"] = Inner(facet, kind, query) },
            };
        }

        return aggs;
    }

    public static FacetResult Read(FacetRequest facet, JsonNode? aggregation)
    {
        var values = aggregation?["values"];
        var buckets = values?["buckets"] as JsonArray ?? [];
        var list = new List<FacetValue>();
        if (facet.Ranges.Count > 0)
        {
            // Unkeyed range buckets come back in the order asked for.
            for (int i = 0; i < facet.Ranges.Count; i++)
            {
                list.Add(new FacetValue(facet.Ranges[i].Label, i < buckets.Count ? buckets[i]?["doc_count"]?.GetValue<long>() ?? 0 : 0));
            }

            return new FacetResult(facet.Field, list, 0);
        }

        foreach (var bucket in buckets)
        {
            if (bucket is null)
            {
                continue;
            }

            var label = bucket["key_as_string"]?.GetValue<string>() ?? Key(bucket["key"]);
            list.Add(new FacetValue(label, bucket["doc_count"]?.GetValue<long>() ?? 0));
        }

        return new FacetResult(facet.Field, list, facet.Interval is null ? values?["sum_other_doc_count"]?.GetValue<long>() ?? 0 : 0);
    }

    private static JsonObject Inner(FacetRequest facet, FieldKind kind, string query)
    {
        if (facet.Interval is { } interval)
        {
            if (kind != FieldKind.Date)
            {
                throw new SearchKitQueryException($"a histogram needs a date field; '{facet.Field}' is a {kind.ToString().ToLowerInvariant()} field", query);
            }

            return new JsonObject
            {
                ["date_histogram"] = new JsonObject
                {
                    ["field"] = facet.Field,
                    ["calendar_interval"] = interval switch { DateInterval.Year => "year", DateInterval.Month => "month", _ => "day" },
                    ["min_doc_count"] = 1,
                    ["format"] = interval switch { DateInterval.Year => "yyyy", DateInterval.Month => "yyyy-MM", _ => "yyyy-MM-dd" },
                },
            };
        }

        if (facet.Ranges.Count > 0)
        {
            if (kind == FieldKind.Keyword)
            {
                throw new SearchKitQueryException($"ranges need a number or date field; '{facet.Field}' is a keyword field", query);
            }

            var ranges = new JsonArray();
            foreach (var r in facet.Ranges)
            {
                var range = new JsonObject();
                if (r.From is { } from)
                {
                    range["from"] = End(facet.Field, from, kind, query);
                }

                if (r.To is { } to)
                {
                    range["to"] = End(facet.Field, to, kind, query);
                }

                ranges.Add(range);
            }

            return new JsonObject { [kind == FieldKind.Date ? "date_range" : "range"] = new JsonObject { ["field"] = facet.Field, ["ranges"] = ranges, ["keyed"] = false } };
        }

        return new JsonObject
        {
            ["terms"] = new JsonObject
            {
                ["field"] = facet.Field,
                ["size"] = facet.Top,
                ["order"] = new JsonArray(new JsonObject { ["_count"] = "desc" }, new JsonObject { ["_key"] = "asc" }),
            },
        };
    }

    private static JsonNode End(string field, string text, FieldKind kind, string query) =>
        kind == FieldKind.Number ? FilterTranslator.Number(field, text, query) : JsonValue.Create(FilterTranslator.Date(field, text, query).Value);

    private static string Key(JsonNode? key) =>
        key is JsonValue v && v.TryGetValue<double>(out var d) ? SearchRequestBuilder.Invariant(d) : key?.ToString() ?? string.Empty;
}
