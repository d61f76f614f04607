using System.IO.Compression;
using System.Text;
using CsCheck;
using DocumentFormat.OpenXml;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SearchKit.Tests.Articles;

/// <summary>Issue 14's Word reader: title, lead, headings, paragraphs, tables and properties; bad and hostile files.</summary>
public sealed class DocxArticleReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Report() => new DocxBuilder()
        .Title("Harbour wall repairs")
        .Subtitle("The council starts work on the east wall in March.")
        .Paragraph("Engineers found cracks after the winter storms.")
        .Paragraph("   ")
        .Heading(1, "The plan")
        .Paragraph("Divers will inspect the footings first.")
        .Table(["Phase", "Weeks"], ["Footings", ""])
        .Heading(2, "Costs")
        .Paragraph("The repairs cost 2.1 million.")
        .Heading(5, "A minor heading")
        .Properties(new DocxProperties
        {
            Creator = "Ada Penrose; Ben Carne",
            Created = new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc),
            Modified = new DateTime(2026, 3, 4, 12, 0, 0, DateTimeKind.Utc),
            Keywords = "harbour, repairs; council",
            Subject = "Infrastructure",
            Category = "local",
            Language = "en-GB",
        })
        .Build();

    [Fact]
    public void Parse_Document_ShouldMapStylesTablesAndPropertiesOntoTheArticle()
    {
        var article = DocxArticleReader.Parse(Report(), "wall");

        Assert.Equal("Harbour wall repairs", article.Title);
        Assert.Equal("The council starts work on the east wall in March.", article.Lead);
        Assert.Equal(
            [
                (null, "Engineers found cracks after the winter storms."),
                ("The plan", "Divers will inspect the footings first."),
                ("The plan", "Phase"), ("The plan", "Weeks"), ("The plan", "Footings"),
                ("Costs", "The repairs cost 2.1 million."),
                ("Costs", "A minor heading"),
            ],
            article.Paragraphs.Select(p => (p.Heading, p.Text)));
        Assert.Equal(Enumerable.Range(0, 7), article.Paragraphs.Select(p => p.Index));
        var m = article.Metadata;
        Assert.Equal("local", m.Category);
        Assert.Equal(["harbour", "repairs", "council"], m.Tags);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), m.Published);
        Assert.Equal(["Ada Penrose", "Ben Carne"], m.Fields["author"].Select(v => v.TextValue));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero), m.Fields["modified"].Single().DateValue);
        Assert.Equal("Infrastructure", m.Fields["subject"].Single().TextValue);
        Assert.Equal("en-GB", m.Fields["lang"].Single().TextValue);
    }

    [Fact]
    public void Parse_TitleAndDescriptionProperties_ShouldWinOverTheStyles()
    {
        var bytes = new DocxBuilder().Title("Styled title").Paragraph("Body text.")
            .Properties(new DocxProperties { Title = "Property title", Description = "Property description." }).Build();

        var article = DocxArticleReader.Parse(bytes, "x");

        Assert.Equal("Property title", article.Title);
        Assert.Equal("Property description.", article.Lead);
        Assert.Equal("Body text.", Assert.Single(article.Paragraphs).Text);
    }

    [Fact]
    public void Read_DocumentWithoutTitle_ShouldTakeTheFileNameAndHaveNoLead()
    {
        var path = _folder.WriteBytes("notes/ferry-minutes.docx", new DocxBuilder().Heading(1, "Agenda").Paragraph("Minutes of the ferry users' meeting.").Build());

        var article = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "notes/ferry-minutes"))).Article!;

        Assert.Equal("ferry-minutes", article.Title);
        Assert.Null(article.Lead);
        Assert.Equal("Agenda", article.Paragraphs.Single().Heading);
    }

    [Fact]
    public void Parse_LocalisedAndDerivedStyles_ShouldBeResolvedByName()
    {
        var bytes = new DocxBuilder()
            .Style("berschrift1", "heading 1").Style("Titel", "Title").Style("NewsHeading", "News heading", basedOn: "berschrift1")
            .Paragraph("Hafenmauer", "Titel")
            .Paragraph("Arbeiten", "berschrift1").Paragraph("Taucher prüfen die Fundamente.")
            .Paragraph("Kosten", "NewsHeading").Paragraph("Die Reparatur kostet viel.")
            .Paragraph("Unstyled id is taken as a name", "Heading3").Paragraph("Last.")
            .Build();

        var article = DocxArticleReader.Parse(bytes, "de");

        Assert.Equal("Hafenmauer", article.Title);
        Assert.Equal(["Arbeiten", "Kosten", "Unstyled id is taken as a name"], article.Paragraphs.Select(p => p.Heading!));
    }

    [Fact]
    public void Parse_NonBodyText_ShouldBeLeftOut()
    {
        var run = new W.Run(new W.Text("Kept"), new W.TabChar(), new W.Text("after tab"), new W.Break(), new W.Text("after break"),
            new W.DeletedText("deletedonly"), new W.FieldCode("PAGE fieldcodeonly"));
        var fallback = new AlternateContent(
            new AlternateContentChoice(new W.Run(new W.Text(" choice"))) { Requires = "wps" },
            new AlternateContentFallback(new W.Run(new W.Text(" fallbackonly"))));
        var bytes = new DocxBuilder()
            .Paragraph("Contents entry", "TOC1")
            .Element(new W.Paragraph(run, fallback))
            .Paragraph("Body with a note.")
            .Header("headeronly").Footnote("footnoteonly")
            .Build();

        var article = DocxArticleReader.Parse(bytes, "x");

        Assert.Equal(["Kept after tab after break choice", "Body with a note."], article.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Parse_TooManyParagraphs_ShouldFail()
    {
        var builder = new DocxBuilder();
        for (int i = 0; i < 20; i++)
        {
            builder.Paragraph($"Paragraph {i}.");
        }

        var e = Assert.Throws<ArticleReadException>(() => DocxArticleReader.Parse(builder.Build(), "x", limits: new ReaderLimits { MaxParagraphs = 10 }));
        Assert.Contains("more than 10 paragraphs", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "text", "not a Word document (not a zip package)" },
        { "empty", "the file is empty" },
        { "encrypted", "encrypted or password-protected Word document" },
        { "doc97", "Word 97–2003 document (.doc)" },
        { "truncated", "truncated or damaged zip" },
        { "spreadsheet", "not a Word document" },
        { "no-text", "the document has no text" },
        { "bomb", "a zip bomb" },
        { "oversized", "decompress to more than 4096 bytes" },
        { "deep", "nests more than 512 elements deep" },
        { "malformed", "malformed XML in the document" },
        { "doctype", "malformed XML in the document" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_BadFile_ShouldFailNamingTheFileAndTheReason(string kind, string reason)
    {
        var path = _folder.WriteBytes($"bad/{kind}.docx", BadFile(kind));
        var limits = kind == "oversized" ? new ReaderLimits { MaxDocxBytes = 4096 } : null;

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, kind), limits));

        Assert.Null(result.Article);
        Assert.Contains(path, result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error.Message);
    }

    /// <summary>Each bad-file case, built here: OLE headers with the stream names, zips written entry by entry.</summary>
    internal static byte[] BadFile(string kind)
    {
        var good = new DocxBuilder().Title("T").Paragraph("Text.").Build();
        return kind switch
        {
            "text" => Encoding.UTF8.GetBytes("Just a text file\n\nnamed .docx by mistake.\n"),
            "empty" => [],
            "encrypted" => Ole("EncryptionInfo", "EncryptedPackage"),
            "doc97" => Ole("WordDocument", "1Table"),
            "truncated" => good[..(good.Length / 2)],
            "spreadsheet" => Zip(("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"""), ("xl/workbook.xml", "<workbook/>")),
            "no-text" => new DocxBuilder().Paragraph("").Paragraph(" \t ").Build(),
            "bomb" => WithDocument(good, "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + new string(' ', 40 * 1024 * 1024) + "</w:body></w:document>"),
            "oversized" => WithDocument(good, Body(string.Concat(Enumerable.Range(0, 200).Select(i => $"<w:p><w:r><w:t>Paragraph number {i}.</w:t></w:r></w:p>")))),
            "deep" => WithDocument(good, Body(string.Concat(Enumerable.Repeat("<w:sdt><w:sdtContent>", 5_000)) + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + string.Concat(Enumerable.Repeat("</w:sdtContent></w:sdt>", 5_000)))),
            "malformed" => WithDocument(good, Body("<w:p><w:r><w:t>unclosed</w:r></w:p>")),
            "doctype" => WithDocument(good, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + Body("<w:p><w:r><w:t>&b;</w:t></w:r></w:p>")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static string Body(string inner) =>
        $"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{inner}</w:body></w:document>";

    // The first sector of an OLE compound file: the signature, then (as in its directory) the stream names in UTF-16.
    private static byte[] Ole(params string[] streams)
    {
        var bytes = new byte[2048];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        int at = 1024;
        foreach (var name in streams)
        {
            var utf16 = Encoding.Unicode.GetBytes(name);
            utf16.CopyTo(bytes, at);
            at += 128;
        }

        return bytes;
    }

    internal static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }

    // A real package with its main part's XML replaced.
    private static byte[] WithDocument(byte[] docx, string documentXml)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writer.Write(documentXml);
        }

        return stream.ToArray();
    }

    [Fact]
    public void Read_ByExtensionByContentAndByFormat_ShouldUseTheWordReader()
    {
        var bytes = new DocxBuilder().Title("Saved report").Paragraph("Saved from Word.").Build();
        var docx = _folder.WriteBytes("a/report.DOCX", bytes);
        var bare = _folder.WriteBytes("a/report-without-extension", bytes);
        var otherZip = _folder.WriteBytes("a/archive", Zip(("readme.txt", "not a document")));

        Assert.Equal(ArticleFormat.Docx, ArticleFiles.FormatOf(docx));
        Assert.Equal("Saved report", ArticleFiles.Read(new ArticleFiles.Entry(docx, "d")).Single().Article!.Title);
        Assert.Equal("Saved report", ArticleFiles.Read(new ArticleFiles.Entry(bare, "b")).Single().Article!.Title);
        Assert.Contains("binary data", ArticleFiles.Read(new ArticleFiles.Entry(otherZip, "z")).Single().Error!.Reason, StringComparison.Ordinal);
        Assert.Contains(ArticleFiles.Enumerate([_folder["a"]]), e => e.Path == docx);
        using (var stream = File.OpenRead(bare))
        {
            Assert.True(DocxArticleReader.LooksLikeDocx(stream));
        }

        var renamed = _folder.WriteBytes("a/report.bin", bytes);
        Assert.Equal("Saved report", ArticleFiles.Read(new ArticleFiles.Entry(renamed, "r"), format: ArticleFormat.Docx).Single().Article!.Title);
    }

    [Fact]
    public void IndexFiles_WordDocuments_ShouldBeSkippedWhenUnchangedAndReplacedWhenChanged()
    {
        _folder.WriteBytes("docs/a.docx", new DocxBuilder().Title("Alpha").Paragraph("Gravel roads.").Build());
        _folder.WriteBytes("docs/b.docx", new DocxBuilder().Title("Beta").Paragraph("Harbour cranes.").Build());
        _folder.WriteBytes("docs/bad.docx", BadFile("encrypted"));
        using var index = SearchIndex.Open(_folder["index"]);

        var first = index.IndexFiles([_folder["docs"]]);
        var second = index.IndexFiles([_folder["docs"]]);
        _folder.WriteBytes("docs/a.docx", new DocxBuilder().Title("Alpha").Paragraph("Paved roads.").Build());
        File.Delete(_folder["docs/b.docx"]);
        var third = index.IndexFiles([_folder["docs"]]);

        Assert.Equal(2, first.Added);
        Assert.Contains("encrypted or password-protected", Assert.Single(first.Failures).Reason, StringComparison.Ordinal);
        Assert.Equal(0, second.Indexed);
        Assert.Equal(2, second.Unchanged);
        Assert.Equal(1, third.Updated);
        Assert.Equal(1, third.Removed);
        Assert.Null(index.Get("b"));
        Assert.Equal(1, index.Search("paved").Total);
        Assert.Equal(0, index.Search("gravel").Total);
    }

    [Fact]
    public void Parse_RandomlyDamagedDocuments_ShouldReturnAnArticleOrThrowArticleReadException()
    {
        var good = Report();
        var damage = Gen.Select(Gen.Int[0, good.Length - 1], Gen.Byte, Gen.Int[0, 3]).Array[1, 8];
        Gen.Select(damage, Gen.Int[0, good.Length]).Sample((edits, cut) =>
        {
            var bytes = good[..Math.Max(cut, good.Length / 2)];
            foreach (var (at, value, _) in edits)
            {
                if (at < bytes.Length)
                {
                    bytes[at] = value;
                }
            }

            try
            {
                var article = DocxArticleReader.Parse(bytes, "fuzz");
                Assert.False(string.IsNullOrWhiteSpace(article.Title));
                Assert.All(article.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
            }
            catch (ArticleReadException e)
            {
                Assert.Contains("fuzz", e.Message, StringComparison.Ordinal);
            }
        }, iter: 200);
    }

    [Fact]
    public void Parse_RandomBodies_ShouldReturnAnArticleOrThrowArticleReadException()
    {
        var piece = Gen.Frequency(
            (3, HostileText.String.Select(s => $"<w:p><w:r><w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(s)}</w:t></w:r></w:p>")),
            (1, Gen.OneOfConst("<w:p>", "</w:p>", "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>T</w:t></w:r></w:p>", "<w:r><w:t>loose</w:t></w:r>", "&#0;", "<")),
            (1, Gen.Int[1, 1_000].Select(n => string.Concat(Enumerable.Repeat("<w:sdt><w:sdtContent>", n)))));
        var good = new DocxBuilder().Title("T").Paragraph("Text.").Build();
        piece.Array[0, 40].Select(string.Concat).Sample(inner =>
        {
            try
            {
                var article = DocxArticleReader.Parse(WithDocument(good, Body(inner)), "fuzz", limits: new ReaderLimits { MaxDocxDepth = 256 });
                Assert.All(article.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
            }
            catch (ArticleReadException e)
            {
                Assert.Contains("fuzz", e.Message, StringComparison.Ordinal);
            }
        }, iter: 100);
    }
}
