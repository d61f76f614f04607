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
    public void Commit_ShouldRecordTheAnalyzerTimeFormatAndFieldsOnly()
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

        // The analyzer and the format are checked on open, the fields' kinds loaded, and the time is reported by stats.
        Assert.Equal(["searchkit.analyzer", "searchkit.committed", "searchkit.fields", "searchkit.format"], infos.UserData.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("english", infos.UserData["searchkit.analyzer"]);
        Assert.Equal("2", infos.UserData["searchkit.format"]);
        Assert.Equal("{}", infos.UserData["searchkit.fields"]);
    }
}
