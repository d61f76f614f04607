using System.Text.Json.Nodes;
using SearchKit.Articles;

namespace SearchKit.Elasticsearch.Mapping;

/// <summary>
/// The index template SearchKit creates for an index: SearchKit's <c>english</c> analysis, BM25 with the ranking's
/// k1 and b, paragraphs as nested objects, the metadata as the embedded index types them. Pure: no I/O.
/// </summary>
public static class IndexTemplate
{
    /// <summary>What the template records in its <c>_meta</c>, to recognise a SearchKit index.</summary>
    public const string MetaKey = "searchkit";

    /// <summary>The template's version; a template of another version is reported when checked.</summary>
    public const int Version = 1;

    /// <summary>
    /// The body of <c>PUT _index_template/NAME</c> for an index named <paramref name="indexName"/> (also what an
    /// export writes to <c>template.json</c>).
    /// </summary>
    public static JsonObject Build(string indexName, RankingOptions? ranking = null, int shards = 1, int? replicas = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        ranking ??= RankingOptions.Default;
        var index = new JsonObject { ["number_of_shards"] = shards };
        if (replicas is { } r)
        {
            index["number_of_replicas"] = r;
        }

        index["similarity"] = new JsonObject
        {
            // Every text field scores with SearchKit's BM25 parameters; field weights are applied by each query.
            ["default"] = new JsonObject { ["type"] = "BM25", ["k1"] = ranking.K1, ["b"] = ranking.B },
        };
        return new JsonObject
        {
            ["index_patterns"] = new JsonArray(indexName),
            ["priority"] = 200,
            ["_meta"] = new JsonObject { [MetaKey] = Version, ["analyzer"] = "english" },
            ["template"] = new JsonObject
            {
                ["settings"] = new JsonObject { ["index"] = index, ["analysis"] = Analysis() },
                ["mappings"] = Mappings(),
            },
        };
    }

    /// <summary>
    /// SearchKit's <c>english</c> analyzer in Elasticsearch's terms: the standard tokenizer (Unicode word breaks),
    /// possessives removed, lower case, the English stop words, Porter stemming — the same chain of filters.
    /// </summary>
    public static JsonObject Analysis() => new()
    {
        ["char_filter"] = new JsonObject
        {
            // Typographic apostrophes read as straight ones, so that "Russia’s" loses its possessive as "Russia's" does
            // (the embedded index's possessive filter takes both; this makes the cluster's do so on any version).
            ["searchkit_apostrophes"] = new JsonObject { ["type"] = "mapping", ["mappings"] = new JsonArray("\u2019=>'", "\uFF07=>'") },
        },
        ["filter"] = new JsonObject
        {
            ["searchkit_possessive"] = new JsonObject { ["type"] = "stemmer", ["language"] = "possessive_english" },
            ["searchkit_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_english_" },
            ["searchkit_porter"] = new JsonObject { ["type"] = "porter_stem" },
        },
        ["analyzer"] = new JsonObject
        {
            [EsFields.Analyzer] = new JsonObject
            {
                ["type"] = "custom",
                ["char_filter"] = new JsonArray("searchkit_apostrophes"),
                ["tokenizer"] = "standard",
                ["filter"] = new JsonArray("searchkit_possessive", "lowercase", "searchkit_stop", "searchkit_porter"),
            },
        },
    };

    /// <summary>The mappings: the article's own fields, the fixed metadata, and dynamic templates typing named fields as the embedded index does.</summary>
    public static JsonObject Mappings()
    {
        var properties = new JsonObject
        {
            [EsFields.Id] = new JsonObject { ["type"] = "keyword" },
            [EsFields.Title] = Text(),
            [EsFields.Lead] = Text(),
            [EsFields.Headings] = Text(),

            // The whole body for ranking articles; a phrase cannot span two paragraphs (the gap is the embedded index's).
            [EsFields.Body] = Text(gap: true),
            [EsFields.Paragraphs] = new JsonObject
            {
                ["type"] = "nested",
                ["properties"] = new JsonObject
                {
                    [EsFields.ParagraphIndex] = new JsonObject { ["type"] = "integer" },
                    [EsFields.ParagraphHeading] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
                    [EsFields.ParagraphText] = Text(),
                },
            },
            [EsFields.Path] = new JsonObject { ["type"] = "keyword" },
            [EsFields.Hash] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["category"] = new JsonObject { ["type"] = "keyword" },
            ["tags"] = new JsonObject { ["type"] = "keyword" },
            ["published"] = new JsonObject { ["type"] = "date" },
            ["url"] = new JsonObject { ["type"] = "keyword" },
        };
        foreach (var (alias, path) in EsFields.Aliases)
        {
            properties[alias] = new JsonObject { ["type"] = "alias", ["path"] = path };
        }

        return new JsonObject
        {
            // The body is indexed but not kept in _source: the nested paragraphs already hold the same text.
            ["_source"] = new JsonObject { ["excludes"] = new JsonArray(EsFields.Body) },
            ["date_detection"] = true,
            ["dynamic_date_formats"] = new JsonArray("strict_date_optional_time"),
            ["dynamic_templates"] = new JsonArray(
                Dynamic("searchkit_numbers_long", "long", "double"),
                Dynamic("searchkit_numbers", "double", "double"),
                Dynamic("searchkit_dates", "date", "date"),
                Dynamic("searchkit_keywords", "string", "keyword")),
            ["properties"] = properties,
        };
    }

