using SearchKit.Cli;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Cli;

/// <summary>
/// <c>searchkit index --rebuild</c> as a real child process, killed with SIGKILL half-way: the old index must
/// survive whole (it used to be replaced by an empty commit before the rebuild began), and another process
/// searching meanwhile sees it. POSIX signals: Linux and macOS.
/// </summary>
public class RebuildProcessTests(KillTestCorpus corpus) : IClassFixture<KillTestCorpus>
{
    private const int OldFiles = 40;

    [Fact]
    public void Rebuild_KilledHalfWay_ShouldLeaveTheOldIndexWhole()
    {
        using var folder = new TempFolder("rebuild-kill");
        var old = folder.Combine("old");
        GeneratedCorpus.WriteFiles(old, OldFiles, version: 3);
        var index = folder.Combine("index");
        using (var first = HostProcess.Start("index", old, "--index", index))
        {
            Assert.Equal(ExitCodes.Success, first.WaitForExit(TimeSpan.FromSeconds(60)));
        }

        using var rebuild = HostProcess.Start("index", corpus.Folder, "--index", index, "--rebuild", "--commit-every", "10", "--threads", "1");
        Assert.True(rebuild.WaitUntil(() => rebuild.ErrorLines >= 1, TimeSpan.FromSeconds(30)), $"the rebuild should report progress: {rebuild}");

        // Meanwhile this process (another one than the rebuilding host) searches: the old articles, only those.
        long seen;
        using (var reader = SearchIndex.Open(index, new SearchIndexOptions { ReadOnly = true }))
        {
            seen = reader.GetStats().Articles;
        }

        Assert.False(rebuild.HasExited, $"the rebuild ended before it could be killed: {rebuild}");
        rebuild.Kill();

        Assert.Equal(OldFiles, seen);
        var (_, ids) = IndexAudit.ReadIds(index);
        Assert.Equal(Enumerable.Range(0, OldFiles).Select(GeneratedCorpus.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.True(SearchIndex.Check(index).Healthy);
        using var reopened = SearchIndex.Open(index, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(OldFiles, reopened.Search("revision", new SearchKit.Searching.SearchOptions { Top = 100 }).Total);
    }
}
