using System.Text;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>
/// Random and mutated HTML pages and Markdown files: the reader returns an article or throws
/// <see cref="ArticleReadException"/> naming the source, never anything else; an article has a title, no blank
/// paragraph, no more paragraphs than the limit and no more text than the input held (the fuzz targets
/// <c>html</c> and <c>markdown</c> check the same on what a fuzzer makes).
/// </summary>
public sealed class MarkupPropertyTests
{
    private static readonly ReaderLimits Limits = new() { MaxParagraphs = 20, MaxHtmlDepth = 128 };

    private const string Page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tide gauge | Harbour Times</title>
        <meta name="description" content="The gauge is back."><link rel="canonical" href="https://times.example/tide">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Tide gauge","author":{"name":"Ada"},"keywords":"tide, gauge"}</script>
        <style>p{color:red}</style></head><body><div class="cookie-banner"><p>Cookies.</p></div><nav><a href="/">Home</a></nav>
        <main><article><h1>Tide gauge back</h1><p class="standfirst">After the storm, the gauge reads again.</p>
        <h2>Repairs</h2><p>Divers replaced the float &amp; the cable.</p><ul><li>One.</li><li>Two<ul><li>nested</li></ul></li></ul>
        <blockquote>It works, the harbour master said.</blockquote></article></main>
        <section class="comments"><p>First!</p></section><footer><p>Copyright.</p></footer></body></html>
        """;

    private const string Post = """
        ---
        title: "Rooftop hives"
        tags: [bees, roofs]
        published: 2026-05-01
        ---

        # Rooftop hives

