using System.Globalization;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Mapping;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Searching;

/// <summary>
/// The body of one <c>_search</c> for a SearchKit search. Lucene syntax goes to <c>query_string</c>, plain words to
/// <c>multi_match</c>, both over the title, lead, headings and body with the ranking's weights and combination.
/// The matching paragraphs come from <c>inner_hits</c> of a nested clause that adds nothing to the score, with
/// whole-paragraph highlights marked by <see cref="Pre"/> and <see cref="Post"/>. Pure: no I/O.
/// </summary>
internal sealed class SearchRequestBuilder(RankingOptions ranking)
{
    /// <summary>Marks the start of a highlighted term (a private-use character, so no paragraph text holds it).</summary>
    public const string Pre = "\uE000";

    /// <summary>Marks the end of a highlighted term.</summary>
    public const string Post = "\uE001";

    /// <summary>Elasticsearch's default cap on inner hits per hit (<c>index.max_inner_result_window</c>).</summary>
    public const int MaxInnerHits = 100;

    /// <summary>How many articles passage mode ranks paragraphs from, as the embedded index: the best max(50, 3 × (skip + top)).</summary>
    public static int PassageArticles(SearchOptions options) => Math.Max(50, 3 * (options.Skip + options.Top));

    public JsonObject Build(string query, SearchOptions options, Func<string, FieldKind?> kindOf, JsonArray? searchAfter)
    {
        var main = Main(query, options, hasFilters: options.Filters.Count > 0);
        var faceted = options.Facets.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);

        // Filters on a faceted field go to post_filter, so that the field's own facet can ignore them (multi-select).
        var pre = options.Filters.Where(f => !faceted.Contains(f.Field)).Select(f => FilterTranslator.Translate(f, kindOf, query)).ToList();
        var post = options.Filters.Where(f => faceted.Contains(f.Field)).ToList();
        var boolQuery = new JsonObject { ["must"] = new JsonArray(main) };
        if (pre.Count > 0)
        {
            boolQuery["filter"] = new JsonArray([.. pre]);
        }

        if ((options.Paragraphs || options.Passages) && !string.IsNullOrWhiteSpace(query))
        {
            boolQuery["should"] = new JsonArray(Nested(query, options));
        }

        var body = new JsonObject();
        if (options.Passages)
        {
            body["from"] = 0;
            body["size"] = PassageArticles(options);
        }
        else
        {
            body["from"] = options.After is null ? options.Skip : 0;
            body["size"] = options.After is null ? options.Top : options.Skip + options.Top;
        }

        body["track_total_hits"] = true;
        body["query"] = new JsonObject { ["bool"] = boolQuery };
        if (post.Count > 0)
        {
            body["post_filter"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = new JsonArray([.. post.Select(f => FilterTranslator.Translate(f, kindOf, query))]) } };
        }

        if (!options.Passages)
        {
            body["sort"] = Sort(options.Sort, kindOf, query);
            if (options.Sort.Field is not null)
            {
                body["track_scores"] = true;
            }

            if (searchAfter is not null)
            {
                body["search_after"] = searchAfter;
            }
        }

        // The hit's own fields; the paragraphs come (only the matching ones) from inner_hits.
        body["_source"] = new JsonObject { ["excludes"] = new JsonArray(EsFields.Paragraphs) };
        if (options.Explain)
        {
            body["explain"] = true;
        }

        if (options.Facets.Count > 0)
        {
            body["aggs"] = FacetAggregations.Build(options, kindOf, query, post);
        }

        return body;
    }

    /// <summary>The scoring query: the article's fields with their weights, or every article when only filters are given.</summary>
    public JsonNode Main(string query, SearchOptions options, bool hasFilters)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return hasFilters
                ? new JsonObject { ["match_all"] = new JsonObject() }
                : throw new SearchKitQueryException("the query is empty", query);
        }

        var best = ranking.FieldCombination == FieldCombination.BestField;
        var inner = new JsonObject();
        string kind;
        if (options.Syntax == QuerySyntax.Natural)
        {
            kind = "multi_match";
            inner["query"] = query;
            inner["fields"] = new JsonArray([.. EsFields.Weighted(ranking).Select(f => (JsonNode?)f)]);
            inner["type"] = best ? "best_fields" : "most_fields";
            inner["operator"] = options.DefaultAnd ? "and" : "or";
        }
        else
        {
            kind = "query_string";
            inner["query"] = query;
            inner["fields"] = new JsonArray([.. EsFields.Weighted(ranking).Select(f => (JsonNode?)f)]);
            inner["type"] = best ? "best_fields" : "most_fields";
            inner["default_operator"] = options.DefaultAnd ? "AND" : "OR";
        }

        if (best)
        {
            inner["tie_breaker"] = ranking.TieBreaker;
        }

        return new JsonObject { [kind] = inner };
    }

    /// <summary>
    /// The nested clause whose inner hits are the matching paragraphs: the query's words against each paragraph's
    /// text, any of them (as the embedded index shows every paragraph holding a query term), boost 0 so that the
    /// article's score is the main query's alone.
    /// </summary>
    public static JsonObject Nested(string query, SearchOptions options)
    {
        const string text = EsFields.Paragraphs + "." + EsFields.ParagraphText;
        JsonObject paragraphQuery = options.Syntax == QuerySyntax.Natural
            ? new JsonObject { ["match"] = new JsonObject { [text] = new JsonObject { ["query"] = query, ["operator"] = "or" } } }
            : new JsonObject { ["query_string"] = new JsonObject { ["query"] = query, ["default_field"] = text, ["default_operator"] = "OR", ["lenient"] = true } };
        var innerHits = new JsonObject
        {
            ["size"] = options.Passages ? Math.Clamp(options.Skip + options.Top, 1, MaxInnerHits) : MaxInnerHits,
            ["_source"] = true,
        };
        if (!options.Passages)
        {
            // Document order, as the embedded index lists an article's matching paragraphs.
            innerHits["sort"] = new JsonArray(new JsonObject { [EsFields.Paragraphs + "." + EsFields.ParagraphIndex] = "asc" });
        }

        innerHits["highlight"] = new JsonObject
        {
            ["pre_tags"] = new JsonArray(Pre),
            ["post_tags"] = new JsonArray(Post),
            ["fields"] = new JsonObject { [text] = new JsonObject { ["number_of_fragments"] = 0 } },
        };
        return new JsonObject
        {
            ["nested"] = new JsonObject
            {
                ["path"] = EsFields.Paragraphs,
                ["query"] = paragraphQuery,
                ["score_mode"] = "max",
                ["boost"] = 0,
                ["inner_hits"] = innerHits,
            },
        };
    }

    /// <summary>The order: relevance or a field (missing values last), then score, then id, so that paging is stable.</summary>
    public static JsonArray Sort(SearchSort sort, Func<string, FieldKind?> kindOf, string query)
    {
        var result = new JsonArray();
        if (sort.Field is { } field)
        {
            FilterTranslator.Kind(field, kindOf, query);
            result.Add(new JsonObject
            {
                [field] = new JsonObject
                {
                    ["order"] = sort.Descending ? "desc" : "asc",
                    ["missing"] = "_last",

                    // The embedded index sorts by a field's first value; Elasticsearch by the least (ascending) or greatest (descending).
                    ["mode"] = sort.Descending ? "max" : "min",
                },
            });
        }

        result.Add(new JsonObject { ["_score"] = "desc" });
        result.Add(new JsonObject { [EsFields.Id] = "asc" });
        return result;
    }

    internal static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
