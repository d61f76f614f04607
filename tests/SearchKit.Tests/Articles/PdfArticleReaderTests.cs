using System.IO.Compression;
using System.Text;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>Issue 14, PDF: articles rebuilt from the layout of PDFs written here with PdfPig's builder.</summary>
public sealed class PdfArticleReaderTests : IDisposable
{
    private readonly TempFolder _folder = new("pdf");

    public void Dispose() => _folder.Dispose();

    private static Article Parse(byte[] pdf, ReaderLimits? limits = null) =>
        PdfArticleReader.Parse(pdf, "doc", limits: limits, source: "doc.pdf", fallbackTitle: "doc");

    private static TestPdf Report(string? infoTitle = null) => new TestPdf { Title = infoTitle }
        .Page()
        .Line("Tides of the northern harbour", size: 24, bold: true).Gap(20)
        .Paragraph("A short summary of the report on the harbour and its tides, set as the opening paragraph.")
        .Line("Measurements", size: 14, bold: true).Gap(6)
        .Paragraph("Gauges were read every hour for a year at the three piers of the northern harbour.")
        .Paragraph("The spring tides ran higher than the charts had said.");

    [Fact]
    public void Parse_WithoutInfoTitle_ShouldTakeTheLargeFirstLineAsTitleAndBoldLinesAsHeadings()
    {
        var article = Parse(Report().Build());

        Assert.Equal("Tides of the northern harbour", article.Title);
        Assert.Equal("A short summary of the report on the harbour and its tides, set as the opening paragraph.", article.Lead);
        Assert.Equal(
            ["Gauges were read every hour for a year at the three piers of the northern harbour.", "The spring tides ran higher than the charts had said."],
            article.Paragraphs.Select(p => p.Text));
        Assert.All(article.Paragraphs, p => Assert.Equal("Measurements", p.Heading));
    }

    [Fact]
    public void Parse_InfoTitle_ShouldBeTheTitleAndTheSameLargeLineNotRepeated()
    {
        var same = Parse(Report("Tides of the Northern Harbour").Build());
        var other = Parse(Report("Harbour report 2024").Build());

        Assert.Equal("Tides of the Northern Harbour", same.Title);
        Assert.DoesNotContain(same.Paragraphs, p => p.Text.Contains("Tides of", StringComparison.Ordinal) || p.Heading == "Tides of the northern harbour");
        Assert.Equal("Harbour report 2024", other.Title);

        // A file name left in the Title entry by a word processor is not a title.
        Assert.Equal("Tides of the northern harbour", Parse(Report("Microsoft Word - tides_final.docx").Build()).Title);
    }

    [Fact]
    public void Parse_NoTitleAnywhere_ShouldFallBackToTheFileName()
    {
        var pdf = new TestPdf().Page().Paragraph("Only body text here, all in one size.").Paragraph("And a second paragraph.").Build();

        Assert.Equal("doc", Parse(pdf).Title);
    }

    [Fact]
    public void Parse_LineBreaks_ShouldBeJoinedAndHyphenationAtLineEndsUndone()
    {
        var pdf = new TestPdf().Page()
            .Line("Heading", size: 20).Gap(20)
            .Lines("The harbour master kept a care-", "ful record of every well-known vessel, and the", "ferry from North-", "Haven came in late.")
            .Gap()
            .Lines("A second paragraph follows on", "two lines.")
            .Build();

        var article = Parse(pdf);

        Assert.Equal("The harbour master kept a careful record of every well-known vessel, and the ferry from North- Haven came in late.", article.Lead);
        Assert.Equal("A second paragraph follows on two lines.", Assert.Single(article.Paragraphs).Text);
    }