        The first paragraph, **bold** and [linked](https://x.example).

        ## Keeping

        - one item
        - two items
          > quoted inside

        ```
        code is skipped
        ```
        """;

    private static readonly string[] HtmlFragments =
    [
        "<div>", "</div>", "<p>", "</p>", "<article>", "</article>", "<main>", "<h1>", "</h1>", "<h2>", "<li>", "<ul>", "<table><tr><td>",
        "<script>", "</script>", "<style>", "<!--", "-->", "<template>", "<svg>", "<plaintext>", "<nav>", "<br>", "&amp;", "&#0;", "&#xD800;",
        "<meta charset=\"utf-16\">", "<meta charset=\"windows-1252\">", "<p class=\"lead\">", "<div hidden>", "<div role=\"main\">", "\uFEFF", "<",
    ];

    private static readonly string[] MarkdownFragments =
    [
        "---\n", "title: x\n", "tags: [a, b\n", "# ", "## ", "### ", "> ", "- ", "1. ", "    ", "```\n", "~~~\n", "[a](b)", "![i](j)", "[r]: u \"t\"\n",
        "<div>", "`", "**", "_", "| a | b |\n|---|---|\n", "&amp;", "\\", "\n", "\n\n", "\uFEFF",
    ];

    // A mutation of a good file: bytes overwritten, a fragment inserted, a slice repeated, the end cut off.
    private static Gen<byte[]> Mutated(byte[] good, string[] fragments) =>
        Gen.Frequency(
            (2, Gen.Select(Gen.Int[0, good.Length - 1], Gen.Byte).Array[1, 8]),
            (3, Gen.Select(Gen.Int[0, good.Length], Gen.OneOfConst(fragments)).Select((at, f) => new[] { (at, (byte)0) }.Concat(Encoding.UTF8.GetBytes(f).Select(b => (-1 - at, b))).ToArray())),
            (1, Gen.Select(Gen.Int[0, good.Length - 1], Gen.Int[1, 64], Gen.Int[2, 200]).Select((at, len, times) => new[] { (at, (byte)len), (-100_000 - times, (byte)0) })))
        .Array[1, 4]
        .Select(Gen.Int[good.Length / 3, good.Length], (edits, cut) => Apply(good, edits, cut));

    private static byte[] Apply(byte[] good, (int At, byte Value)[][] edits, int cut)
    {
        var bytes = new List<byte>(good);
        foreach (var edit in edits)
        {
            if (edit.Length == 2 && edit[1].At <= -100_000)
            {
                // Repeat a slice many times (a page of thousands of copies of one element).
                int at = Math.Min(edit[0].At, bytes.Count - 1), len = Math.Min(edit[0].Value, bytes.Count - at);
                var slice = bytes.GetRange(at, len);
                for (int i = 0; i < -100_000 - edit[1].At; i++)
                {
                    bytes.InsertRange(at, slice);
                }
            }
            else if (edit.Length > 1 && edit.Skip(1).All(e => e.At < 0))
            {
                int at = Math.Min(edit[0].At, bytes.Count);
                bytes.InsertRange(at, edit.Skip(1).Select(e => e.Value));
            }
            else
            {
                foreach (var (at, value) in edit)
                {
                    if (at >= 0 && at < bytes.Count)
                    {
                        bytes[at] = value;
                    }
                }
            }
        }

        return [.. bytes.Take(Math.Max(cut, bytes.Count - (good.Length - cut)))];
    }

    private static void CheckBounded(Article article, int inputBytes)
    {
        Assert.False(string.IsNullOrWhiteSpace(article.Title));
        Assert.All(article.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
        Assert.True(article.Paragraphs.Count <= Limits.MaxParagraphs, $"{article.Paragraphs.Count} paragraphs");
        long text = article.Title.Length + (article.Lead?.Length ?? 0) + article.Paragraphs.Sum(p => (long)p.Text.Length);
        Assert.True(text <= inputBytes + 16, $"{text} characters of text from {inputBytes} bytes");
    }

    private static void ReadHtml(byte[] bytes)
    {
        try
        {
            CheckBounded(HtmlArticleReader.Parse(bytes, "fuzz", limits: Limits, source: "page.html"), bytes.Length);
        }
        catch (ArticleReadException e)
        {
            Assert.StartsWith("page.html", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    private static void ReadMarkdown(byte[] bytes)
    {
        try
        {
            var text = ArticleFiles.DecodeUtf8(bytes, "post.md");
            CheckBounded(MarkdownArticleReader.Parse(text, "fuzz", maxParagraphs: Limits.MaxParagraphs, source: "post.md"), bytes.Length);
        }
        catch (ArticleReadException e)
        {
            Assert.StartsWith("post.md", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void Html_GoodPage_ShouldReadWithinTheBounds()
    {
        var bytes = Encoding.UTF8.GetBytes(Page);
        var article = HtmlArticleReader.Parse(bytes, "x", limits: Limits);

        CheckBounded(article, bytes.Length);
        Assert.Equal("Tide gauge back", article.Title);
        Assert.DoesNotContain(article.Paragraphs, p => p.Text.Contains("Cookies", StringComparison.Ordinal) || p.Text.Contains("First!", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_MutatedPages_ShouldReadOrFailCleanly() =>
        Mutated(Encoding.UTF8.GetBytes(Page), HtmlFragments).Sample(ReadHtml, iter: 300);

    [Fact]
    public void Html_RandomBytesAndText_ShouldReadOrFailCleanly() =>
        Gen.OneOf(Gen.Byte.Array[0, 2_000], HostileText.String.Select(s => Encoding.UTF8.GetBytes("<html><body><h1>T</h1><p>" + s)))
            .Sample(ReadHtml, iter: 200);

    [Fact]
    public void Markdown_GoodPost_ShouldReadWithinTheBounds()
    {
        var bytes = Encoding.UTF8.GetBytes(Post);
        var article = MarkdownArticleReader.Parse(Post, "x", maxParagraphs: Limits.MaxParagraphs);

        CheckBounded(article, bytes.Length);
        Assert.Equal("Rooftop hives", article.Title);
    }

    [Fact]
    public void Markdown_MutatedPosts_ShouldReadOrFailCleanly() =>
        Mutated(Encoding.UTF8.GetBytes(Post), MarkdownFragments).Sample(ReadMarkdown, iter: 300);

    [Fact]
    public void Markdown_RandomDocuments_ShouldReadOrFailCleanly() =>
        Gen.Frequency((3, Gen.OneOfConst(MarkdownFragments)), (2, HostileText.String), (1, Gen.Int[1, 3_000].Select(n => new string('>', n) + " deep\n")), (1, Gen.Int[1, 2_000].Select(n => string.Concat(Enumerable.Repeat("[", n)) + "x" + string.Concat(Enumerable.Repeat("](u)", n)))))
            .Array[0, 40].Select(string.Concat)
            .Sample(text => ReadMarkdown(Encoding.UTF8.GetBytes(text)), iter: 200);

    [Fact]
    public void Markdown_NestedPastTheParsersLimit_ShouldBeAReadErrorNamingTheFile()
    {
        var deep = "# Deep\n\n" + new string('>', 3_000) + " bottom\n";

        var e = Assert.Throws<ArticleReadException>(() => MarkdownArticleReader.Parse(deep, "x", source: "deep.md"));
        Assert.StartsWith("deep.md", e.Message, StringComparison.Ordinal);
        Assert.Contains("nested too deeply", e.Message, StringComparison.Ordinal);
    }
}