    /// <summary>
    /// What is wrong with an existing index's mappings (from <c>GET INDEX/_mapping</c>) for SearchKit, or nothing:
    /// paragraphs must be nested, and the text fields analysed with SearchKit's analyzer.
    /// </summary>
    public static IReadOnlyList<string> Check(JsonNode? mappings)
    {
        var problems = new List<string>();
        var properties = mappings?["properties"] as JsonObject;
        if (properties is null)
        {
            problems.Add("the index has no SearchKit mapping (no fields)");
            return problems;
        }

        if (properties[EsFields.Paragraphs]?["type"]?.GetValue<string>() != "nested")
        {
            problems.Add("'paragraphs' is not a nested field");
        }

        foreach (var field in new[] { EsFields.Title, EsFields.Lead, EsFields.Headings, EsFields.Body })
        {
            var analyzer = properties[field]?["analyzer"]?.GetValue<string>();
            if (properties[field]?["type"]?.GetValue<string>() != "text" || analyzer != EsFields.Analyzer)
            {
                problems.Add($"'{field}' is not a text field analysed with {EsFields.Analyzer}");
            }
        }

        if (properties[EsFields.Id]?["type"]?.GetValue<string>() != "keyword")
        {
            problems.Add("'id' is not a keyword field");
        }

        return problems;
    }

    /// <summary>The kinds of the metadata fields in an index's mappings: the fixed four first, then named fields by name.</summary>
    public static IReadOnlyList<MetadataField> Fields(JsonNode? mappings)
    {
        var result = new List<MetadataField>
        {
            new("category", FieldKind.Keyword), new("tags", FieldKind.Keyword), new("published", FieldKind.Date), new("url", FieldKind.Keyword),
        };
        if (mappings?["properties"] is not JsonObject properties)
        {
            return result;
        }

        var named = new List<MetadataField>();
        Collect(properties, string.Empty, named);
        result.AddRange(named.OrderBy(f => f.Name, StringComparer.Ordinal));
        return result;
    }

    private static void Collect(JsonObject properties, string prefix, List<MetadataField> into)
    {
        foreach (var (name, node) in properties)
        {
            string full = prefix + name;
            if (prefix.Length == 0 && (EsFields.Own.Contains(name) || FieldNames.Fixed.Contains(name) || EsFields.Aliases.ContainsKey(name)))
            {
                continue;
            }

            // A named field with dots in its name ("source.name") is an object path in Elasticsearch.
            if (node?["properties"] is JsonObject inner && node["type"] is null)
            {
                Collect(inner, full + ".", into);
                continue;
            }

            FieldKind? kind = node?["type"]?.GetValue<string>() switch
            {
                "keyword" => FieldKind.Keyword,
                "double" or "long" or "float" or "integer" or "scaled_float" or "half_float" or "short" or "byte" => FieldKind.Number,
                "date" or "date_nanos" => FieldKind.Date,
                _ => null,
            };
            if (kind is { } k)
            {
                into.Add(new MetadataField(full, k));
            }
        }
    }

    private static JsonObject Text(bool gap = false)
    {
        var field = new JsonObject { ["type"] = "text", ["analyzer"] = EsFields.Analyzer };
        if (gap)
        {
            field["position_increment_gap"] = SearchKit.Analysis.ParagraphGapAnalyzer.PositionGap;
        }

        return field;
    }

    private static JsonObject Dynamic(string name, string jsonType, string type) => new()
    {
        [name] = new JsonObject
        {
            ["match_mapping_type"] = jsonType,
            ["mapping"] = new JsonObject { ["type"] = type },
        },
    };
}
