using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>Re-indexing a folder: skip unchanged files by content hash, replace changed ones, remove gone ones.</summary>
public class IncrementalIndexingTests
{
    private static readonly IndexingOptions OneThread = new() { Threads = 1 };

    [Fact]
    public void IndexFiles_ShouldCountAddedUpdatedUnchangedAndRemoved()
    {
        using var folder = new TempFolder("incr");
        var corpus = folder["corpus"];
        GeneratedCorpus.WriteFiles(corpus, 6);
        using var index = SearchIndex.CreateInMemory();

        var first = index.IndexFiles([corpus], OneThread);
        Assert.Equal((6, 0, 0, 0), (first.Added, first.Updated, first.Unchanged, first.Removed));

        File.WriteAllText(GeneratedCorpus.FilePath(corpus, 1), GeneratedCorpus.Text(1, version: 2));
        File.Delete(GeneratedCorpus.FilePath(corpus, 2));
        File.WriteAllText(Path.Combine(corpus, "new.txt"), "A brand new report\n\nAbout the zeppelin.\n");

        var second = index.IndexFiles([corpus], OneThread);

        Assert.Equal((1, 1, 4, 1), (second.Added, second.Updated, second.Unchanged, second.Removed));
        Assert.Empty(second.Failures);
        Assert.Equal(6, index.GetStats().Articles);
        Assert.Equal("Report 1 revision 2 on the storm", index.Get("b/00001")!.Title);
        Assert.Null(index.Get("c/00002"));
        Assert.Single(index.Search("zeppelin").Hits);
    }

    [Fact]
    public void IndexFiles_SecondRunOverUnchangedFolder_ShouldAnalyseNothing()
    {
        const int files = 2000;
        using var folder = new TempFolder("incr-big");
        GeneratedCorpus.WriteFiles(folder.Path, files);
        using var index = SearchIndex.CreateInMemory();

        var first = index.IndexFiles([folder.Path]);
        var second = index.IndexFiles([folder.Path]);

        Assert.Equal(files, first.Added);
        Assert.True(first.Paragraphs >= files);

        // Nothing was parsed, analysed or written: the only work was hashing.
        Assert.Equal((0, 0, files, 0), (second.Added, second.Updated, second.Unchanged, second.Removed));
        Assert.Equal(0, second.Paragraphs);
        Assert.Equal(0, second.Bytes);
        var stats = index.GetStats();
        Assert.Equal(files, stats.Articles);
        Assert.Equal(0, stats.DeletedArticles); // no document was replaced by an identical copy
    }

    [Fact]
    public void IndexFiles_Forced_ShouldReplaceEveryArticleWithoutDuplicates()
    {
        using var folder = new TempFolder("incr-force");
        GeneratedCorpus.WriteFiles(folder.Path, 20);
        using var index = SearchIndex.CreateInMemory();
        index.IndexFiles([folder.Path]);

        var forced = index.IndexFiles([folder.Path], new IndexingOptions { Force = true });

        Assert.Equal((0, 20), (forced.Added, forced.Updated));
        Assert.Equal(20, index.GetStats().Articles);
    }

    [Fact]
    public void IndexFiles_FileTurnedUnreadable_ShouldKeepItsLastGoodArticleAndReportIt()
    {
        using var folder = new TempFolder("incr-bad");
        GeneratedCorpus.WriteFiles(folder.Path, 3);
        using var index = SearchIndex.CreateInMemory();
        index.IndexFiles([folder.Path]);

        File.WriteAllBytes(GeneratedCorpus.FilePath(folder.Path, 0), [0x41, 0xC3, 0x28, 0x0A]); // invalid UTF-8
        var report = index.IndexFiles([folder.Path]);

        var failure = Assert.Single(report.Failures);
        Assert.Contains("not valid UTF-8", failure.Message, StringComparison.Ordinal);
        Assert.Equal("Report 0 revision 0 on the harbour", index.Get("a/00000")!.Title);
        Assert.Equal(3, index.GetStats().Articles);
    }

    [Fact]
    public void IndexFiles_JsonLinesFileLosingAnArticle_ShouldRemoveItsArticle()
    {
        using var folder = new TempFolder("incr-jsonl");
        var file = folder.Write("feed.jsonl", """
            {"id":"x1","title":"First","text":"one"}
            {"id":"x2","title":"Second","text":"two"}
            {"id":"x3","title":"Third","text":"three"}
            """);
        using var index = SearchIndex.CreateInMemory();
        index.IndexFiles([folder.Path]);

        File.WriteAllText(file, """
            {"id":"x1","title":"First","text":"one"}
            {"id":"x3","title":"Third, revised","text":"three"}
            """);
        var report = index.IndexFiles([folder.Path]);

        Assert.Equal(2, report.Updated);
        Assert.Equal(2, index.GetStats().Articles);
        Assert.Null(index.Get("x2"));
        Assert.Equal("Third, revised", index.Get("x3")!.Title);
    }

    [Fact]
    public void IndexFiles_AfterReopeningFromDisk_ShouldStillSkipUnchangedFiles()
    {
        using var folder = new TempFolder("incr-disk");
        var corpus = folder["corpus"];
        GeneratedCorpus.WriteFiles(corpus, 10);
        using (var index = SearchIndex.Open(folder["index"]))
        {
            index.IndexFiles([corpus]);
        }

        using var reopened = SearchIndex.Open(folder["index"]);
        var report = reopened.IndexFiles([corpus]);

        Assert.Equal((0, 0, 10), (report.Added, report.Updated, report.Unchanged));
    }
}
