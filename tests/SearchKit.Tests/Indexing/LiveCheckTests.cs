using System.Globalization;
using Lucene.Net.Store;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// A check of an index that another writer keeps committing and merging: Lucene deletes the files of every
/// superseded commit, so a check that read a commit and then opened its files by name found some gone and
/// called a healthy index damaged (7 of 12 tries by hand). The check must read one commit whole.
/// </summary>
public class LiveCheckTests
{
    private const int Checks = 30;

    [Fact]
    public async Task Check_WhileAnotherWriterCommitsAndMerges_ShouldNeverCallTheIndexDamaged()
    {
        using var folder = new TempFolder("live-check");
        using var writer = SearchIndex.Open(folder.Path);
        Write(writer, 0, 40);
        writer.Commit();

        using var stop = new CancellationTokenSource();
        int commits = 0;
        var writing = Task.Run(() =>
        {
            // Small commit windows, updates (deletions files change per commit) and a full merge every few
            // commits, which deletes the files of every segment before it.
            for (int n = 40; !stop.IsCancellationRequested; n += 5)
            {
                Write(writer, n, 5);
                writer.Commit();
                if (Interlocked.Increment(ref commits) % 4 == 0)
                {
                    writer.Optimize();
                }
            }
        });

        var reports = new List<IndexCheckReport>();
        try
        {
            // At least Checks checks, and on until the writer has really raced them (a loaded machine may
            // starve the writer's thread for a while), within a generous deadline.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (reports.Count < Checks || (Volatile.Read(ref commits) < 5 && DateTime.UtcNow < deadline))
            {
                reports.Add(SearchIndex.Check(folder.Path));
            }
        }
        finally
        {
            stop.Cancel();
        }

        await writing;
        int commitsMade = Volatile.Read(ref commits);

        var wrong = reports.Where(r => !r.Healthy && !r.Inconclusive).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {reports.Count} checks called a healthy index damaged: {string.Join(" | ", wrong.SelectMany(r => r.Problems))}");
        Assert.True(reports.Count(r => r.Healthy) >= reports.Count / 2, $"only {reports.Count(r => r.Healthy)} of {reports.Count} checks saw a stable commit");
        Assert.All(reports.Where(r => r.Healthy), r => Assert.StartsWith("segments_", r.CommitPoint, StringComparison.Ordinal));

        // The race was really there: the writer committed (and merged) many times while the checks ran.
        Assert.True(commitsMade >= 5, $"the writer committed only {commitsMade} times during {reports.Count} checks");
        Assert.True(SearchIndex.Check(folder.Path).Healthy);
    }

    /// <summary>
    /// The mechanism, without timing: a commit pinned, then replaced and merged away by the writer so that its
    /// files are deleted, still checks healthy (by file name they are gone).
    /// </summary>
    [Fact]
    public void PinnedCommit_WhoseFilesTheWriterDeletes_ShouldStillCheckHealthy()
    {
        using var folder = new TempFolder("pinned");
        using var writer = SearchIndex.Open(folder.Path);
        for (int commit = 0; commit < 4; commit++)
        {
            Write(writer, commit * 10, 10);
            writer.Commit();
        }

        using var directory = new NIOFSDirectory(new DirectoryInfo(folder.Path), new ExclusiveFileLockFactory());
        using var pin = PinnedCommit.TryPin(directory);
        Assert.NotNull(pin?.Directory);
        var pinnedFiles = pin.Directory.ListAll();

        Write(writer, 100, 10);
        writer.Optimize();

        Assert.Contains(pinnedFiles, f => !File.Exists(Path.Combine(folder.Path, f))); // the writer deleted them
        var report = IndexChecker.Run(pin.Directory, repair: false, log: null);
        Assert.True(report.Healthy, string.Join(" | ", report.Problems));
        Assert.Equal(40, report.Articles);

    }

    private static void Write(SearchIndex index, int from, int count)
    {
        for (int n = from; n < from + count; n++)
        {
            // Ids repeat: updates leave deletions behind, which merges then drop.
            var id = "a" + (n % 120).ToString(CultureInfo.InvariantCulture);
            index.Upsert(Article.Create(id, $"Harbour report {n}", null, [$"The harbour wall {n} held in the storm.", $"Second paragraph {n}."]));
        }
    }
}
