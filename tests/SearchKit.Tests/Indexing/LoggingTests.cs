using Microsoft.Extensions.Logging;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

public sealed class LoggingTests
{
    [Fact]
    public void IndexFiles_ShouldLogTheRunEachFailedArticleAndCommits()
    {
        using var folder = new TempFolder();
        folder.Write("good.txt", "A good title\n\nA paragraph about herons.\n");
        folder.WriteBytes("bad.txt", [0xFF, 0xFE, 0x00, 0x01, 0x02]);
        var logs = new ListLoggerFactory();
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { LoggerFactory = logs });

        var report = index.IndexFiles([folder.Path]);

        Assert.Single(report.Failures);
        Assert.Contains(logs.Messages(LogLevel.Information), m => m.Contains("started", StringComparison.Ordinal));
        Assert.Contains(logs.Messages(LogLevel.Information), m => m.Contains("1 added", StringComparison.Ordinal) && m.Contains("1 failed", StringComparison.Ordinal));
        var warning = Assert.Single(logs.Messages(LogLevel.Warning));
        Assert.Contains("bad.txt", warning, StringComparison.Ordinal);
        Assert.Contains(logs.Messages(LogLevel.Debug), m => m.StartsWith("Committed", StringComparison.Ordinal));
        Assert.All(logs.Entries, e => Assert.StartsWith("SearchKit.", e.Category, StringComparison.Ordinal));
    }

    [Fact]
    public void Optimize_ShouldLogTheMergeAtDebugLevel()
    {
        var logs = new ListLoggerFactory();
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { LoggerFactory = logs });
        for (int i = 0; i < 3; i++)
        {
            index.Upsert(TestArticles.Make("a" + i, "paragraph " + i));
            index.Commit();
        }

        index.Optimize();

        var debug = logs.Messages(LogLevel.Debug);
        Assert.Contains(debug, m => m.StartsWith("Merging", StringComparison.Ordinal));
        Assert.Contains(debug, m => m.StartsWith("Lucene ", StringComparison.Ordinal) && m.Contains("merge", StringComparison.Ordinal));
    }

    [Fact]
    public void Index_WithoutLoggerFactory_ShouldWorkSilently()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(TestArticles.Harbour);
        index.Commit();
        Assert.Equal(1, index.Search("harbour").Total);
    }
}