    [Fact]
    public void Parse_ParagraphsMarkedOnlyByAnIndent_ShouldStillBeSplit()
    {
        var pdf = new TestPdf().Page()
            .Line("The first paragraph starts with an indented line", indent: 15).Line("and goes on at the margin.")
            .Line("The second starts indented too and", indent: 15).Line("ends here.")
            .Line("- a list item whose text runs on").Line("under the bullet, hanging.", indent: 10)
            .Build();

        var article = Parse(pdf);

        Assert.Equal("The first paragraph starts with an indented line and goes on at the margin.", article.Lead);
        Assert.Equal(["The second starts indented too and ends here.", "- a list item whose text runs on under the bullet, hanging."], article.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Parse_ThreePages_ShouldLeaveOutRunningHeaderFooterAndPageNumbersAndJoinAParagraphCutByAPageBreak()
    {
        var pdf = new TestPdf { Header = "Coastal Survey Quarterly", Footer = "Page {page} of 3" }
            .Page().Line("Storm damage along the coast", size: 22, bold: true).Gap(20)
            .Paragraph("The storm of March took the sea wall at three places.")
            .Lines("Repairs began in April and were expected to run")
            .Page().Lines("until the autumn, the council said.").Gap()
            .Paragraph("Volunteers cleared the beach of debris.")
            .Page().Paragraph("The last section of wall reopened in October.")
            .Build();

        var article = Parse(pdf);
        var all = string.Join('\n', article.Paragraphs.Select(p => p.Text).Prepend(article.Lead ?? string.Empty).Prepend(article.Title));

        Assert.DoesNotContain("Coastal Survey", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Page", all, StringComparison.Ordinal);
        Assert.Equal("Storm damage along the coast", article.Title);
        Assert.Equal(
            ["Repairs began in April and were expected to run until the autumn, the council said.", "Volunteers cleared the beach of debris.", "The last section of wall reopened in October."],
            article.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Parse_BarePageNumbers_ShouldBeLeftOutEvenOnOnePage()
    {
        var pdf = new TestPdf { Footer = "{page}" }.Page().Line("Title line", size: 20).Gap(20).Paragraph("Body one.").Paragraph("Body two.").Build();

        var article = Parse(pdf);

        Assert.Equal(["Body two."], article.Paragraphs.Select(p => p.Text));
        Assert.Equal("Body one.", article.Lead);
    }

    [Fact]
    public void Parse_DocumentInformation_ShouldBecomeMetadata()
    {
        var pdf = new TestPdf { Title = "Harbour", Author = "Ann Tidewater", Subject = "Tides and piers", Keywords = "tides, harbour; piers", CreationDate = "D:20240601123000Z" }
            .Page().Paragraph("Body text.").Build();

        var m = Parse(pdf).Metadata;

        Assert.Equal("Ann Tidewater", Assert.Single(m.Fields["author"]).TextValue);
        Assert.Equal("Tides and piers", Assert.Single(m.Fields["subject"]).TextValue);
        Assert.Equal(["tides", "harbour", "piers"], m.Tags);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 30, 0, TimeSpan.Zero), m.Published);
    }

    [Fact]
    public void Parse_NotAPdf_ShouldFailSayingSo()
    {
        var e = Assert.Throws<ArticleReadException>(() => Parse(Encoding.ASCII.GetBytes("Just some text, not a PDF at all.")));

        Assert.Equal("doc.pdf", e.Source);
        Assert.Contains("not a PDF", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedAfterTheHeader_ShouldFailAsMalformed()
    {
        var e = Assert.Throws<ArticleReadException>(() => Parse(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n")));

        Assert.Contains("malformed PDF", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_Truncated_ShouldFailSayingTruncated()
    {
        var pdf = Report().Build();

        var e = Assert.Throws<ArticleReadException>(() => Parse(pdf[..(pdf.Length / 2)]));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PasswordProtected_ShouldFailAsEncrypted()
    {
        // A standard security handler whose user password is not empty (the /U entry matches no empty password).
        var text = Encoding.Latin1.GetString(Report().Build());
        var encrypted = text.Replace("trailer\n<<", "trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + new string('a', 64) + "> /U <" + new string('b', 64)
            + "> /P -4 >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]", StringComparison.Ordinal);
        Assert.NotEqual(text, encrypted);

        var e = Assert.Throws<ArticleReadException>(() => Parse(Encoding.Latin1.GetBytes(encrypted)));

        Assert.Contains("encrypted or password-protected PDF", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoText_ShouldFailAsAScannedPdf()
    {
        using var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new UglyToad.PdfPig.Core.PdfPoint(50, 50), 200, 300, fill: true);

        var e = Assert.Throws<ArticleReadException>(() => Parse(builder.Build()));

        Assert.Contains("no extractable text (a scanned PDF?)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverTheLimits_ShouldFailNamingTheLimit()
    {
        var pdf = Report().Page().Paragraph("Second page.").Page().Paragraph("Third page.").Build();

        var pages = Assert.Throws<ArticleReadException>(() => Parse(pdf, new ReaderLimits { MaxPdfPages = 2 }));
        var size = Assert.Throws<ArticleReadException>(() => Parse(pdf, new ReaderLimits { MaxPdfBytes = 100 }));
        var paragraphs = Assert.Throws<ArticleReadException>(() => Parse(pdf, new ReaderLimits { MaxParagraphs = 1 }));

        Assert.Contains("3 pages, over the 2-page limit", pages.Message, StringComparison.Ordinal);
        Assert.Contains("over the 100-byte limit", size.Message, StringComparison.Ordinal);
        Assert.Contains("paragraphs", paragraphs.Message, StringComparison.Ordinal);
        Assert.Equal(2, Parse(Report().Build(), new ReaderLimits { MaxParagraphs = 2 }).Paragraphs.Count);
    }

    [Fact]
    public void Parse_CompressionBomb_ShouldStopAtTheDecodedBytesLimit()
    {
        // One page whose content stream inflates to 4 MB of spaces: over a 1 MB budget, refused before it is held.
        var pdf = HandmadePdf.WithContentStream(Deflate(new byte[4 * 1024 * 1024].Select(_ => (byte)' ').ToArray()));

        var e = Assert.Throws<ArticleReadException>(() => Parse(pdf, new ReaderLimits { MaxPdfDecodedBytes = 1024 * 1024 }));

        Assert.Contains("decode to more than 1048576 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("no extractable text", Assert.Throws<ArticleReadException>(() => Parse(pdf)).Message, StringComparison.Ordinal);
    }

    private static byte[] Deflate(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public void Read_ByExtensionByContentAndInsideGzip_ShouldUseThePdfReader()
    {
        var pdf = Report().Build();
        var named = _folder.WriteBytes("docs/tides.pdf", pdf);
        var bare = _folder.WriteBytes("tides-download", pdf);
        var zipped = _folder.WriteBytes("tides-download-2", Gzip(pdf));

        Assert.Equal("tides", Assert.Single(ArticleFiles.Enumerate([_folder["docs"]])).Id);
        foreach (var path in new[] { named, bare, zipped })
        {
            var result = Assert.Single(ArticleFiles.Read(Assert.Single(ArticleFiles.Enumerate([path]))));
            Assert.True(result.Article is not null, result.Error?.Message);
            Assert.Equal("Tides of the northern harbour", result.Article.Title);
        }
    }

    [Fact]
    public void IndexFiles_PdfFolder_ShouldIndexIncrementallyByContentHashAndReportTheBadFileAlone()
    {
        _folder.WriteBytes("docs/tides.pdf", Report().Build());
        var broken = _folder.WriteBytes("docs/broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\nnothing else"));
        using var index = SearchIndex.Open(_folder["index"]);

        var first = index.IndexFiles([_folder["docs"]]);
        var second = index.IndexFiles([_folder["docs"]]);
        _folder.WriteBytes("docs/tides.pdf", Report("Tides revised").Build());
        var third = index.IndexFiles([_folder["docs"]]);

        Assert.Equal(1, first.Added);
        Assert.Equal(broken, Assert.Single(first.Failures).Source);
        Assert.Equal(1, second.Unchanged);
        Assert.Equal(1, third.Updated);
        var hit = Assert.Single(index.Search("spring tides").Hits);
        Assert.Equal("Tides revised", index.Get(hit.Id)!.Title);
        Assert.Equal(1, index.Search("heading:measurements").Total);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
