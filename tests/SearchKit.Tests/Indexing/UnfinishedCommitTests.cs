using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// What a process killed inside a commit leaves: Lucene 4.8 writes the new <c>segments_N</c> in place and adds its
/// checksum footer last, so the folder holds an unfinished commit point next to the previous, whole one.
/// That is the index at its last commit, not a damaged index. (The child-process version is <c>HostProcessTests</c>.)
/// </summary>
public class UnfinishedCommitTests
{
    [Fact]
    public void Open_WithAnUnfinishedNewestCommitPoint_ShouldOpenAtTheLastWholeCommitAndKeepWriting()
    {
        using var folder = new TempFolder("unfinished-commit");
        using (var index = SearchIndex.Open(folder.Path))
        {
            index.Upsert(Article.Create("a", "First", null, ["Kept text."]));
            index.Commit();
        }

        LeaveUnfinishedCommit(folder.Path);

        using (var reopened = SearchIndex.Open(folder.Path))
        {
            Assert.Equal(1, reopened.GetStats().Articles);
            Assert.NotNull(reopened.Get("a"));
            reopened.Upsert(Article.Create("b", "Second", null, ["More text."]));
            reopened.Commit();
        }

        Assert.True(SearchIndex.Check(folder.Path).Healthy);
        using var last = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(2, last.GetStats().Articles);
    }

    [Fact]
    public void Open_WithOnlyAnUnfinishedCommitPoint_ShouldStillBeDamaged()
    {
        using var folder = new TempFolder("unfinished-only");
        using (var index = SearchIndex.Open(folder.Path))
        {
            index.Upsert(Article.Create("a", "First", null, ["Kept text."]));
            index.Commit();
        }

        var commit = LeaveUnfinishedCommit(folder.Path);
        File.Delete(commit); // the whole one goes: nothing to fall back to

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path).Dispose());
        Assert.Equal(IndexProblem.Damaged, e.Problem);
    }

    /// <summary>Writes segments_(N+1) as the newest commit point without its 16-byte checksum footer; returns segments_N.</summary>
    private static string LeaveUnfinishedCommit(string path)
    {
        var commit = Directory.GetFiles(path, "segments_*").Single();
        long generation = Lucene.Net.Index.SegmentInfos.GenerationFromSegmentsFileName(Path.GetFileName(commit));
        var bytes = File.ReadAllBytes(commit);
        var next = Path.Combine(path, Lucene.Net.Index.IndexFileNames.FileNameFromGeneration("segments", string.Empty, generation + 1));
        File.WriteAllBytes(next, bytes[..^16]);
        return commit;
    }
}
