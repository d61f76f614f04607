using System.Globalization;
using Lucene.Net.Store;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>A write that fails (a full disk) is a clear error; the index stays at its last good commit; the next run completes.</summary>
public class DiskFaultTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(700)]
    [InlineData(5_000)]
    [InlineData(40_000)]
    public void BulkRun_OnAFullDisk_ShouldFailClearlyKeepTheLastCommitAndCompleteNextTime(long bytesLeft)
    {
        using var folder = new TempFolder("diskfull");
        var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(folder.Path), new ExclusiveFileLockFactory()));
        using (var index = SearchIndex.OpenDirectory(disk, location: folder.Path))
        {
            index.Add(Articles(0, 50));
            disk.FailAfterBytes = bytesLeft;

            var e = Assert.ThrowsAny<SearchKitException>(() => index.Add(Articles(50, 500), new IndexingOptions { CommitEveryArticles = 100, Threads = 1 }));

            Assert.True(e.Message.Contains("No space left on device", StringComparison.Ordinal), e.Message);
            Assert.Contains("stays at its last commit", e.Message, StringComparison.Ordinal);
            Assert.True(disk.Failures > 0);
            long kept = index.GetStats().Articles;
            Assert.InRange(kept, 50, 549);
            Assert.Equal(0, (kept - 50) % 100); // whole commit windows only
            Assert.NotNull(index.Get("f0"));

            // Space is freed: the same run again completes, with no duplicates.
            disk.FailAfterBytes = null;
            var rerun = index.Add(Articles(50, 500));
            Assert.False(rerun.Cancelled);
            Assert.Equal(550, index.GetStats().Articles);
        }

        Assert.True(SearchIndex.Check(folder.Path).Healthy);
        using var reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { VerifyOnOpen = true });
        Assert.Equal(550, reopened.GetStats().Articles);
    }

    [Fact]
    public void ParallelBulkRun_OnAFullDisk_ShouldReportTheDiskErrorNotItsSideEffects()
    {
        using var folder = new TempFolder("diskfull-parallel");
        var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(folder.Path), new ExclusiveFileLockFactory()));
        using var index = SearchIndex.OpenDirectory(disk, new SearchIndexOptions { IndexingThreads = 4 }, folder.Path);
        disk.FailAfterBytes = 2_000;

        var e = Assert.ThrowsAny<SearchKitException>(() => index.Add(Articles(0, 2_000), new IndexingOptions { CommitEveryArticles = 10 }));

        Assert.True(e.Message.Contains("No space left on device", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Commit_OnAFullDisk_ShouldDropTheBufferedWritesAndKeepTheLastCommit()
    {
        using var folder = new TempFolder("diskfull-commit");
        var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(folder.Path), new ExclusiveFileLockFactory()));
        using var index = SearchIndex.OpenDirectory(disk, location: folder.Path);
        index.Upsert(Article.Create("kept", "Kept article", null, ["committed text"]));
        index.Commit();

        disk.FailAfterBytes = 100;
        index.Upsert(Article.Create("lost", "Lost article", null, ["never committed"]));
        var e = Assert.ThrowsAny<SearchKitException>(index.Commit);

        Assert.Contains("commit failed", e.Message, StringComparison.Ordinal);
        Assert.NotNull(index.Get("kept"));
        Assert.Null(index.Get("lost"));

        disk.FailAfterBytes = null;
        index.Upsert(Article.Create("next", "Next article", null, ["after the disk was freed"]));
        index.Commit();
        Assert.Equal(2, index.GetStats().Articles);
    }

    /// <summary>
    /// A commit whose fsync or file creation fails (an I/O error, not a full disk): the one-line error says so,
    /// the index stays at its last commit (for this instance and for a fresh reader of the folder), and the next
    /// commit works. Lucene syncs the new segment's files first and the commit point (segments_N) last.
    /// </summary>
    [Theory]
    [InlineData("sync", "_", "syncing _")]                   // the new segment's files
    [InlineData("sync", "segments_", "syncing segments_")]   // the commit point, after everything it names is synced
    [InlineData("create", ".si", "creating _")]              // the new segment's info file
    [InlineData("create", "segments_", "creating segments_")]
    public void Commit_WhoseSyncOrFileCreationFails_ShouldKeepTheLastCommitAndTheNextCommitShouldWork(string what, string file, string message)
    {
        using var folder = new TempFolder("syncfail");
        var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(folder.Path), new ExclusiveFileLockFactory()));
        using var index = SearchIndex.OpenDirectory(disk, location: folder.Path);
        index.Upsert(Article.Create("kept", "Kept article", null, ["committed text"]));
        index.Commit();

        Func<string, bool> matches = name => file.StartsWith('.') ? name.EndsWith(file, StringComparison.Ordinal) : name.StartsWith(file, StringComparison.Ordinal);
        if (what == "sync")
        {
            disk.FailSync = matches;
        }
        else
        {
            disk.FailCreate = matches;
        }

        index.Upsert(Article.Create("lost", "Lost article", null, ["never committed"]));
        var e = Assert.ThrowsAny<SearchKitException>(index.Commit);

        Assert.True(disk.Failures > 0, "the fault should have been hit");
        Assert.Contains("commit failed (Input/output error (" + message, e.Message, StringComparison.Ordinal);
        Assert.Contains("the index stays at its last commit", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.NotNull(index.Get("kept"));
        Assert.Null(index.Get("lost"));
        Assert.Equal(1, index.GetStats().Articles);
        Assert.True(SearchIndex.Check(folder.Path).Healthy);
        using (var reader = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true, VerifyOnOpen = true }))
        {
            Assert.Equal(["kept"], reader.Search("text").Hits.Select(h => h.Id));
        }

        disk.FailSync = null;
        disk.FailCreate = null;
        index.Upsert(Article.Create("next", "Next article", null, ["text after the fault"]));
        index.Commit();
        Assert.Equal(2, index.GetStats().Articles);
        using var reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true, VerifyOnOpen = true });
        Assert.Equal(["kept", "next"], reopened.Search("text").Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IndexFiles_OnAFullDisk_ShouldFailClearlyAndTheNextRunShouldComplete()
    {
        using var folder = new TempFolder("diskfull-files");
        GeneratedCorpus.WriteFiles(folder["corpus"], 300);
        System.IO.Directory.CreateDirectory(folder["index"]);
        var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(folder["index"]), new ExclusiveFileLockFactory()));
        using var index = SearchIndex.OpenDirectory(disk, location: folder["index"]);
        disk.FailAfterBytes = 3_000;

        Assert.ThrowsAny<SearchKitException>(() => index.IndexFiles([folder["corpus"]], new IndexingOptions { CommitEveryArticles = 50 }));

        disk.FailAfterBytes = null;
        var rerun = index.IndexFiles([folder["corpus"]]);
        Assert.Equal(300, rerun.Added + rerun.Unchanged);
        Assert.Equal(300, index.GetStats().Articles);
    }

    private static IEnumerable<Article> Articles(int from, int count) =>
        Enumerable.Range(from, count).Select(n => Article.Create("f" + n.ToString(CultureInfo.InvariantCulture), $"Filed report {n}", null, [$"Paragraph {n} about the river bridge and the council budget."]));
}

