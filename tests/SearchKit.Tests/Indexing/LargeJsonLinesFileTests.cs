using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// One large JSON Lines file is indexed by every thread, in commit windows that fall inside it, and a run
/// interrupted part way through it is resumed by the next without losing or duplicating an article.
/// </summary>
public sealed class LargeJsonLinesFileTests : IDisposable
{
    private const int Lines = 3_000;

    private readonly TempFolder _folder = new("large-jsonl");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void IndexFiles_LargeFile_ShouldCommitInsideIt()
    {
        var export = WriteExport("export.jsonl", Lines);
        var path = _folder["index"];
        // Looked at on every progress report while the file is not done: a commit that lands inside it shows.
        long committedMidway = 0;
        var progress = new Synchronous(p =>
        {
            if (committedMidway == 0 && p.FilesDone == 0 && p.Articles > 0)
            {
                using var directory = FSDirectory.Open(path);
                if (DirectoryReader.IndexExists(directory))
                {
                    using var reader = DirectoryReader.Open(directory);
                    committedMidway = reader.NumDocs;
                }
            }
        });

        IndexingReport report;
        using (var index = SearchIndex.Open(path))
        {
            report = index.IndexFiles([export], new IndexingOptions { Threads = 2, CommitEveryArticles = 100, MergeAfterBulkRun = null }, progress);
        }

        Assert.Equal(Lines, report.Added);
        Assert.Empty(report.Failures);
        Assert.True(committedMidway > 0, $"a commit should have landed inside the file (saw {committedMidway} committed articles before its end)");
        Assert.DoesNotContain(WriterHost.UnfinishedKey, CommitData(path).Keys);
    }

    [Fact]
    public void IndexFiles_CancelledInsideLargeFile_ShouldResumeWithoutLossOrDuplicates()
    {
        var export = WriteExport("export.jsonl", Lines);
        var path = _folder["index"];
        using var cts = new CancellationTokenSource();
        var options = new IndexingOptions { Threads = 2, CommitEveryArticles = 200 };
        using var index = SearchIndex.Open(path);

        var first = index.IndexFiles([export], options, new Synchronous(p => { if (p.Articles >= 300) cts.Cancel(); }), cts.Token);

        Assert.True(first.Cancelled);
        long held = index.GetStats().Articles;
        Assert.InRange(held, 300, Lines - 1);
        Assert.Contains(WriterHost.UnfinishedKey, CommitData(path).Keys);

        var resumed = index.IndexFiles([export], options);

        Assert.False(resumed.Cancelled);
        Assert.Empty(resumed.Failures);
        Assert.Equal(held, resumed.Unchanged);
        Assert.Equal(Lines - held, resumed.Added + resumed.Updated);
        Assert.Equal(Lines, index.GetStats().Articles);
        Assert.Equal(1, index.Search("\"dispatch 2999\"").Total);
        Assert.DoesNotContain(WriterHost.UnfinishedKey, CommitData(path).Keys);

        var again = index.IndexFiles([export], options);
        Assert.Equal(Lines, again.Unchanged);
        Assert.Equal(0, again.Indexed);
    }

    [Fact]
    public void IndexFiles_FileChangedAfterInterruption_ShouldBeReindexedWhole()
    {
        var export = WriteExport("export.jsonl", Lines);
        var path = _folder["index"];
        using var cts = new CancellationTokenSource();
        var options = new IndexingOptions { Threads = 2, CommitEveryArticles = 200 };
        using var index = SearchIndex.Open(path);
        index.IndexFiles([export], options, new Synchronous(p => { if (p.Articles >= 300) cts.Cancel(); }), cts.Token);

        // The first line's article changes its text: the resumed run must not keep the version it holds.
        var text = File.ReadAllText(export).Replace("Dispatch 1 from", "Bulletin 1 from", StringComparison.Ordinal);
        File.WriteAllText(export, text);
        var rerun = index.IndexFiles([export], options);

        Assert.Empty(rerun.Failures);
        Assert.Equal(0, rerun.Unchanged);
        Assert.Equal(Lines, index.GetStats().Articles);
        Assert.Equal("Bulletin 1 from the harbour", index.Get("line-1")!.Title);
    }

    [Fact]
    public void IndexFiles_DuplicateIdsInLargeFile_ShouldKeepTheFirstLineWhateverTheThreads()
    {
        var export = WriteExport("export.jsonl", Lines, duplicate: (Early: 10, Late: 2_900));

        using var index = SearchIndex.Open(_folder["index"]);
        var report = index.IndexFiles([export], new IndexingOptions { Threads = 2 });

        var failure = Assert.Single(report.Failures);
        Assert.Equal(2_900, failure.Line);
        Assert.Equal(Lines - 1, index.GetStats().Articles);
        Assert.Equal("Dispatch 10 from the harbour", index.Get("line-10")!.Title);
    }

    private string WriteExport(string name, int lines, (int Early, int Late)? duplicate = null)
    {
        var text = new StringBuilder();
        for (int n = 1; n <= lines; n++)
        {
            int id = duplicate is { } d && n == d.Late ? d.Early : n;
            text.Append(CultureInfo.InvariantCulture, $$"""{"id": "line-{{id}}", "title": "Dispatch {{n}} from the harbour", "paragraphs": ["The ferry number {{n}} left the quay at dawn with grain and timber.", "Dispatch {{n}} reports calm water and a light wind from the west."]}""");
            text.Append('\n');
        }

        var path = _folder[name];
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static IDictionary<string, string> CommitData(string path)
    {
        using var directory = FSDirectory.Open(path);
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.UserData;
    }

    /// <summary>Progress handled on the reporting thread, at once (Progress&lt;T&gt; would post it elsewhere).</summary>
    private sealed class Synchronous(Action<IndexingProgress> handle) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value) => handle(value);
    }
}
