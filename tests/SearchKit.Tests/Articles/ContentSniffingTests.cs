using System.IO.Compression;
using System.Text;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>Issue 14, <c>auto</c> by content: gzip by its magic bytes, PDF by <c>%PDF-</c>, and compressed Markdown and HTML in folders.</summary>
public sealed class ContentSniffingTests : IDisposable
{
    private const string Page = "<!DOCTYPE html><html><head><title>Pier | Gazette</title></head><body><article><h1>Pier reopens</h1><p>The pier reopened on Sunday after repairs.</p></article></body></html>";

    private readonly TempFolder _folder = new("sniff");

    public void Dispose() => _folder.Dispose();

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    private static Article ReadOne(string path, ArticleFormat format = ArticleFormat.Auto)
    {
        var result = Assert.Single(ArticleFiles.Read(Assert.Single(ArticleFiles.Enumerate([path])), format: format));
        Assert.True(result.Article is not null, result.Error?.Message);
        return result.Article;
    }

    [Fact]
    public void Folder_CompressedMarkdownAndHtml_ShouldBeReadAsTheirInnerFormat()
    {
        _folder.WriteBytes("docs/notes.md.gz", Gzip("---\ncategory: harbour\n---\n# Tide tables\n\nThe tables for May are out.\n"));
        _folder.WriteBytes("docs/pier.html.gz", Gzip(Page));

        var entries = ArticleFiles.Enumerate([_folder["docs"]]).ToList();
        var articles = entries.SelectMany(e => ArticleFiles.Read(e)).Select(r => r.Article!).ToList();

        Assert.Equal(["notes", "pier"], entries.Select(e => e.Id));
        Assert.Equal(["Tide tables", "Pier reopens"], articles.Select(a => a.Title));
        Assert.Equal("harbour", articles[0].Metadata.Category);
    }

    [Fact]
    public void UnknownExtension_GzipMagic_ShouldDecompressAndDecideTheInnerFormatByContent()
    {
        var html = _folder.WriteBytes("saved-page", Gzip(Page));
        var pdf = _folder.WriteBytes("report.gz", Gzip(new TestPdf().Page().Line("Harbour report", size: 20).Gap(20).Paragraph("Body text of the report.").Build()));
        var text = _folder.WriteBytes("note.bin", Gzip("Ferry notice\nThe evening ferry is cancelled.\n"));

        Assert.Equal("Pier reopens", ReadOne(html).Title);
        Assert.Equal("Harbour report", ReadOne(pdf).Title);
        Assert.Equal("Ferry notice", ReadOne(text).Title);
    }

    [Fact]
    public void UnknownExtension_GzipMagicWithAFormatGiven_ShouldDecompressAndUseThatFormat()
    {
        var path = _folder.WriteBytes("export.data", Gzip("{\"id\":\"a\",\"title\":\"First\",\"text\":\"One.\"}\n{\"id\":\"b\",\"title\":\"Second\",\"text\":\"Two.\"}\n"));

        var results = ArticleFiles.Read(Assert.Single(ArticleFiles.Enumerate([path])), format: ArticleFormat.JsonLines).ToList();

        Assert.Equal(["a", "b"], results.Select(r => r.Article!.Id));
    }

    [Fact]
    public void UnknownExtension_PdfSignature_ShouldBeReadAsPdfAndATruncatedGzipFail()
    {
        var pdf = _folder.WriteBytes("download", new TestPdf().Page().Line("Harbour report", size: 20).Gap(20).Paragraph("Body text.").Build());
        var gz = Gzip(Page);
        var truncated = _folder.WriteBytes("cut-off", gz[..(gz.Length - 12)]);

        Assert.Equal("Harbour report", ReadOne(pdf).Title);
        var failed = Assert.Single(ArticleFiles.Read(Assert.Single(ArticleFiles.Enumerate([truncated]))));
        Assert.Contains("gzip", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(truncated, failed.Error.Source);
    }
}
