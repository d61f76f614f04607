using System.Text;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

public sealed class ArticleFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Enumerate_ShouldFindTextAndJsonLinesRecursivelyWithRelativeIds()
    {
        _folder.Write("a.txt", "Title\nBody.");
        _folder.Write("sub/b.txt", "Title\nBody.");
        _folder.Write("sub/c.jsonl", "{}");
        _folder.Write("notes.rtf", "ignored");

        var entries = ArticleFiles.Enumerate([_folder.Path]).ToList();

        Assert.Equal(["a", "sub/b", "sub/c"], entries.Select(e => e.Id));
    }

    [PosixFact] // a Unix path in the message
    public void Enumerate_MissingPath_ShouldSayWhich()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ArticleFiles.Enumerate(["/no/such/place"]).ToList());
        Assert.Contains("/no/such/place", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x54, 0x69, 0x74, 0x6C, 0x65, 0x00, 0x01, 0x02 }, "binary data")]
    [InlineData(new byte[] { 0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0xC3, 0x28 }, "not valid UTF-8 at byte 6")]
    [InlineData(new byte[] { }, "empty")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x20, 0x0A }, "empty")]
    public void Read_BadFile_ShouldFailNamingTheFileAndTheReason(byte[] content, string reason)
    {
        var path = _folder.WriteBytes("bad.txt", content);

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "bad")));

        Assert.Null(result.Article);
        Assert.Equal(path, result.Error!.Source);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileOverTheSizeLimit_ShouldFail()
    {
        var path = _folder.Write("big.txt", "Title\n" + new string('x', 2000));

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "big"), new ReaderLimits { MaxArticleBytes = 1000 }));

        Assert.Contains("over the 1000-byte limit", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShouldAttachSourcePathAndHash()
    {
        var path = _folder.Write("ok.txt", "Title\nLead.\nBody.");

        var article = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "ok"), contentHash: "abc")).Article!;

        Assert.Equal(path, article.Metadata.SourcePath);
        Assert.Equal("abc", article.Metadata.ContentHash);
        Assert.Equal(ArticleFiles.HashFile(path), ArticleFiles.HashFile(path));
    }

    [Fact]
    public void DecodeUtf8_ShouldDropTheBom() =>
        Assert.Equal("hé", ArticleFiles.DecodeUtf8(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("hé")).ToArray(), "x"));
}
