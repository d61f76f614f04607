using System.Text;
using SearchKit.Articles;

namespace SearchKit.Tests.Articles;

public class JsonLinesArticleReaderTests
{
    private static List<ArticleReadResult> Read(string jsonl) =>
        [.. JsonLinesArticleReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "feed.jsonl")];

    [Fact]
    public void Read_ShouldAcceptStringAndObjectParagraphsAndMetadata()
    {
        const string jsonl = """
            {"id": "n1", "title": "Bridge reopens", "lead": "Traffic flows again.", "paragraphs": ["First.", "Second."], "category": "local", "tags": ["roads"], "published": "2024-03-01T08:00:00Z", "url": "https://example.org/n1"}
            {"id": 42, "title": "Budget vote", "paragraphs": [{"text": "Intro."}, {"heading": "Reaction", "text": "Critics spoke."}, {"text": "More reaction."}]}
            """;

        var results = Read(jsonl);

        Assert.All(results, r => Assert.Null(r.Error));
        var first = results[0].Article!;
        Assert.Equal("n1", first.Id);
        Assert.Equal("Traffic flows again.", first.Lead);
        Assert.Equal(["First.", "Second."], first.Paragraphs.Select(p => p.Text));
        Assert.Equal("local", first.Metadata.Category);
        Assert.Equal(["roads"], first.Metadata.Tags);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), first.Metadata.Published);
        var second = results[1].Article!;
        Assert.Equal("42", second.Id);
        Assert.Equal([null, "Reaction", "Reaction"], second.Paragraphs.Select(p => p.Heading));
    }

    [Fact]
    public void Read_MalformedLine_ShouldBeReportedWithItsLineAndNotStopTheOthers()
    {
        const string jsonl = "{\"id\": \"a\", \"title\": \"One\", \"paragraphs\": [\"x\"]}\n{\"id\": \"b\", \"title\": \n\n{\"id\": \"c\", \"title\": \"Three\", \"paragraphs\": [\"z\"]}\n";

        var results = Read(jsonl);

        Assert.Equal(["a", "c"], results.Where(r => r.Article is not null).Select(r => r.Article!.Id));
        var error = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal(2, error.Line);
        Assert.StartsWith("feed.jsonl:2: malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"id\": \"a\"}", "no title and no text")]
    [InlineData("{\"id\": \"a\", \"title\": 5}", "\"title\" must be a string")]
    [InlineData("{\"id\": \"a\", \"title\": \"t\", \"paragraphs\": \"oops\"}", "\"paragraphs\" must be an array")]
    [InlineData("{\"id\": \"a\", \"title\": \"t\", \"published\": \"someday\"}", "not a date")]
    public void Read_InvalidArticle_ShouldSayWhy(string line, string reason)
    {
        var error = Assert.Single(Read(line)).Error!;
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Read_BeirText_ShouldSplitOnBlankLines()
    {
        var article = Assert.Single(Read("{\"_id\": \"d7\", \"title\": \"T\", \"text\": \"Para one\\nwraps.\\n\\nPara two.\"}")).Article!;

        Assert.Equal("d7", article.Id);
        Assert.Equal(["Para one wraps.", "Para two."], article.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Read_LineWithoutId_ShouldGetOneFromItsPosition()
    {
        var article = Assert.Single(Read("\n{\"title\": \"T\", \"paragraphs\": [\"p\"]}")).Article!;
        Assert.Equal("feed.jsonl#2", article.Id);
    }

    [Fact]
    public void Read_OverlongLine_ShouldFailWithoutHoldingIt()
    {
        var limits = new ReaderLimits { MaxArticleBytes = 100 };
        var jsonl = "{\"id\": \"big\", \"title\": \"" + new string('x', 500) + "\"}\n{\"id\": \"ok\", \"title\": \"fine\"}";

        var results = JsonLinesArticleReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "f.jsonl", limits).ToList();

        Assert.Contains("longer than 100 bytes", results[0].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal("ok", results[1].Article!.Id);
    }

    [Fact]
    public void Read_InvalidUtf8Line_ShouldBeReported()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\": \"a\", \"title\": \"x\"}\n").Concat(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A }).ToArray();

        var results = JsonLinesArticleReader.Read(new MemoryStream(bytes), "f.jsonl").ToList();

        Assert.NotNull(results[0].Article);
        Assert.Contains("not valid UTF-8", results[1].Error!.Reason, StringComparison.Ordinal);
    }
}
