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

        // What a whole run writes, measured: every budget below it fills the disk part-way through the run.
        long whole;
        System.IO.Directory.CreateDirectory(folder["measure"]);
        var measure = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(folder["measure"]), new ExclusiveFileLockFactory()));
        using (var index = SearchIndex.OpenDirectory(measure, location: folder["measure"]))
        {
            measure.FailAfterBytes = 1L << 50;
            index.IndexFiles([folder["corpus"]], new IndexingOptions { CommitEveryArticles = 1, Threads = 1 });
            whole = (1L << 50) - measure.FailAfterBytes!.Value;
        }

        for (long budget = 500; budget < whole * 9 / 10; budget = budget * 3 / 2)
        {
            var path = folder[$"index-{budget}"];
            System.IO.Directory.CreateDirectory(path);
            var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(path), new ExclusiveFileLockFactory()));
            using var index = SearchIndex.OpenDirectory(disk, location: path);
            disk.FailAfterBytes = budget;

            // The disk fills up part-way: the index is at its last commit.
            var e = Assert.ThrowsAny<SearchKitException>(() => index.IndexFiles([folder["corpus"]], new IndexingOptions { CommitEveryArticles = 1, Threads = 1 }));
            Assert.True(e.Message.Contains("No space left on device", StringComparison.Ordinal) && disk.Failures > 0, e.Message);

            disk.FailAfterBytes = null;
            index.IndexFiles([folder["corpus"]]);

            Assert.True(30 == index.GetStats().Articles, $"with {budget} bytes free: {index.GetStats().Articles} of 30 articles after the re-run");
        }
    }

    /// <summary>
    /// The same guarantee where it can break: several threads write files of many articles while commits come
    /// every few articles, and the disk fills at a different byte each time. Every commit left behind must hold
    /// each file wholly at its old content or wholly at its new one. With the run's file gate removed (commits
    /// no longer wait for a file's last article) this fails: a commit lands mid-file.
    /// </summary>
    [Fact]
    public void IndexFiles_ChangedFilesOnSeveralThreadsInterruptedByAFullDisk_ShouldCommitEachFileWholeOrNotAtAll()
    {
        const int files = 16;
        const int oldArticles = 16;
        const int newArticles = 12;
        using var folder = new TempFolder("atomic-threads");
        WriteFeeds(folder, files, oldArticles, "old");
        var template = folder["template"];
        using (var index = SearchIndex.Open(template))
        {
            index.IndexFiles([folder["corpus"]]);
        }

        var oldHash = IndexAudit.ReadSources(template).GroupBy(d => d.Path!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Hash!).Distinct().Single(), StringComparer.Ordinal);
        Assert.Equal(files, oldHash.Count);

        // The new content: fewer articles, and ids 0-9 of each feed gone, so only the delete by path removes them.
        WriteFeeds(folder, files, newArticles, "new", firstId: oldArticles - newArticles);
        var newHash = oldHash.Keys.ToDictionary(p => p, ArticleFiles.HashFile, StringComparer.Ordinal);

        int interrupted = 0;
        int progressed = 0;
        // A whole run writes 130-180 KB (merges vary), its first commit about 15 KB: every budget here should fill
        // the disk before the run ends, most of them after one of its commits.
        for (long budget = 8_000; budget < 110_000; budget = budget * 4 / 3)
        {
            var path = folder[$"index-{budget}"];
            System.IO.Directory.CreateDirectory(path);
            foreach (var file in System.IO.Directory.GetFiles(template).Where(f => System.IO.Path.GetFileName(f) != "write.lock"))
            {
                File.Copy(file, System.IO.Path.Combine(path, System.IO.Path.GetFileName(file)));
            }

            var disk = new FailingDirectory(new NIOFSDirectory(new DirectoryInfo(path), new ExclusiveFileLockFactory()));
            using var index = SearchIndex.OpenDirectory(disk, location: path);
            disk.FailAfterBytes = budget;
            try
            {
                index.IndexFiles([folder["corpus"]], new IndexingOptions { CommitEveryArticles = 3, Threads = 4 });

                // Merges vary what a run writes: a run that needed less than the budget must have had no refused write.
                Assert.True(disk.Failures == 0, $"with {budget} bytes free a write was refused, yet the run reported success");
            }
            catch (SearchKitException e)
            {
                // The disk really filled during this run (not some other failure).
                Assert.True(e.Message.Contains("No space left on device", StringComparison.Ordinal) && disk.Failures > 0, e.Message);
                interrupted++;
            }

            // What the last successful commit holds, read from the folder with Lucene.
            int atNew = 0;
            foreach (var group in IndexAudit.ReadSources(path).GroupBy(d => d.Path!, StringComparer.Ordinal))
            {
                var hashes = group.Select(d => d.Hash).Distinct().ToList();
                int count = group.Count();
                bool whole = hashes.Count == 1 && ((hashes[0] == oldHash[group.Key] && count == oldArticles) || (hashes[0] == newHash[group.Key] && count == newArticles));
                Assert.True(whole, $"with {budget} bytes free, {System.IO.Path.GetFileName(group.Key)} was committed split: {count} articles, {hashes.Count} hashes ({(hashes[0] == newHash[group.Key] ? "new" : "old")} content)");
                atNew += hashes[0] == newHash[group.Key] ? 1 : 0;
            }

            Assert.True(IndexAudit.ReadSources(path).Select(d => d.Path).Distinct().Count() == files, $"with {budget} bytes free a file's articles were committed deleted and not replaced");
            progressed += atNew > 0 ? 1 : 0;

            // The re-run completes from there: every file at its new content, nothing old left.
            disk.FailAfterBytes = null;
            var rerun = index.IndexFiles([folder["corpus"]]);
            Assert.Equal(files * newArticles, index.GetStats().Articles);
            Assert.Equal(0, index.Search("old").Total);
            Assert.Equal(files * newArticles, rerun.Added + rerun.Updated + rerun.Unchanged);
        }

        // The disk filled in most runs, and some of them after commits of this run (where a split would show),
        // not only before its first.
        Assert.True(interrupted >= 7, $"the disk filled in only {interrupted} of 10 runs");
        Assert.True(progressed >= 1, $"none of {interrupted} interrupted runs had committed any new file content first");
    }

    private static void WriteFeeds(TempFolder folder, int files, int articles, string version, int firstId = 0)
    {
        for (int f = 0; f < files; f++)
        {
            folder.Write(
                $"corpus/feed{f}.jsonl",
                string.Join('\n', Enumerable.Range(firstId, articles).Select(i => $"{{\"id\":\"f{f}-{i}\",\"title\":\"Item {i} of feed {f}\",\"text\":\"The {version} body of item {i} in feed {f}, long enough to take a while to analyse.\"}}")));
        }
    }
}
