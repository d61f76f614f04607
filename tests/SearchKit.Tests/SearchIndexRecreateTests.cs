using SearchKit.Tests.Fakes;

namespace SearchKit.Tests;

public sealed class SearchIndexRecreateTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "searchkit-recreate-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    [Fact]
    public void Open_WithRecreate_ShouldReplaceTheOldIndexAtTheFirstCommitWithTheNewAnalyzer()
    {
        using (var index = SearchIndex.Open(_path))
        {
            index.Add([TestArticles.Harbour, TestArticles.Orchard]);
        }

        using (var index = SearchIndex.Open(_path, new SearchIndexOptions { Recreate = true, AnalyzerName = "standard" }))
        {
            Assert.Equal("standard", index.AnalyzerName);
            index.Upsert(TestArticles.Orchard);

            // Until the rebuild commits, this instance and every other reader still see the old index whole.
            Assert.Equal(2, index.GetStats().Articles);
            using (var other = SearchIndex.Open(_path, new SearchIndexOptions { ReadOnly = true }))
            {
                Assert.Equal(2, other.GetStats().Articles);
            }

            index.Commit();
            Assert.Equal(1, index.GetStats().Articles);
        }

        using var reopened = SearchIndex.Open(_path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal("standard", reopened.GetStats().Analyzer);
        Assert.Equal(1, reopened.GetStats().Articles);
    }

    [Fact]
    public void Open_WithRecreateDisposedBeforeACommit_ShouldLeaveTheOldIndex()
    {
        using (var index = SearchIndex.Open(_path))
        {
            index.Add([TestArticles.Harbour, TestArticles.Orchard]);
        }

        using (var index = SearchIndex.Open(_path, new SearchIndexOptions { Recreate = true }))
        {
            index.Upsert(TestArticles.Orchard);
        }

        using var reopened = SearchIndex.Open(_path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(2, reopened.GetStats().Articles);
    }

    [Fact]
    public void Open_WithRecreateWhileAnotherWriterHoldsTheLock_ShouldThrowLocked()
    {
        using var writer = SearchIndex.Open(_path);
        writer.Upsert(TestArticles.Harbour); // takes the write lock

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(_path, new SearchIndexOptions { Recreate = true }));

        Assert.Equal(IndexProblem.Locked, e.Problem);
    }

    [Fact]
    public void Open_WithRecreateAndReadOnly_ShouldBeRejected()
    {
        Assert.Throws<ArgumentException>(() => SearchIndex.Open(_path, new SearchIndexOptions { Recreate = true, ReadOnly = true }));
    }
}