/// <summary>A commit never splits one file's articles, so an interrupted run's re-run finds nothing "unchanged" that is incomplete.</summary>
public class FileAtomicityTests
{
    [Fact]
    public void IndexFiles_InterruptedAtAnyByte_ShouldLeaveEveryFileWholeOrAbsentSoTheRerunCompletes()
    {
        using var folder = new TempFolder("atomic");
        for (int f = 0; f < 3; f++)
        {
            folder.Write(
                $"corpus/feed{f}.jsonl",
                string.Join('\n', Enumerable.Range(0, 10).Select(i => $"{{\"id\":\"f{f}-{i}\",\"title\":\"Item {i} of feed {f}\",\"text\":\"Body of item {i} in feed {f}.\"}}")));
        }

        for (long budget = 500; budget < 60_000; budget = budget * 3 / 2)
        {
            var path = folder[$"index-{budget}"];
            System.IO.Directory.CreateDirectory(path);
            var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(path), new ExclusiveFileLockFactory()));
            using var index = SearchIndex.OpenDirectory(disk, location: path);
            disk.FailAfterBytes = budget;
            try
            {
                index.IndexFiles([folder["corpus"]], new IndexingOptions { CommitEveryArticles = 1, Threads = 1 });
            }
            catch (SearchKitException)
            {
                // The disk filled up part-way: the index is at its last commit.
            }

            disk.FailAfterBytes = null;
            index.IndexFiles([folder["corpus"]]);

            Assert.True(30 == index.GetStats().Articles, $"with {budget} bytes free: {index.GetStats().Articles} of 30 articles after the re-run");
        }
    }
}
