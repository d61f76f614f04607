using System.Text;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>The readers fail only with <see cref="ArticleReadException"/> (or report it per line), whatever they are given.</summary>
public class HostileInputTests
{
    [Fact]
    public void PlainTextReader_OnHostileText_ShouldReturnAnArticleOrThrowArticleReadException()
    {
        HostileText.Lines.Sample(text =>
        {
            try
            {
                var article = PlainTextArticleReader.Parse(text, "x", maxParagraphs: 20);
                Assert.NotEmpty(article.Title);
                Assert.All(article.Paragraphs, p => Assert.NotEmpty(p.Text));
            }
            catch (ArticleReadException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void DecodeUtf8_OnRandomOrTruncatedBytes_ShouldDecodeOrThrowArticleReadException()
    {
        HostileText.Bytes.Sample(bytes =>
        {
            try
            {
                ArticleFiles.DecodeUtf8(bytes, "x");
            }
            catch (ArticleReadException)
            {
            }
        }, iter: 10_000);
    }

    [Fact]
    public void JsonLinesReader_OnRandomBytes_ShouldReportEveryProblemPerLineAndNeverThrow()
    {
        HostileText.Bytes.Sample(bytes =>
        {
            using var stream = new MemoryStream(bytes);
            foreach (var result in JsonLinesArticleReader.Read(stream, "feed.jsonl", new ReaderLimits { MaxArticleBytes = 300, MaxParagraphs = 5 }))
            {
                Assert.True(result.Article is not null ^ result.Error is not null);
            }
        }, iter: 10_000);
    }

    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, self) => depth >= 4
        ? Gen.OneOf(Gen.Const("null"), Gen.Const("true"), Gen.Const("1e999"), Gen.Const("-0"), Gen.Const("\"\\ud800\""), HostileText.String.Select(s => System.Text.Json.JsonSerializer.Serialize(s)))
        : Gen.Frequency(
            (3, HostileText.String.Select(s => System.Text.Json.JsonSerializer.Serialize(s))),
            (1, Gen.Const("12345678901234567890")),
            (1, self.Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
            (1, Gen.Select(Gen.OneOfConst("id", "_id", "title", "lead", "paragraphs", "text", "heading", "tags", "published", "url", "category"), self).Array[0, 5]
                .Select(kv => "{" + string.Join(",", kv.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"))));

    [Fact]
    public void JsonLinesReader_OnRandomArticleShapedJson_ShouldReadOrReportEachLine()
    {
        JsonValue.Array[1, 5].Sample(lines =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
            int results = 0;
            foreach (var result in JsonLinesArticleReader.Read(stream, "feed.jsonl"))
            {
                results++;
                Assert.True(result.Article is not null ^ result.Error is not null);
                if (result.Error is { } error)
                {
                    Assert.NotNull(error.Line);
                }
            }

            Assert.Equal(lines.Count(l => l.Trim().Length > 0), results);
        }, iter: 5_000);
    }

    [Fact]
    public void JsonLinesReader_OnDeeplyNestedJson_ShouldReportTheLine()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"title\":\"ok\"}\n" + deep + "\n"));

        var results = JsonLinesArticleReader.Read(stream, "deep.jsonl").ToList();

        Assert.NotNull(results[0].Article);
        Assert.Equal(2, results[1].Error!.Line);
    }

    [Fact]
    public void ArticleFiles_OnRandomFiles_ShouldNeverThrow()
    {
        using var folder = new TempFolder("hostile-files");
        int n = 0;
        Gen.Select(HostileText.Bytes, Gen.Bool).Sample((bytes, jsonl) =>
        {
            var path = folder[$"f{Interlocked.Increment(ref n)}{(jsonl ? ".jsonl" : ".txt")}"];
            File.WriteAllBytes(path, bytes);
            foreach (var result in ArticleFiles.Read(new ArticleFiles.Entry(path, "f"), new ReaderLimits { MaxArticleBytes = 200, MaxParagraphs = 5 }))
            {
                Assert.True(result.Article is not null ^ result.Error is not null);
                Assert.Equal(path, (result.Error?.Source ?? result.Article!.Metadata.SourcePath));
            }
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void FiftyMegabyteSingleLine_ShouldBeRejectedByTheSizeLimitWithoutReadingItWhole()
    {
        using var folder = new TempFolder("hostile-big");
        var line = new string('w', 50 * 1024 * 1024);
        var txt = folder.Write("big.txt", line);
        var jsonl = folder.Write("big.jsonl", "{\"title\":\"before\"}\n{\"title\":\"" + line + "\"}\n{\"title\":\"after\"}\n");

        var text = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(txt, "big")));
        var lines = ArticleFiles.Read(new ArticleFiles.Entry(jsonl, "big")).ToList();

        Assert.Contains("over the 16777216-byte limit", text.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(3, lines.Count);
        Assert.Equal("before", lines[0].Article!.Title);
        Assert.Equal(2, lines[1].Error!.Line);
        Assert.Contains("longer than 16777216 bytes", lines[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("after", lines[2].Article!.Title);
    }

    [Fact]
    public void MillionTinyParagraphs_ShouldBeRejectedByTheParagraphLimit()
    {
        var plain = "Title\n\n" + string.Concat(Enumerable.Repeat("p.\n\n", 1_000_000));
        var json = "{\"title\":\"t\",\"paragraphs\":[" + string.Join(",", Enumerable.Repeat("\"p\"", 1_000_000)) + "]}";

        var e1 = Assert.Throws<ArticleReadException>(() => PlainTextArticleReader.Parse(plain, "many"));
        var e2 = Assert.Throws<ArticleReadException>(() => JsonLinesArticleReader.ParseObject(json, "many.jsonl"));
        using var index = SearchIndex.CreateInMemory();
        var e3 = Assert.Throws<ArticleReadException>(() => index.Upsert(Article.Create("many", "t", null, Enumerable.Repeat("p", 1_000_000))));

        Assert.All(new[] { e1, e2, e3 }, e => Assert.Contains("more than 10000 paragraphs", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void IndexFiles_WithAnOverlongIdOnOneLine_ShouldFailThatLineOnlyNotTheRun()
    {
        using var folder = new TempFolder("hostile-id");
        folder.Write("feed.jsonl", "{\"id\":\"a\",\"title\":\"A\"}\n{\"id\":\"" + new string('i', 40_000) + "\",\"title\":\"B\"}\n{\"id\":\"c\",\"title\":\"C\"}\n");
        using var index = SearchIndex.CreateInMemory();

        var report = index.IndexFiles([folder.Path]);

        Assert.Equal(2, report.Added);
        Assert.Contains("over the 1024-character limit", Assert.Single(report.Failures).Message, StringComparison.Ordinal);
        Assert.Equal(2, index.GetStats().Articles);
    }

    [Fact]
    public void Add_WithOversizedArticles_ShouldReportThemAndIndexTheRest()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { ReaderLimits = new ReaderLimits { MaxArticleBytes = 1_000 } });

        var report = index.Add([
            Article.Create("ok", "Fine", null, ["short"]),
            Article.Create("big", "Too big", null, [new string('x', 2_000)]),
            Article.Create(new string('k', 2_000), "Long id", null, ["short"]),
            Article.Create("tagged", "Tags", null, ["short"]) with { Metadata = new ArticleMetadata { Tags = [new string('t', 5_000)] } },
        ]);

        Assert.Equal(1, report.Added);
        Assert.Equal(3, report.Failures.Count);
    }
}
