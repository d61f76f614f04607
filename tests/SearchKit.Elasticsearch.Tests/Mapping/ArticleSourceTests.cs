using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Mapping;

namespace SearchKit.Elasticsearch.Tests.Mapping;

public class ArticleSourceTests
{
    internal static Article Sample(string id = "a1") =>
        Article.Create(id, "Harbour ferries", "The night boats.", ["Ferries cross the harbour.", "Russia’s fleet waits.", "Night hours are long."], new Dictionary<int, string> { [1] = "Fleet" }) with
        {
            Metadata = new ArticleMetadata
            {
                SourcePath = "news/a1.txt",
                Category = "transport",
                Tags = ["ferry", "night"],
                Published = new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.Zero),
                Url = new Uri("https://example.org/a1"),
                ContentHash = "abc",
                Fields = new Dictionary<string, IReadOnlyList<FieldValue>>
                {
                    ["author"] = [FieldValue.Text("Ann"), FieldValue.Text("Bo")],
                    ["wordcount"] = [FieldValue.Number(412)],
                    ["updated"] = [FieldValue.Date(new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero))],
                },
            },
        };

    [Fact]
    public void ToSource_ShouldHoldTheBodyAndTheNestedParagraphsInOrderWithHeadings()
    {
        var source = ArticleSource.ToSource(Sample());
        Assert.Equal("a1", source["id"]!.GetValue<string>());
        Assert.Equal(3, source["body"]!.AsArray().Count);
        var paragraphs = source["paragraphs"]!.AsArray();
        Assert.Equal([0, 1, 2], paragraphs.Select(p => p!["index"]!.GetValue<int>()));
        Assert.Null(paragraphs[0]!["heading"]);
        Assert.Equal("Fleet", paragraphs[1]!["heading"]!.GetValue<string>());
        Assert.Equal(["Fleet"], source["headings"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Equal("2024-06-01T08:30:00.000Z", source["published"]!.GetValue<string>());
        Assert.Equal(412d, source["wordcount"]!.GetValue<double>());
        Assert.Equal(2, source["author"]!.AsArray().Count);
    }

    [Fact]
    public void FromSource_ShouldGiveBackTheArticle()
    {
        var article = Sample();
        var json = JsonNode.Parse(ArticleSource.ToSource(article).ToJsonString())!.AsObject();
        var back = ArticleSource.FromSource(json, name => name == "updated" ? FieldKind.Date : name == "wordcount" ? FieldKind.Number : FieldKind.Keyword);
        Assert.Equal(article.Id, back.Id);
        Assert.Equal(article.Title, back.Title);
        Assert.Equal(article.Lead, back.Lead);
        Assert.Equal(article.Paragraphs, back.Paragraphs);
        Assert.Equal(article.Metadata.Category, back.Metadata.Category);
        Assert.Equal(article.Metadata.Tags, back.Metadata.Tags);
        Assert.Equal(article.Metadata.Published, back.Metadata.Published);
        Assert.Equal(article.Metadata.Url, back.Metadata.Url);
        Assert.Equal(article.Metadata.SourcePath, back.Metadata.SourcePath);
        Assert.Equal(article.Metadata.ContentHash, back.Metadata.ContentHash);
        Assert.Equal(["Ann", "Bo"], back.Metadata.Fields["author"].Select(v => v.TextValue));
        Assert.Equal(412d, back.Metadata.Fields["wordcount"][0].NumberValue);
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero), back.Metadata.Fields["updated"][0].DateValue);
    }

    [Fact]
    public void RoundTrip_ShouldKeepRandomParagraphTexts()
    {
        var random = new Random(17);
        for (int run = 0; run < 50; run++)
        {
            var texts = Enumerable.Range(0, random.Next(0, 8)).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0x2FF))])).ToList();
            var article = Article.Create("id" + run, "t", null, texts);
            var back = ArticleSource.FromSource(JsonNode.Parse(ArticleSource.ToSource(article).ToJsonString())!.AsObject());
            Assert.Equal(texts, back.Paragraphs.Select(p => p.Text));
        }
    }
}
