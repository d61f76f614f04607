using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>One writer per index folder, across processes; the lock goes with its holder.</summary>
public class WriteLockTests
{
    private static readonly Article Sample = Article.Create("a", "A title", null, ["Some text."]);

    [Fact]
    public void SecondWriter_WhileFirstHoldsTheLock_ShouldGetLocked()
    {
        using var folder = new TempFolder("lock");
        using var first = SearchIndex.Open(folder.Path);
        first.Upsert(Sample);
        using var second = SearchIndex.Open(folder.Path);

        var e = Assert.Throws<SearchKitIndexException>(() => second.Upsert(Sample with { Id = "b" }));

        Assert.Equal(IndexProblem.Locked, e.Problem);
        Assert.Contains("locked by another writer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ShouldReleaseTheLockForTheNextWriter()
    {
        using var folder = new TempFolder("lock-release");
        var first = SearchIndex.Open(folder.Path);
        first.Upsert(Sample);
        first.Commit();
        first.Dispose();

        using var second = SearchIndex.Open(folder.Path);
        second.Upsert(Sample with { Id = "b" });
        second.Commit();

        Assert.Equal(2, second.GetStats().Articles);
    }

    /// <summary>
    /// What another process sees: flock and Windows share modes are per open file, so a second handle in this
    /// process is refused exactly as another process would be. Lucene.Net's NativeFSLockFactory fails this on
    /// Linux: it holds the file with a shared lock, so a second writer process gets "the" lock too.
    /// </summary>
    [Fact]
    public void WriteLock_ShouldBeExclusiveAtTheOperatingSystemLevel()
    {
        using var folder = new TempFolder("lock-os");
        var lockFile = folder["write.lock"];
        using (var index = SearchIndex.Open(folder.Path))
        {
            index.Upsert(Sample);

            Assert.True(File.Exists(lockFile));
            Assert.ThrowsAny<IOException>(() => new FileStream(lockFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite));
        }

        // Released with the index: the next holder gets it.
        using var probe = new FileStream(lockFile, FileMode.Open, FileAccess.Write, FileShare.None);
    }

    [Fact]
    public void ReadOnlyIndex_ShouldSearchWhileAWriterHoldsTheLock()
    {
        using var folder = new TempFolder("lock-ro");
        using var writer = SearchIndex.Open(folder.Path);
        writer.Upsert(Sample);
        writer.Commit();
        writer.Upsert(Sample with { Id = "b" }); // keeps the writer (and its lock) busy

        using var reader = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });

        Assert.Single(reader.Search("text").Hits);
        Assert.Throws<InvalidOperationException>(() => reader.Upsert(Sample));
    }
}
