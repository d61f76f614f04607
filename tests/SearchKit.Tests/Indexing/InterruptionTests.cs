using System.Globalization;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>Long runs commit as they go; a cancelled run commits what it indexed; a failed run loses at most one window.</summary>
public class InterruptionTests
{
    [Fact]
    public void Add_Cancelled_ShouldCommitWhatWasIndexedAndSaySo()
    {
        using var folder = new TempFolder("cancel");
        using var cts = new CancellationTokenSource();
        IndexingReport report;
        using (var index = SearchIndex.Open(folder.Path))
        {
            report = index.Add(Source(10_000, onYield: n => { if (n == 150) cts.Cancel(); }), new IndexingOptions { Threads = 2, CommitEveryArticles = 1_000_000, CommitInterval = TimeSpan.FromHours(1) }, cancellation: cts.Token);
        }

        Assert.True(report.Cancelled);
        Assert.InRange(report.Added, 1, 9_999);

        // Reopened from disk: exactly what the report says was indexed is there, and nothing more.
        using var reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(report.Added, reopened.GetStats().Articles);
    }

    [Fact]
    public void Add_SourceFailingMidRun_ShouldKeepEveryCommittedWindow()
    {
        using var folder = new TempFolder("window");
        using (var index = SearchIndex.Open(folder.Path))
        {
            var e = Assert.ThrowsAny<SearchKitException>(() => index.Add(
                Source(10_000, onYield: n => { if (n == 260) throw new InvalidOperationException("the feed broke"); }),
                new IndexingOptions { Threads = 1, CommitEveryArticles = 50, CommitInterval = TimeSpan.FromHours(1) }));
            Assert.Contains("the feed broke", e.Message, StringComparison.Ordinal);
            Assert.Contains("stays at its last commit", e.Message, StringComparison.Ordinal);
        }

        using var reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        long kept = reopened.GetStats().Articles;

        // Commits came every 50 articles, so the interruption lost less than one window of what was read.
        Assert.InRange(kept, 50, 259);
        Assert.Equal(0, kept % 50);
    }

    [Fact]
    public void Add_CommitInterval_ShouldCommitOnTimeEvenWithFewArticles()
    {
        using var folder = new TempFolder("interval");
        using (var index = SearchIndex.Open(folder.Path))
        {
            Assert.ThrowsAny<SearchKitException>(() => index.Add(
                Source(1_000, onYield: n =>
                {
                    Thread.Sleep(2);
                    if (n == 20)
                    {
                        throw new InvalidOperationException("stop");
                    }
                }),
                new IndexingOptions { Threads = 1, CommitEveryArticles = int.MaxValue, CommitInterval = TimeSpan.FromMilliseconds(1) }));
        }

        using var reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.True(reopened.GetStats().Articles > 0, "time-based commits should have kept some articles");
    }

    [Fact]
    public void Add_AfterAnInterruptedRun_ShouldCompleteWithoutDuplicates()
    {
        using var folder = new TempFolder("resume");
        using var cts = new CancellationTokenSource();
        using var index = SearchIndex.Open(folder.Path);
        var options = new IndexingOptions { CommitEveryArticles = 30 };
        index.Add(Source(500, onYield: n => { if (n == 100) cts.Cancel(); }), options, cancellation: cts.Token);

        var rerun = index.Add(Source(500), options);

        Assert.Equal(500, index.GetStats().Articles);
        Assert.Equal(500, rerun.Indexed);
        Assert.False(rerun.Cancelled);
    }

    private static IEnumerable<Article> Source(int count, Action<int>? onYield = null)
    {
        for (int n = 1; n <= count; n++)
        {
            onYield?.Invoke(n);
            yield return Article.Create("s" + n.ToString(CultureInfo.InvariantCulture), $"Dispatch {n}", null, [$"Paragraph of dispatch {n} about the harbour."]);
        }
    }
}
