using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Mapping;

namespace SearchKit.Elasticsearch.Tests.Mapping;

public class IndexTemplateTests
{
    private static readonly JsonObject Template = IndexTemplate.Build("news", RankingOptions.Default with { K1 = 0.9f, B = 0.4f }, shards: 3, replicas: 2);

    [Fact]
    public void Build_ShouldMapParagraphsAsNestedObjectsWithIndexHeadingAndText()
    {
        var paragraphs = Template["template"]!["mappings"]!["properties"]!["paragraphs"]!;
        Assert.Equal("nested", paragraphs["type"]!.GetValue<string>());
        Assert.Equal("integer", paragraphs["properties"]!["index"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", paragraphs["properties"]!["heading"]!["type"]!.GetValue<string>());
        Assert.Equal("text", paragraphs["properties"]!["text"]!["type"]!.GetValue<string>());
        Assert.Equal("searchkit_english", paragraphs["properties"]!["text"]!["analyzer"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ShouldTargetTheIndexAndCarryShardsAndBm25Parameters()
    {
        Assert.Equal("news", Template["index_patterns"]![0]!.GetValue<string>());
        var index = Template["template"]!["settings"]!["index"]!;
        Assert.Equal(3, index["number_of_shards"]!.GetValue<int>());
        Assert.Equal(2, index["number_of_replicas"]!.GetValue<int>());
        var bm25 = index["similarity"]!["default"]!;
        Assert.Equal("BM25", bm25["type"]!.GetValue<string>());
        Assert.Equal(0.9f, bm25["k1"]!.GetValue<float>());
        Assert.Equal(0.4f, bm25["b"]!.GetValue<float>());
        Assert.Equal(IndexTemplate.Version, Template["_meta"]!["searchkit"]!.GetValue<int>());
    }

    [Fact]
    public void Analysis_ShouldChainPossessiveLowercaseStopAndPorterAfterMappingTypographicApostrophes()
    {
        var analysis = IndexTemplate.Analysis();
        var analyzer = analysis["analyzer"]!["searchkit_english"]!;
        Assert.Equal("standard", analyzer["tokenizer"]!.GetValue<string>());
        Assert.Equal(["searchkit_possessive", "lowercase", "searchkit_stop", "searchkit_porter"], analyzer["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("possessive_english", analysis["filter"]!["searchkit_possessive"]!["language"]!.GetValue<string>());
        Assert.Equal("_english_", analysis["filter"]!["searchkit_stop"]!["stopwords"]!.GetValue<string>());
        Assert.Equal("porter_stem", analysis["filter"]!["searchkit_porter"]!["type"]!.GetValue<string>());
        var mappings = analysis["char_filter"]!["searchkit_apostrophes"]!["mappings"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains("\u2019=>'", mappings);
        Assert.Contains("\uFF07=>'", mappings);
    }

    [Fact]
    public void Mappings_ShouldTypeTheFixedMetadataKeepTheParagraphGapAndAliasTheQueryNames()
    {
        var properties = IndexTemplate.Mappings()["properties"]!;
        Assert.Equal("keyword", properties["id"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", properties["category"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", properties["tags"]!["type"]!.GetValue<string>());
        Assert.Equal("date", properties["published"]!["type"]!.GetValue<string>());
        Assert.Equal(1000, properties["body"]!["position_increment_gap"]!.GetValue<int>());
        Assert.Equal("headings", properties["heading"]!["path"]!.GetValue<string>());
        Assert.Equal("body", properties["text"]!["path"]!.GetValue<string>());
        Assert.Equal("tags", properties["tag"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Check_ShouldAcceptItsOwnMappingsAndNameWhatIsWrongWithOthers()
    {
        Assert.Empty(IndexTemplate.Check(IndexTemplate.Mappings()));
        var flat = IndexTemplate.Mappings();
        flat["properties"]!["paragraphs"]!["type"] = "object";
        flat["properties"]!["title"]!["analyzer"] = "standard";
        var problems = IndexTemplate.Check(flat);
        Assert.Contains(problems, p => p.Contains("'paragraphs' is not a nested field", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'title'", StringComparison.Ordinal));
        Assert.NotEmpty(IndexTemplate.Check(new JsonObject()));
    }

    [Fact]
    public void Fields_ShouldReadNamedFieldKindsFromTheMappingIncludingDottedNames()
    {
        var mappings = IndexTemplate.Mappings();
        mappings["properties"]!["wordcount"] = new JsonObject { ["type"] = "double" };
        mappings["properties"]!["updated"] = new JsonObject { ["type"] = "date" };
        mappings["properties"]!["source"] = new JsonObject { ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "keyword" } } };
        var fields = IndexTemplate.Fields(mappings);
        Assert.Equal(
            ["category", "tags", "published", "url", "source.name", "updated", "wordcount"],
            fields.Select(f => f.Name));
        Assert.Equal(FieldKind.Number, fields.Single(f => f.Name == "wordcount").Kind);
        Assert.Equal(FieldKind.Date, fields.Single(f => f.Name == "updated").Kind);
    }
}
