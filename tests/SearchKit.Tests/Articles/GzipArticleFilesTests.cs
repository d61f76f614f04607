using System.IO.Compression;
using System.Text;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

public sealed class GzipArticleFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public void Enumerate_ShouldPickCompressedJsonLinesAndTextWithIdsWithoutBothExtensions()
    {
        _folder.WriteBytes("a.jsonl.gz", Gzip("{}"));
        _folder.WriteBytes("sub/b.TXT.GZ", Gzip("T\nBody."));
        _folder.WriteBytes("backup.tar.gz", Gzip("not an article"));
        _folder.WriteBytes("c.gz", Gzip("no inner extension"));

        var entries = ArticleFiles.Enumerate([_folder.Path]).ToList();

        Assert.Equal(["a", "sub/b"], entries.Select(e => e.Id));
    }

    [Fact]
    public void Read_CompressedJsonLines_ShouldReadTheInnerLinesWithTheFileIdAsPrefix()
    {
        var path = _folder.WriteBytes("feed.jsonl.gz", Gzip("{\"id\":\"x\",\"title\":\"First\",\"text\":\"One.\"}\n{\"title\":\"Second\",\"text\":\"Two.\"}\n"));
        var entry = Assert.Single(ArticleFiles.Enumerate([path]));

        var results = ArticleFiles.Read(entry).ToList();

        Assert.Equal(ArticleFormat.JsonLines, ArticleFiles.FormatOf(path));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(["x", "feed#2"], results.Select(r => r.Article!.Id));
        Assert.Equal("Second", results[1].Article!.Title);
        Assert.Equal(path, results[0].Article!.Metadata.SourcePath);
    }

    [Fact]
    public void Read_CompressedText_ShouldReadOneArticle()
    {
        var path = _folder.WriteBytes("note.txt.gz", Gzip("A compressed note\n\nIts only paragraph."));

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "note")));

        Assert.Equal(ArticleFormat.PlainText, ArticleFiles.FormatOf(path));
        Assert.Equal("A compressed note", result.Article!.Title);
        Assert.Contains(result.Article.Paragraphs, p => p.Text == "Its only paragraph.");
    }

    [Theory]
    [InlineData("feed.jsonl.gz")]
    [InlineData("note.txt.gz")]
    public void Read_TruncatedGzip_ShouldFailNamingTheFile(string name)
    {
        var whole = Gzip(string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{{\"id\":\"a{i}\",\"title\":\"Title {i}\",\"text\":\"Paragraph number {i} with words {i * 7}.\"}}")));
        var path = _folder.WriteBytes(name, whole[..(whole.Length / 2)]);

        var results = ArticleFiles.Read(new ArticleFiles.Entry(path, "x")).ToList();

        var error = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal(path, error.Source);
        Assert.Contains("corrupt or truncated", error.Reason, StringComparison.Ordinal);
        Assert.Same(error, results[^1].Error); // reading stops at the damage
    }

    [Fact]
    public void Read_NotGzipAtAll_ShouldFailNamingTheFile()
    {
        var path = _folder.WriteBytes("plain.jsonl.gz", Encoding.UTF8.GetBytes("{\"id\":\"a\",\"title\":\"T\",\"text\":\"x\"}\n"));

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "plain")));

        Assert.Equal(path, result.Error!.Source);
        Assert.Contains("not valid gzip data", result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptDeflateData_ShouldFailNamingTheFile()
    {
        var bytes = Gzip(string.Concat(Enumerable.Range(0, 500).Select(i => $"{{\"id\":\"a{i}\",\"title\":\"T\",\"text\":\"{i}\"}}\n")));
        for (int i = 12; i < bytes.Length - 8; i += 3)
        {
            bytes[i] ^= 0x5A;
        }

        var path = _folder.WriteBytes("broken.jsonl.gz", bytes);

        var results = ArticleFiles.Read(new ArticleFiles.Entry(path, "broken")).ToList();

        var last = results[^1].Error;
        Assert.NotNull(last);
        Assert.Equal(path, last.Source);
        Assert.Contains("not valid gzip data", last.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyGzipFile_ShouldFailNamingTheFile()
    {
        var path = _folder.WriteBytes("empty.txt.gz", []);

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "empty")));

        Assert.Equal(path, result.Error!.Source);
        Assert.Contains("too short for gzip", result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConcatenatedGzipMembers_ShouldFailSayingSo()
    {
        var path = _folder.WriteBytes("two.jsonl.gz", [.. Gzip("{\"id\":\"a\",\"title\":\"A\",\"text\":\"x\"}\n"), .. Gzip("{\"id\":\"b\",\"title\":\"B\",\"text\":\"y\"}\n")]);

        var results = ArticleFiles.Read(new ArticleFiles.Entry(path, "two")).ToList();

        Assert.Contains("several gzip members", results[^1].Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipBomb_ShouldStopAtTheDecompressedSizeLimit()
    {
        // 64 MiB of newlines packs into about 64 KiB; the limit lets 1 MiB out.
        var bomb = Gzip(new byte[64 * 1024 * 1024].Select(_ => (byte)'\n').ToArray());
        var path = _folder.WriteBytes("bomb.jsonl.gz", bomb);
        var limits = new ReaderLimits { MaxDecompressedBytes = 1024 * 1024 };

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "bomb"), limits));

        Assert.Equal(path, result.Error!.Source);
        Assert.Contains("more than 1048576 bytes, the decompressed-size limit", result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CompressedTextOverTheArticleLimit_ShouldFail()
    {
        var path = _folder.WriteBytes("big.txt.gz", Gzip("Title\n" + new string('x', 5000)));

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "big"), new ReaderLimits { MaxArticleBytes = 1000 }));

        Assert.Contains("decompresses to more than 1000 bytes", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexFiles_CompressedFiles_ShouldBeSkippedWhenUnchangedAndReplacedWhenChanged()
    {
        _folder.WriteBytes("docs/feed.jsonl.gz", Gzip("{\"id\":\"a\",\"title\":\"Alpha\",\"text\":\"Gravel roads.\"}\n{\"id\":\"b\",\"title\":\"Beta\",\"text\":\"Harbour cranes.\"}\n"));
        _folder.WriteBytes("docs/note.txt.gz", Gzip("Gamma\n\nLighthouse keepers."));
        using var index = SearchIndex.Open(_folder["index"]);

        var first = index.IndexFiles([_folder["docs"]]);
        var second = index.IndexFiles([_folder["docs"]]);
        _folder.WriteBytes("docs/feed.jsonl.gz", Gzip("{\"id\":\"a\",\"title\":\"Alpha\",\"text\":\"Paved roads.\"}\n"));
        var third = index.IndexFiles([_folder["docs"]]);

        Assert.Empty(first.Failures);
        Assert.Equal(3, first.Added);
        Assert.Equal(0, second.Indexed);
        Assert.Equal(3, second.Unchanged);
        Assert.Equal(1, third.Updated);
        Assert.Equal(1, third.Unchanged);
        Assert.Null(index.Get("b"));
        Assert.Equal("Lighthouse keepers.", index.Get("note")!.Paragraphs.Single().Text);
        Assert.Equal(1, index.Search("paved").Total);
    }
}
