using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>What a commit records about the index: what opening reads back, and nothing that nothing reads.</summary>
public sealed class CommitDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Commit_ShouldRecordTheAnalyzerAndTimeOnly()
    {
        var path = _folder["index"];
        using (var index = SearchIndex.Open(path))
        {
            index.Upsert(TestArticles.Make("a", "alpha"));
            index.Commit();
        }

        using var directory = FSDirectory.Open(path);
        var infos = new SegmentInfos();
        infos.Read(directory);

        // The analyzer is checked on open and the time is reported by stats; a format version nothing checks is not written.
        Assert.Equal(["searchkit.analyzer", "searchkit.committed"], infos.UserData.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("english", infos.UserData["searchkit.analyzer"]);
    }
}
