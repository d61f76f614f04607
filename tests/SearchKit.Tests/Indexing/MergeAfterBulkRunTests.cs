using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

public class MergeAfterBulkRunTests
{
    // One thread and a commit every 20 articles: each window flushes one segment, five in all, which stays
    // under the merge policy's ten per tier, so only the merge after the run can bring them down.
    private static readonly IndexingOptions FiveWindows = new() { Threads = 1, CommitEveryArticles = 20 };

    private static List<Article> Articles(int count, string word = "harbour") => [.. Enumerable.Range(0, count)
        .Select(i => Article.Create($"a{i}", $"title {i}", null, [$"{word} paragraph {i}", $"second paragraph {i}"]))];

    [Fact]
    public void Add_ShouldMergeTheIndexIntoOneSegmentAfterAFirstBuild()
    {
        using var index = SearchIndex.CreateInMemory();

        var report = index.Add(Articles(100), FiveWindows);

        Assert.Equal(1, index.GetStats().Segments);
        Assert.True(report.MergeElapsed > TimeSpan.Zero);
        Assert.True(report.Elapsed >= report.MergeElapsed);
        Assert.False(report.Cancelled);
        Assert.Equal(100, index.Search("harbour", new() { Top = 1000 }).Total);
    }

    [Fact]
    public void Add_ShouldLeaveTheSegmentsWhenMergingIsOff()
    {
        using var index = SearchIndex.CreateInMemory();

        var report = index.Add(Articles(100), FiveWindows with { MergeAfterBulkRun = null });

        Assert.Equal(5, index.GetStats().Segments);
        Assert.Equal(TimeSpan.Zero, report.MergeElapsed);
    }

    [Fact]
    public void Add_ShouldNotMergeAfterASmallRunOnALargerIndex()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add(Articles(100), FiveWindows with { MergeAfterBulkRun = null });

        // Ten changed articles of a hundred: merging the whole index for them would rewrite it all.
        var report = index.Add(Articles(10, "quay"), FiveWindows);

        Assert.Equal(TimeSpan.Zero, report.MergeElapsed);
        Assert.True(index.GetStats().Segments > 1);
        Assert.Equal(10, index.Search("quay").Total);
    }

    [Fact]
    public void Add_ShouldMergeDownToTheSegmentsAsked()
    {
        using var index = SearchIndex.CreateInMemory();

        index.Add(Articles(100), FiveWindows with { MergeAfterBulkRun = 2 });

        Assert.Equal(2, index.GetStats().Segments);
    }

    [Fact]
    public void Add_ShouldStopTheMergeOnCancellationAndKeepEveryCommittedArticle()
    {
        var logs = new ListLoggerFactory();
        using var cancel = new CancellationTokenSource();

        // Cancel at the moment the merge is announced: the run itself is done and committed by then.
        logs.OnMessage = message =>
        {
            if (message.StartsWith("Merging", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        };
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { LoggerFactory = logs });

        var report = index.Add(Articles(100), FiveWindows, cancellation: cancel.Token);

        Assert.True(report.Cancelled);
        Assert.Equal(100, report.Indexed);
        Assert.Equal(5, index.GetStats().Segments);
        Assert.Equal(100, index.Search("harbour", new() { Top = 1000 }).Total);

        // The index stays writable: the next write opens a new writer.
        index.Upsert(Article.Create("late", "late", null, ["harbour again"]));
        index.Commit();
        Assert.Equal(101, index.Search("harbour", new() { Top = 1000 }).Total);
    }

    [Fact]
    public void IndexingOptions_ShouldRejectAMergeTargetBelowOne()
    {
        using var index = SearchIndex.CreateInMemory();

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Add(Articles(1), new IndexingOptions { MergeAfterBulkRun = 0 }));
    }
}
