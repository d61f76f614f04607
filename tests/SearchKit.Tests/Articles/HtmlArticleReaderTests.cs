using System.Text;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>Issue 14's HTML reader: main content only, title/lead/headings/paragraphs, metadata, encodings, bad and hostile pages.</summary>
public class HtmlArticleReaderTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <title>Night ferry timetable changes | Harbour Times</title>
          <meta name="description" content="The night ferry leaves earlier from May.">
          <meta property="og:site_name" content="Harbour Times">
          <link rel="canonical" href="https://times.example/ferry/night">
          <style>body { color: stylecolour; }</style>
          <script>var tracker = "scriptsecret";</script>
          <script type="application/ld+json">
          {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Harbour Times"},
            {"@type": "NewsArticle", "headline": "Night ferry timetable changes", "datePublished": "2026-04-02T06:00:00+01:00",
             "author": [{"@type": "Person", "name": "Ada Penrose"}, "Ben Carne"], "keywords": ["ferry", "timetable"], "articleSection": "transport"}]}
          </script>
        </head>
        <body class="has-cookie-banner">
          <div class="cookie-consent"><p>We use cookies on this site, cookiesecret, to improve your experience.</p></div>
          <nav><ul><li><a href="/">Home navsecret</a></li><li><a href="/sport">Sport</a></li></ul></nav>
          <article>
            <h1>Night&nbsp;ferry   timetable changes</h1>
            <p>From May the night ferry leaves at 22:40 &amp; arrives before midnight,
               twenty minutes earlier than today.</p>
            <h2>Why it changes</h2>
            <p>The crossing is quicker<br>since the new engines were fitted.</p>
            <blockquote>&ldquo;Passengers asked for it,&rdquo; the operator said.</blockquote>
            <h3>Fares</h3>
            <ul><li>Day returns stay the same.</li><li>Season tickets rise by &euro;5.</li></ul>
          </article>
          <section id="comments"><h2>Comments</h2><p>First! commentsecret is what I think about this.</p></section>
          <aside><p>Related: asidesecret stories about ferries and boats and harbours.</p></aside>
          <footer><p>Copyright footersecret Harbour Times, all rights reserved worldwide.</p></footer>
        </body>
        </html>
        """;

    [Fact]
    public void Parse_NewsPage_ShouldKeepOnlyTheArticleWithItsStructureAndMetadata()
    {
        var article = HtmlArticleReader.Parse(Page, "ferry");

        Assert.Equal("Night ferry timetable changes", article.Title);
        Assert.Equal("The night ferry leaves earlier from May.", article.Lead);
        Assert.Equal(
            [
                "From May the night ferry leaves at 22:40 & arrives before midnight, twenty minutes earlier than today.",
                "The crossing is quicker since the new engines were fitted.",
                "\u201CPassengers asked for it,\u201D the operator said.",
                "Day returns stay the same.",
                "Season tickets rise by \u20AC5.",
            ],
            article.Paragraphs.Select(p => p.Text));
        Assert.Equal([null, "Why it changes", "Why it changes", "Fares", "Fares"], article.Paragraphs.Select(p => p.Heading));
        var all = article.Title + article.Lead + string.Concat(article.Paragraphs.Select(p => p.Text));
        foreach (var secret in new[] { "stylecolour", "scriptsecret", "cookiesecret", "navsecret", "commentsecret", "asidesecret", "footersecret" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        var m = article.Metadata;
        Assert.Equal("transport", m.Category);
        Assert.Equal(["ferry", "timetable"], m.Tags);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 5, 0, 0, TimeSpan.Zero), m.Published);
        Assert.Equal(new Uri("https://times.example/ferry/night"), m.Url);
        Assert.Equal(["Ada Penrose", "Ben Carne"], m.Fields["author"].Select(v => v.TextValue));
        Assert.Equal(["en-GB"], m.Fields["lang"].Select(v => v.TextValue));
    }

    [Theory]
    [InlineData("<title>Storm closes the pier | Coast News</title>", "Storm closes the pier")]
    [InlineData("<title>Storm closes the pier - Coast News</title>", "Storm closes the pier")]
    [InlineData("<meta property=\"og:title\" content=\"Storm closes the pier\"><title>Ignored | X</title>", "Storm closes the pier")]
    [InlineData("<title>Storms | Coast News</title>", "Storms | Coast News")]
    public void Parse_WithoutH1_ShouldTakeTheTitleWithoutTheSiteName(string head, string title)
    {
        var html = $"<html><head>{head}</head><body><p>The pier is closed until the storm has passed, the council said.</p></body></html>";

        Assert.Equal(title, HtmlArticleReader.Parse(html, "x").Title);
    }

    [Fact]
    public void Parse_LeadParagraph_ShouldBeTheLeadAndNotRepeatedAsAParagraph()
    {
        var marked = HtmlArticleReader.Parse("<html><body><article><h1>T</h1><p class=\"article-lead\">A short lead.</p><p>Body text here.</p></article></body></html>", "x");
        Assert.Equal("A short lead.", marked.Lead);
        Assert.Equal(["Body text here."], marked.Paragraphs.Select(p => p.Text));

        var same = HtmlArticleReader.Parse("<html><head><meta property=\"og:description\" content=\"Same  text.\"></head><body><article><h1>T</h1><p>Same text.</p><p>Next.</p></article></body></html>", "x");
        Assert.Equal("Same text.", same.Lead);
        Assert.Equal(["Next."], same.Paragraphs.Select(p => p.Text));

        var none = HtmlArticleReader.Parse("<html><body><article><h1>T</h1><p>Only text.</p></article></body></html>", "x");
        Assert.Null(none.Lead);
    }

    [Fact]
    public void Parse_PageWithoutArticleElement_ShouldPickTheBlockWithTheMostText()
    {
        var html = """
            <html><head><title>Harvest fair returns to the square</title></head><body>
            <div class="menu-links"><a href="/">Home</a> <a href="/a">About the town and the council</a></div>
            <div id="primary"><h1>Harvest fair returns to the square</h1>
              <p>The harvest fair returns to the market square on Saturday, with stalls, music, and a tractor parade.</p>
              <p>Organisers expect more visitors than last year, when rain kept many families at home.</p></div>
            <div class="links"><p><a href="/x">Read more stories about the fair and other events</a></p></div>
            </body></html>
            """;

        var article = HtmlArticleReader.Parse(html, "fair");

        Assert.Equal("Harvest fair returns to the square", article.Title);
        Assert.Equal(2, article.Paragraphs.Count);
        Assert.StartsWith("The harvest fair", article.Paragraphs[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    public void Parse_DeclaredSingleByteEncoding_ShouldDecodeAccordingly(string charset)
    {
        var bytes = Latin1Page($"<meta charset=\"{charset}\">", "Caf\u00E9 na\u00EFve \u2014 ok");
        Assert.Equal("Caf\u00E9 na\u00EFve \u2014 ok", HtmlArticleReader.Parse(bytes, "x").Paragraphs[0].Text);

        var httpEquiv = Latin1Page($"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">", "Caf\u00E9");
        Assert.Equal("Caf\u00E9", HtmlArticleReader.Parse(httpEquiv, "x").Paragraphs[0].Text);
    }

    [Fact]
    public void Parse_ByteOrderMarks_ShouldDecodeUtf8AndUtf16()
    {
        const string html = "<html><body><h1>T</h1><p>Stra\u00DFe \u6771\u4EAC</p></body></html>";
        byte[] utf8 = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(html)];
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(html)];

        Assert.Equal("Stra\u00DFe \u6771\u4EAC", HtmlArticleReader.Parse(utf8, "x").Paragraphs[0].Text);
        Assert.Equal("Stra\u00DFe \u6771\u4EAC", HtmlArticleReader.Parse(utf16, "x").Paragraphs[0].Text);
    }

    [Fact]
    public void Parse_UndeclaredInvalidUtf8_ShouldFallBackToWindows1252()
    {
        var bytes = Latin1Page(string.Empty, "Caf\u00E9");

        Assert.Equal("Caf\u00E9", HtmlArticleReader.Parse(bytes, "x").Paragraphs[0].Text);
    }

    [Theory]
    [InlineData("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav><script>var a = 1;</script></body></html>", "no main content")]
    [InlineData("<html><body><article><h1>Only a title</h1></article></body></html>", "no main content")]
    [InlineData("<html><body><p>Text but no title anywhere.</p></body></html>", "no title")]
    public void Read_PageWithoutContent_ShouldFailNamingTheFile(string html, string reason)
    {
        using var temp = new TempFolder();
        var path = temp.Write("empty.html", html);

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "empty")));

        Assert.Null(result.Article);
        Assert.Contains(path, result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByExtensionAndByContent_ShouldUseTheHtmlReader()
    {
        using var temp = new TempFolder();
        const string html = "<!DOCTYPE html><html><head><title>Saved page</title></head><body><p>Saved from the web.</p></body></html>";
        var htm = temp.Write("a/page.htm", html);
        var bare = temp.Write("a/saved-page", "<!-- saved -->\n" + html);
        var text = temp.Write("a/notes", "Notes\n\n<p>not html</p>\n");

        Assert.Equal(ArticleFormat.Html, ArticleFiles.FormatOf(htm));
        Assert.Equal("Saved from the web.", ArticleFiles.Read(new ArticleFiles.Entry(htm, "p")).Single().Article!.Paragraphs[0].Text);
        Assert.Equal("Saved page", ArticleFiles.Read(new ArticleFiles.Entry(bare, "p")).Single().Article!.Title);
        Assert.Equal("Notes", ArticleFiles.Read(new ArticleFiles.Entry(text, "n")).Single().Article!.Title);
        Assert.Contains(ArticleFiles.Enumerate([temp.Combine("a")]), e => e.Path == htm);
    }

    [Fact]
    public void Parse_DeepNesting_ShouldFailCleanlyAndQuickly()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 200_000)) + "<p>deep</p></body></html>";

        var e = Assert.Throws<ArticleReadException>(() => HtmlArticleReader.Parse(html, "deep"));
        Assert.Contains("nested deeper than the 512-level limit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<x-card>")]
    [InlineData("<font>")]
    [InlineData("<pre>")]
    public void Parse_DeepNestingOfAnyElement_ShouldFailCleanly(string tag)
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(tag, 100_000)) + "<p>deep</p></body></html>";

        var e = Assert.Throws<ArticleReadException>(() => HtmlArticleReader.Parse(html, "deep"));
        Assert.Contains("nested deeper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScriptsAndCommentsFullOfAngleBrackets_ShouldNotCountAsNesting()
    {
        var script = "<script>" + string.Concat(Enumerable.Repeat("for(i=0;i<n;i++){a<b}", 2_000)) + "</script>";
        var comment = "<!--" + string.Concat(Enumerable.Repeat("<div>", 2_000)) + "-->";
        var html = $"<html><head>{script}</head><body>{comment}<h1>T</h1><p>Text.</p>{script}</body></html>";

        Assert.Equal("Text.", HtmlArticleReader.Parse(html, "x").Paragraphs.Single().Text);
    }

    [Fact]
    public void Parse_NestingJustWithinTheLimit_ShouldRead()
    {
        var html = "<html><body><h1>T</h1>" + string.Concat(Enumerable.Repeat("<div>", 300)) + "<p>deep text</p>" + string.Concat(Enumerable.Repeat("</div>", 300)) + "</body></html>";

        Assert.Equal("deep text", HtmlArticleReader.Parse(html, "deep").Paragraphs.Single().Text);
    }

    [Fact]
    public void Parse_HugeAttributeAndManyParagraphs_ShouldStayWithinLimits()
    {
        var huge = "<html><body><h1 class=\"" + new string('x', 4_000_000) + "\">T</h1><p title=\"" + new string('"', 1) + "\">ok</p></body></html>";
        Assert.Equal("T", HtmlArticleReader.Parse(huge, "x").Title);

        var many = "<html><body><h1>T</h1>" + string.Concat(Enumerable.Repeat("<p>p</p>", 50)) + "</body></html>";
        var e = Assert.Throws<ArticleReadException>(() => HtmlArticleReader.Parse(many, "x", limits: new ReaderLimits { MaxParagraphs = 10 }));
        Assert.Contains("more than 10 paragraphs", e.Message, StringComparison.Ordinal);
    }

    private static readonly string[] Tags = ["div", "p", "span", "b", "i", "li", "ul", "table", "td", "tr", "h1", "h2", "article", "nav", "script", "style", "a", "form", "select", "option", "template", "svg", "math", "frameset", "plaintext", "xmp", "noscript", "iframe", "textarea", "title", "meta", "br"];

    private static readonly Gen<string> HtmlPiece = Gen.Frequency(
        (4, Gen.OneOfConst(Tags).Select(Gen.Bool, (t, close) => close ? $"</{t}>" : $"<{t}>")),
        (1, Gen.OneOfConst(Tags).Select(HostileText.String, (t, a) => $"<{t} class=\"{a}\" id='{a}'>")),
        (1, Gen.OneOfConst("<!--", "-->", "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;", "&nbsp", "<![CDATA[", "]]>", "<meta charset=\"utf-16\">", "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":[[[{}]]]}</script>", "<html lang='\u0000'>", "<")),
        (3, HostileText.String),
        (1, Gen.Int[1, 2_000].Select(n => string.Concat(Enumerable.Repeat("<div><b>", n)))));

    [Fact]
    public void Parse_HostileHtml_ShouldReturnAnArticleOrThrowArticleReadException()
    {
        HtmlPiece.Array[0, 60].Select(string.Concat).Sample(html =>
        {
            try
            {
                var article = HtmlArticleReader.Parse(Encoding.UTF8.GetBytes(html), "fuzz", limits: new ReaderLimits { MaxHtmlDepth = 256 });
                Assert.False(string.IsNullOrWhiteSpace(article.Title));
                Assert.NotEmpty(article.Paragraphs);
                Assert.All(article.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
            }
            catch (ArticleReadException e)
            {
                Assert.Contains("fuzz", e.Message, StringComparison.Ordinal);
            }
        }, iter: 300);
    }

    private static byte[] Latin1Page(string head, string text) =>
        CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes($"<html><head>{head}<title>Page title</title></head><body><p>{text}</p></body></html>");
}
