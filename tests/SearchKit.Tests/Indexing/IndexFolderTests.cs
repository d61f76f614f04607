using Lucene.Net.Store;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// What the index path may be: a folder that holds an index or nothing. A file, a device, a special folder or
/// a folder of someone's documents gets its own clear answer, and SearchKit writes nothing into it.
/// </summary>
public class IndexFolderTests
{
    private static readonly Article Sample = Article.Create("a", "A title", null, ["Some text."]);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Open_OnAFolderOfDocuments_ShouldBeNotAnIndexAndWriteNothing(bool readOnly, bool recreate)
    {
        using var folder = new TempFolder("docs");
        folder.Write("notes.txt", "My notes.");
        folder.Write("drafts/chapter.txt", "A chapter.");
        var before = Listing(folder.Path);

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = readOnly, Recreate = recreate }).Dispose());

        Assert.Equal(IndexProblem.NotAnIndex, e.Problem);
        Assert.Contains("not an index", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Listing(folder.Path));
    }

    /// <summary>
    /// '_draft.txt' looks like a Lucene file name to Lucene itself (whose writer deletes such files when no commit
    /// needs them): it was taken for a damaged index. It is someone's file, and must survive.
    /// </summary>
    [Fact]
    public void Open_OnAFolderWithAnUnderscoreFile_ShouldBeNotAnIndexNotDamaged()
    {
        using var folder = new TempFolder("draft");
        var draft = folder.Write("_draft.txt", "Keep me.");

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path).Dispose());

        Assert.Equal(IndexProblem.NotAnIndex, e.Problem);
        Assert.Contains("'_draft.txt'", e.Message, StringComparison.Ordinal);
        Assert.Equal("Keep me.", File.ReadAllText(draft));
        Assert.False(File.Exists(folder["write.lock"]));
    }

    [Fact]
    public void Open_OnAFolderWithOnlyDotFiles_ShouldCreateTheIndex()
    {
        using var folder = new TempFolder("dotfiles");
        folder.Write(".gitkeep", "");

        using var index = SearchIndex.Open(folder.Path);
        index.Upsert(Sample);
        index.Commit();

        Assert.Equal(1, index.GetStats().Articles);
    }

    [Fact]
    public void Check_OnAFolderOfDocuments_ShouldBeNotAnIndex_AndRepairShouldWriteNothing()
    {
        using var folder = new TempFolder("check-docs");
        folder.Write("report.txt", "A report.");
        folder.Write("_draft.txt", "A draft.");
        var before = Listing(folder.Path);

        var check = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Check(folder.Path));
        var repair = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Check(folder.Path, repair: true));

        Assert.Equal(IndexProblem.NotAnIndex, check.Problem);
        Assert.Equal(IndexProblem.NotAnIndex, repair.Problem);
        Assert.Equal(before, Listing(folder.Path)); // no write.lock left behind
    }

    [Fact]
    public void Check_OnAnEmptyFolder_ShouldBeMissingAndWriteNothing()
    {
        using var folder = new TempFolder("check-empty");

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Check(folder.Path, repair: true));

        Assert.Equal(IndexProblem.Missing, e.Problem);
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Check_AfterTheCommitPointIsLost_ShouldSayItCannotBeRepaired()
    {
        using var folder = new TempFolder("check-nocommit");
        DamagedIndexTests.Build(folder.Path);
        DamagedIndexTests.Apply(folder.Path, DamagedIndexTests.Damage.DeleteAllCommitFiles);

        var report = SearchIndex.Check(folder.Path);
        var open = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path).Dispose());

        Assert.False(report.Healthy);
        Assert.False(report.Repairable);
        Assert.Equal(IndexProblem.Damaged, open.Problem);
    }

    [Fact]
    public void Check_OfAMergedIndexWithDamage_ShouldSayTheRepairLosesEveryArticle()
    {
        using var folder = new TempFolder("check-merged");
        DamagedIndexTests.Build(folder.Path);
        using (var index = SearchIndex.Open(folder.Path))
        {
            index.Optimize();
        }

        // One segment now, not a compound file: cut its largest file in half.
        var largest = new DirectoryInfo(folder.Path).GetFiles().Where(f => IndexFolder.IsIndexFile(f.Name) && !f.Name.StartsWith("segments", StringComparison.Ordinal)).MaxBy(f => f.Length)!;
        using (var stream = largest.Open(FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length / 2);
        }

        var report = SearchIndex.Check(folder.Path);

        Assert.True(report.Repairable);
        Assert.Equal(report.Articles, report.ArticlesLost);
        Assert.Contains(report.Problems, p => p.Contains("hold every article of the index: repairing leaves it empty (re-index the sources", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_OnARegularFile_ShouldBeNotAnIndex()
    {
        using var folder = new TempFolder("file");
        var file = folder.Write("index", "not a folder");

        foreach (var options in new[] { SearchIndexOptions.Default, new SearchIndexOptions { ReadOnly = true } })
        {
            var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(file, options).Dispose());
            Assert.Equal(IndexProblem.NotAnIndex, e.Problem);
            Assert.Contains("it is a file, not a folder", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(IndexProblem.NotAnIndex, Assert.Throws<SearchKitIndexException>(() => SearchIndex.Check(file)).Problem);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Open_UnderARegularFile_ShouldBeUnwritableNotAnIOException()
    {
        using var folder = new TempFolder("under-file");
        var file = folder.Write("plain", "x");

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(Path.Combine(file, "index")).Dispose());

        Assert.Equal(IndexProblem.Unwritable, e.Problem);
        Assert.Contains("cannot create the index folder", e.Message, StringComparison.Ordinal);
    }

    [PosixFact]
    public void Open_OnADevice_ShouldBeNotAnIndex()
    {
        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open("/dev/null").Dispose());

        Assert.Equal(IndexProblem.NotAnIndex, e.Problem);
    }

    [LinuxFact]
    public void Open_UnderProc_ShouldBeAClearIndexError()
    {
        // A special folder full of other entries; a path that cannot be created there; a read of one.
        Assert.Equal(IndexProblem.NotAnIndex, Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open("/proc/self").Dispose()).Problem);
        Assert.Equal(IndexProblem.Unwritable, Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open("/proc/searchkit-no-such/index").Dispose()).Problem);
        Assert.Equal(IndexProblem.Missing, Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open("/proc/searchkit-no-such", new SearchIndexOptions { ReadOnly = true }).Dispose()).Problem);
        Assert.Equal(IndexProblem.NotAnIndex, Assert.Throws<SearchKitIndexException>(() => SearchIndex.Check("/proc/self")).Problem);
    }

    /// <summary>
    /// Lock failures that are not another writer, injected at the one place the lock file is opened (the tests
    /// run as root in CI, where permissions are ignored): each gets its own message, and only a lock held
    /// elsewhere is "locked". The HResults are what .NET on Linux reports: the errno.
    /// </summary>
    [Theory]
    [InlineData("erofs", IndexProblem.Unwritable, "read-only file system")]
    [InlineData("enospc", IndexProblem.Unwritable, "the disk is full")]
    [InlineData("eacces", IndexProblem.Unwritable, "permission denied")]
    [InlineData("eio", IndexProblem.Unwritable, "Input/output error")]
    [InlineData("held", IndexProblem.Locked, "locked by another writer")]
    public void LockFailure_ShouldSayWhatWentWrong(string failure, IndexProblem problem, string message)
    {
        Func<string, FileStream> open = failure switch
        {
            "erofs" => path => throw new IOException($"Read-only file system : '{path}'", OperatingSystem.IsWindows() ? unchecked((int)0x80070013) : 30),
            "enospc" => path => throw new IOException($"No space left on device : '{path}'", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28),
            "eacces" => path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
            "eio" => path => throw new IOException($"Input/output error : '{path}'", 5),
            _ => path => throw new IOException($"The process cannot access the file '{path}' because it is being used by another process.", OperatingSystem.IsWindows() ? unchecked((int)0x80070020) : 11),
        };
        using var folder = new TempFolder("lock-fault");

        var e = Assert.Throws<SearchKitIndexException>(() =>
        {
            var directory = new NIOFSDirectory(new DirectoryInfo(folder.Path), new ExclusiveFileLockFactory(open: open));
            using var index = SearchIndex.OpenDirectory(directory, location: folder.Path);
        });

        Assert.Equal(problem, e.Problem);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(folder.Path, e.Message, StringComparison.Ordinal);
    }

    /// <summary>The real lock held by another open index, through the real file system: still "locked".</summary>
    [Fact]
    public void LockHeldByAnotherIndex_ShouldStillBeLocked()
    {
        using var folder = new TempFolder("lock-real");
        using var first = SearchIndex.Open(folder.Path);
        first.Upsert(Sample);
        using var second = SearchIndex.Open(folder.Path);

        var e = Assert.Throws<SearchKitIndexException>(() => second.Upsert(Sample));

        Assert.Equal(IndexProblem.Locked, e.Problem);
        Assert.IsType<IOException>(e.InnerException);
    }

    private static string[] Listing(string path) =>
        [.. System.IO.Directory.GetFileSystemEntries(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
