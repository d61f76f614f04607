using System.Globalization;
using SearchKit.Articles;
using SearchKit.Cli;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// "Searches see commits made by another process" (docs/design.md), tested on an index held open across the
/// commits, as a web server holds it: SearchIndex looks for other writers' commits at most every 50 ms, so once
/// that bound has passed after a commit, the next search must see it. (Opening a fresh index after the commit
/// would prove nothing: it always reads the newest commit.)
/// </summary>
public class ExternalCommitVisibilityTests
{
    /// <summary>SearchIndex's refresh throttle (a private constant, 50 ms), plus a margin for the sleep's granularity.</summary>
    private static readonly TimeSpan RefreshBound = TimeSpan.FromMilliseconds(50 + 20);

    [Fact]
    public void HeldOpenIndex_ShouldSeeEachCommitOfAnotherInstanceOnceTheRefreshBoundPassed()
    {
        using var folder = new TempFolder("visibility");
        // The writer: another instance on the same folder (in this process, so the two share only the folder).
        // Creating the index made it the holder of the write lock, so the held index is a read-only one, as a
        // search server beside an indexing process would be.
        using var writer = SearchIndex.Open(folder.Path);
        using var held = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(0, held.Search("harbour").Total);

        for (int round = 1; round <= 4; round++)
        {
            writer.Upsert(Article.Create(Id(round), $"Harbour report {round}", null, [$"Round {round} of the harbour story."]));
            if (round == 3)
            {
                writer.Delete(Id(1));
            }

            int committedBefore = round == 1 ? 0 : round - 1 - (round > 3 ? 1 : 0);
            Thread.Sleep(RefreshBound);
            Assert.True(held.Search("harbour").Total == committedBefore, $"round {round}: a write not yet committed must not be seen");

            writer.Commit();
            Thread.Sleep(RefreshBound);

            int expected = round - (round >= 3 ? 1 : 0);
            Assert.True(held.Search("harbour").Total == expected, $"round {round}: the held index should see the commit after {RefreshBound.TotalMilliseconds} ms");
            Assert.Equal(expected, held.GetStats().Articles);
            Assert.NotNull(held.Get(Id(round)));
            Assert.Equal(round < 3, held.Get(Id(1)) is not null);
        }
    }

    /// <summary>The same for commits of the real host in another process: each run adds, changes or removes files.</summary>
    [Fact]
    public void HeldOpenIndex_ShouldSeeEachCommitOfAnotherProcessOnceTheRefreshBoundPassed()
    {
        using var folder = new TempFolder("visibility-process");
        var corpus = folder["corpus"];
        var index = folder["index"];
        GeneratedCorpus.WriteFiles(corpus, 10);
        Run(corpus, index);

        using var held = SearchIndex.Open(index, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(10, held.GetStats().Articles);
        Assert.Equal(0, held.Search("item12").Total);

        // Another process adds five files.
        GeneratedCorpus.WriteFiles(corpus, 15);
        Run(corpus, index);
        Thread.Sleep(RefreshBound);
        Assert.Equal(1, held.Search("item12").Total);
        Assert.Equal(15, held.GetStats().Articles);

        // Another process indexes a changed file: its new text is found, its old text no longer.
        File.WriteAllText(GeneratedCorpus.FilePath(corpus, 3), "Report 3 changed\n\nNow about quokkas on the ferry.\n");
        Run(corpus, index);
        Thread.Sleep(RefreshBound);
        Assert.Equal(1, held.Search("quokkas").Total);
        Assert.Equal(0, held.Search("item3").Total);

        // Another process removes the article of a deleted file.
        File.Delete(GeneratedCorpus.FilePath(corpus, 12));
        Run(corpus, index);
        Thread.Sleep(RefreshBound);
        Assert.Equal(0, held.Search("item12").Total);
        Assert.Equal(14, held.GetStats().Articles);
    }

    private static void Run(string corpus, string index)
    {
        using var run = HostProcess.Start("index", corpus, "--index", index);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)) == ExitCodes.Success, run.ToString());
    }

    private static string Id(int n) => "r" + n.ToString(CultureInfo.InvariantCulture);
}
