using System.Globalization;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Searching;

/// <summary>
/// SearchKit's filters as Elasticsearch filter clauses, with the embedded index's meaning: a keyword matches
/// exactly, a number as invariant text, a date as ISO 8601 where a year, month or day stands for the whole of it
/// (Elasticsearch's date-math rounding, <c>2024-06||/M</c>, gives the same ends for gt, gte, lt and lte).
/// </summary>
internal static class FilterTranslator
{
    public static JsonNode Translate(SearchFilter filter, Func<string, FieldKind?> kindOf, string query) => filter switch
    {
        AnyOfFilter any => AnyOf(any.Field, any.Values, Kind(filter.Field, kindOf, query), query),
        AllOfFilter all => Bool("filter", [.. all.Values.Select(v => AnyOf(all.Field, [v], Kind(filter.Field, kindOf, query), query))]),
        RangeFilter range => Range(range, Kind(filter.Field, kindOf, query), query),
        ExistsFilter exists => new JsonObject { ["exists"] = new JsonObject { ["field"] = Field(exists.Field, kindOf, query) } },
        NotFilter not => Bool("must_not", [Translate(not.Inner, kindOf, query)]),
        _ => throw new SearchKitQueryException($"unsupported filter {filter}", query),
    };

    /// <summary>The index field of a logical field (checked to be known).</summary>
    public static string Field(string name, Func<string, FieldKind?> kindOf, string query)
    {
        Kind(name, kindOf, query);
        return name;
    }

    /// <summary>The kind of a known field.</summary>
    /// <exception cref="SearchKitQueryException">The field is unknown.</exception>
    public static FieldKind Kind(string name, Func<string, FieldKind?> kindOf, string query) =>
        kindOf(name) ?? throw new SearchKitQueryException($"unknown field '{name}': no article has it", query);

    /// <summary>A date as text for Elasticsearch, with the rounding unit its precision implies (null for an instant).</summary>
    /// <exception cref="SearchKitQueryException">The text is not an ISO 8601 year, month, day or date-time.</exception>
    public static (string Value, string? Unit) Date(string field, string text, string query)
    {
        var t = text.Trim();
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        for (int i = 0; i < formats.Length; i++)
        {
            if (DateTime.TryParseExact(t, formats[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return (t, i switch { 0 => "y", 1 => "M", _ => "d" });
            }
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? (Mapping.ArticleSource.Date(instant), null)
            : throw new SearchKitQueryException($"'{text}' is not a date for field '{field}' (write 2024, 2024-06, 2024-06-01 or an ISO 8601 date-time)", query);
    }

    /// <summary>A number as JSON.</summary>
    public static JsonNode Number(string field, string text, string query) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? JsonValue.Create(n)
            : throw new SearchKitQueryException($"'{text}' is not a number for field '{field}'", query);

    private static JsonNode AnyOf(string field, IReadOnlyList<string> values, FieldKind kind, string query)
    {
        switch (kind)
        {
            case FieldKind.Date:
                var ranges = values.Select(v =>
                {
                    var (value, unit) = Date(field, v, query);
                    var end = unit is null ? value : $"{value}||/{unit}";
                    return (JsonNode)new JsonObject { ["range"] = new JsonObject { [field] = new JsonObject { ["gte"] = end, ["lte"] = end } } };
                });
                return values.Count == 1 ? ranges.First() : Bool("should", [.. ranges], minimumShouldMatch: true);
            case FieldKind.Number:
                return new JsonObject { ["terms"] = new JsonObject { [field] = new JsonArray([.. values.Select(v => Number(field, v, query))]) } };
            default:
                return new JsonObject { ["terms"] = new JsonObject { [field] = new JsonArray([.. values.Select(v => (JsonNode?)v)]) } };
        }
    }

    private static JsonNode Range(RangeFilter range, FieldKind kind, string query)
    {
        if (kind == FieldKind.Keyword)
        {
            throw new SearchKitQueryException($"a range needs a number or date field; '{range.Field}' is a keyword field", query);
        }

        var bounds = new JsonObject();
        if (range.From is { } from)
        {
            bounds[range.IncludeFrom ? "gte" : "gt"] = End(range.Field, from, kind, query);
        }

        if (range.To is { } to)
        {
            bounds[range.IncludeTo ? "lte" : "lt"] = End(range.Field, to, kind, query);
        }

        return new JsonObject { ["range"] = new JsonObject { [range.Field] = bounds } };
    }

    private static JsonNode End(string field, string text, FieldKind kind, string query)
    {
        if (kind == FieldKind.Number)
        {
            return Number(field, text, query);
        }

        var (value, unit) = Date(field, text, query);
        return JsonValue.Create(unit is null ? value : $"{value}||/{unit}");
    }

    private static JsonObject Bool(string occur, JsonNode[] clauses, bool minimumShouldMatch = false)
    {
        var body = new JsonObject { [occur] = new JsonArray(clauses) };
        if (minimumShouldMatch)
        {
            body["minimum_should_match"] = 1;
        }

        return new JsonObject { ["bool"] = body };
    }
}
