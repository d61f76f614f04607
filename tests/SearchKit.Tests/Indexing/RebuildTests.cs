using SearchKit.Articles;
using System.Collections.Concurrent;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// A rebuild (<see cref="SearchIndexOptions.Recreate"/>) replaces the old index only when the new one is
/// complete: it used to commit an empty index first, so searches found nothing and a kill left it empty.
/// </summary>
public class RebuildTests
{
    private const int OldFiles = 30;
    private const int NewFiles = 300;

    /// <summary>Files 0 to 9 are in the old corpus only: after a rebuild over the new one their articles are gone.</summary>
    private const int OnlyInOld = 10;

    [Fact]
    public void Rebuild_ShouldKeepTheOldIndexVisibleUntilItEnds_AndACancelledOneShouldLeaveItIntact()
    {
        using var folder = new TempFolder("rebuild");
        var oldCorpus = folder.Combine("old");
        var newCorpus = folder.Combine("new");
        GeneratedCorpus.WriteFiles(oldCorpus, OldFiles);
        GeneratedCorpus.WriteFiles(newCorpus, NewFiles, version: 1);
        for (int n = 0; n < OnlyInOld; n++)
        {
            File.Delete(GeneratedCorpus.FilePath(newCorpus, n));
        }

        var path = folder.Combine("index");
        using (var first = SearchIndex.Open(path))
        {
            Assert.Equal(OldFiles, first.IndexFiles([oldCorpus]).Added);
        }

        using var reader = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        using var rebuild = SearchIndex.Open(path, new SearchIndexOptions { Recreate = true });

        // Commit windows of one article: were any of them published, the readers would see the new articles.
        var options = new IndexingOptions { CommitEveryArticles = 1, CommitInterval = TimeSpan.FromMilliseconds(1), Threads = 2, MergeAfterBulkRun = null };
        var seen = new ConcurrentBag<(long Reader, long Rebuilder, bool OldOnlyArticle)>();
        using var cancel = new CancellationTokenSource();

        // The articles come from a source that looks at both indexes as it goes and cancels a third of the way in:
        // progress reports are timed (every 100 ms), and a quick machine finishes the run before the first one.
        IEnumerable<Article> Source()
        {
            for (int n = 0; n < NewFiles; n++)
            {
                seen.Add((reader.GetStats().Articles, rebuild.GetStats().Articles, rebuild.Get(GeneratedCorpus.Id(0)) is not null));
                if (n == NewFiles / 3)
                {
                    cancel.Cancel();
                }

                yield return Article.Create($"rebuilt-{n}", $"Rebuilt article {n}", null, [$"Paragraph of rebuilt article {n}."]);
            }
        }

        var cancelledAdd = rebuild.Add(Source(), options, null, cancel.Token);
        Assert.True(cancelledAdd.Cancelled);
        Assert.True(cancelledAdd.Discarded);
        Assert.True(seen.Count > NewFiles / 3);
        Assert.All(seen, s => Assert.Equal((OldFiles, OldFiles, true), s));
        AssertHoldsTheOldIndex(path);

        // The rebuild over the files, to its end: still the old index until then, only the new one after.
        seen.Clear();
        var done = rebuild.IndexFiles([newCorpus], options, new Observer(p =>
        {
            // The last report comes after the run's one commit.
            if (p.FilesDone < p.FilesTotal)
            {
                seen.Add((reader.GetStats().Articles, rebuild.GetStats().Articles, rebuild.Get(GeneratedCorpus.Id(0)) is not null));
            }
        }));

        Assert.False(done.Cancelled);
        Assert.Equal(NewFiles - OnlyInOld, done.Added);
        Assert.Equal(0, done.Unchanged); // a rebuild reads every file, whatever the old index knew of it

        // Progress is reported at intervals: on a loaded machine a whole run can pass between two reports, so this
        // run may observe nothing (the cancelled run above always observes, as it waits for a third of the files).
        Assert.All(seen, s => Assert.Equal((OldFiles, OldFiles, true), s));
        using var after = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(NewFiles - OnlyInOld, after.GetStats().Articles);
        Assert.Null(after.Get(GeneratedCorpus.Id(0)));
        Assert.True(SearchIndex.Check(path).Healthy);
    }

    [Fact]
    public void Rebuild_ThatFails_ShouldLeaveTheOldIndex()
    {
        using var folder = new TempFolder("rebuild-fail");
        var corpus = folder.Combine("corpus");
        GeneratedCorpus.WriteFiles(corpus, OldFiles);
        var path = folder.Combine("index");
        using (var first = SearchIndex.Open(path))
        {
            first.IndexFiles([corpus]);
        }

        using (var rebuild = SearchIndex.Open(path, new SearchIndexOptions { Recreate = true }))
        {
            // A failure half-way (here the caller's own code in the source) fails the run before its one commit.
            Assert.ThrowsAny<Exception>(() => rebuild.Add(Articles(), new IndexingOptions { CommitEveryArticles = 1 }));
        }

        AssertHoldsTheOldIndex(path);

        static IEnumerable<SearchKit.Articles.Article> Articles()
        {
            for (int n = 0; n < 20; n++)
            {
                yield return SearchKit.Articles.Article.Create("new" + n, "New " + n, null, ["text"]);
            }

            throw new IOException("the feed broke off");
        }
    }

    private static void AssertHoldsTheOldIndex(string path)
    {
        var (_, ids) = IndexAudit.ReadIds(path);
        Assert.Equal(Enumerable.Range(0, OldFiles).Select(GeneratedCorpus.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.True(SearchIndex.Check(path).Healthy);
    }

    /// <summary>Reports synchronously on the run's own thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Observer(Action<IndexingProgress> onReport) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => onReport(value);
    }
}
