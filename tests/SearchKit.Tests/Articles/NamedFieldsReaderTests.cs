using System.Text;
using SearchKit.Articles;

namespace SearchKit.Tests.Articles;

/// <summary>Named metadata fields as the readers find them: JSON Lines members and plain-text front matter.</summary>
public class NamedFieldsReaderTests
{
    private static Article ReadLine(string json) =>
        Assert.Single(JsonLinesArticleReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "feed.jsonl")).Article!;

    [Fact]
    public void JsonLines_UnknownScalarAndArrayMembers_ShouldBecomeFields()
    {
        var article = ReadLine("""{"id":"a","title":"T","author":"Ann Lee","wordcount":420,"paywalled":true,"regions":["north","south"],"scores":[1,2.5],"updated":"2024-06-01T10:00:00Z","category":"sport","tags":["x"]}""");

        var f = article.Metadata.Fields;
        Assert.Equal([FieldValue.Text("Ann Lee")], f["author"]);
        Assert.Equal([FieldValue.Number(420)], f["wordcount"]);
        Assert.Equal([FieldValue.Text("true")], f["paywalled"]);
        Assert.Equal([FieldValue.Text("north"), FieldValue.Text("south")], f["regions"]);
        Assert.Equal([FieldValue.Number(1), FieldValue.Number(2.5)], f["scores"]);
        Assert.Equal([FieldValue.Text("2024-06-01T10:00:00Z")], f["updated"]);

        // The known members stay the fixed metadata, never named fields.
        Assert.Equal("sport", article.Metadata.Category);
        Assert.False(f.ContainsKey("category"));
        Assert.False(f.ContainsKey("tags"));
        Assert.Equal(6, f.Count);
    }

    [Fact]
    public void JsonLines_ObjectsNullsAndReservedOrInvalidNames_ShouldBeIgnored()
    {
        var article = ReadLine("""{"id":"a","title":"T","extra":{"k":1},"gone":null,"empty":[],"body":"x","Heading":"h","has space":"v","score":3,"ok":"yes"}""");

        Assert.Equal(["ok"], article.Metadata.Fields.Keys);
    }

    [Fact]
    public void PlainText_FrontMatter_ShouldGiveFixedMetadataAndFields_AndLeaveTheLayoutRulesToTheRest()
    {
        const string text = "---\ncategory: politics\ntags: [budget, tax]\npublished: 2024-05-02\nurl: https://example.org/x\nauthor: \"Ann Lee\"\nwordcount: 512\ntitle: ignored\n# a comment\n---\nBudget passes\n\nThe house voted.\n\nCritics spoke.\n";

        var article = PlainTextArticleReader.Parse(text, "a");

        Assert.Equal("Budget passes", article.Title);
        Assert.Equal("The house voted.", article.Lead);
        Assert.Equal(["Critics spoke."], article.Paragraphs.Select(p => p.Text));
        Assert.Equal("politics", article.Metadata.Category);
        Assert.Equal(["budget", "tax"], article.Metadata.Tags);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal("https://example.org/x", article.Metadata.Url!.ToString());
        Assert.Equal([FieldValue.Text("Ann Lee")], article.Metadata.Fields["author"]);
        Assert.Equal([FieldValue.Number(512)], article.Metadata.Fields["wordcount"]);
        Assert.False(article.Metadata.Fields.ContainsKey("title"));
    }

    [Fact]
    public void PlainText_WithoutFrontMatter_ShouldReadAsBefore()
    {
        const string text = "Title line\n--- not front matter\nSecond line.\n";

        var article = PlainTextArticleReader.Parse(text, "a");

        Assert.Equal("Title line", article.Title);
        Assert.Empty(article.Metadata.Fields);
        Assert.Equal(2, article.Paragraphs.Count + (article.Lead is null ? 0 : 1));
    }

    [Theory]
    [InlineData("---\nauthor: x\n\n# no end\n", "never closed")]
    [InlineData("---\nnot a pair\n---\nTitle\n", "front matter line 2 is not 'key: value'")]
    [InlineData("---\npublished: someday\n---\nTitle\n", "\"published\" is not a date")]
    public void PlainText_BadFrontMatter_ShouldFailWithTheLine(string text, string reason)
    {
        var e = Assert.Throws<ArticleReadException>(() => PlainTextArticleReader.Parse(text, "a", source: "a.txt"));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("a.txt:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_FrontMatterWithCrLfAndBom_ShouldBeRead()
    {
        var article = PlainTextArticleReader.Parse("\uFEFF---\r\nregion: north\r\n---\r\nTitle\r\n\r\nBody.\r\n", "a");

        Assert.Equal("Title", article.Title);
        Assert.Equal([FieldValue.Text("north")], article.Metadata.Fields["region"]);
    }
}
