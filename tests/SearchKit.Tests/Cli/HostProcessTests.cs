using System.Text.Json;
using SearchKit.Cli;
using SearchKit.Tests.Fakes;
using Xunit.Abstractions;

namespace SearchKit.Tests.Cli;

/// <summary>The generated corpus the child-process tests index: a few thousand small plain-text files, written once.</summary>
public sealed class KillTestCorpus : IDisposable
{
    /// <summary>Articles (one per file).</summary>
    public const int Count = 2_000;

    private readonly TempFolder _folder = new("kill-corpus");

    public KillTestCorpus()
    {
        Folder = _folder.Combine("corpus");
        GeneratedCorpus.WriteFiles(Folder, Count);
        Export = _folder.Combine("export.jsonl");
        GeneratedCorpus.WriteJsonLines(Export, Count);
        Ids = Enumerable.Range(0, Count).Select(GeneratedCorpus.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The folder given to <c>searchkit index</c>.</summary>
    public string Folder { get; }

    /// <summary>The same articles as one JSON Lines file, the usual shape of an export.</summary>
    public string Export { get; }

    /// <summary>Every article id the corpus holds.</summary>
    public IReadOnlySet<string> Ids { get; }

    /// <summary>A fresh index folder path (not created) that goes away with the corpus.</summary>
    public string NewIndexPath() => _folder.Combine("index-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// The host as a real child process (<c>dotnet SearchKit.Cli.dll</c>): killed with SIGKILL at several moments,
/// stopped with SIGTERM, and raced by a second writer and a reader. POSIX signals: these run on Linux and macOS.
/// Every wait is bounded; the class takes 20 s on a quiet 2-core machine, under 40 s on a loaded one.
/// </summary>
public class HostProcessTests(KillTestCorpus corpus, ITestOutputHelper output) : IClassFixture<KillTestCorpus>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TriggerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The commit window of the killed runs (--commit-every): 50 commits over the corpus.</summary>
    private const int CommitEvery = 40;

    /// <summary>Process.ExitCode of a process that SIGKILL ended (128 + 9), as opposed to one that finished.</summary>
    private const int KilledExitCode = 137;

    [PosixFact]
    public void Index_KilledHardAtDifferentMoments_ShouldOpenAtItsLastCommitAndARerunShouldCompleteIt()
    {
        var moments = new (string Name, Func<string, long, HostProcess, bool> Kill)[]
        {
            // The first progress line comes as the run starts: at or before its first commit.
            ("at the first progress line", (_, _, run) => run.ErrorLines >= 1),
            ("as the 3rd commit point appears (inside that commit)", (index, start, _) => IndexAudit.LatestGeneration(index) >= start + 3),
            // Lucene 4.8 writes segments_N in place and adds its checksum footer when the commit completes: caught
            // in between when the poll is lucky, otherwise (late in the run) just after a commit.
            ("during a commit (its segments_N still without checksum)", (index, start, _) =>
                IndexAudit.LatestGeneration(index) >= start + 5 && IndexAudit.CommitInProgress(index)
                || IndexAudit.LatestGeneration(index) >= start + 35),
            ("mid-window, 25 ms after the 12th commit", (index, start, _) =>
            {
                if (IndexAudit.LatestGeneration(index) < start + 12)
                {
                    return false;
                }

                Thread.Sleep(25);
                return true;
            }),
        };

        foreach (var (name, trigger) in moments)
        {
            var index = corpus.NewIndexPath();
            var committed = KillAt(index, name, trigger, []);

            // A second kill, of the re-run over what the first kill left, two commits into it.
            if (name.StartsWith("mid-window", StringComparison.Ordinal))
            {
                committed = KillAt(index, name + ", then its re-run after 2 commits", (i, start, _) => IndexAudit.LatestGeneration(i) >= start + 2, committed);
            }

            // The same command again: the killed process's lock does not stop it, and it completes the index.
            using var rerun = HostProcess.Start(IndexArgs(index, more: "--json"));
            Assert.True(rerun.WaitForExit(RunTimeout) == ExitCodes.Success, $"re-run after a kill {name}: {rerun}");
            var summary = ParseSummary(rerun.Out);
            Assert.False(summary.GetProperty("cancelled").GetBoolean());
            Assert.Equal(0, summary.GetProperty("failed").GetArrayLength());

            // It re-reads only what the kill left undone: every committed file is skipped by its hash (a re-run
            // that ignored the hashes would report them updated), every other one is added.
            Assert.True(
                (committed.Count, KillTestCorpus.Count - committed.Count, 0L) == (summary.GetProperty("unchanged").GetInt64(), summary.GetProperty("added").GetInt64(), summary.GetProperty("updated").GetInt64()),
                $"re-run after a kill {name}: {committed.Count} articles were committed; summary {summary}");

            var ids = AuditHealthy(index, $"after the re-run ({name})");
            Assert.True(corpus.Ids.SetEquals(ids), $"after the re-run ({name}) the index should hold exactly the corpus's articles");
        }
    }

    [PosixFact]
    public void Index_OneJsonLinesFileKilledMidway_ShouldKeepItsCommitWindowsAndARerunShouldResumeIt()
    {
        // One file: before issue 16, its articles were never split across commits, and a kill lost the whole file.
        var index = corpus.NewIndexPath();
        string[] args = ["index", corpus.Export, "--index", index, "--commit-every", CommitEvery.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var committed = KillAt(index, "inside one JSON Lines file, after its 3rd commit", (i, start, _) => IndexAudit.LatestGeneration(i) >= start + 3, [], args);
        Assert.True(committed.Count > 0, "the commits inside the file should have kept articles");

        using var rerun = HostProcess.Start([.. args, "--json"]);
        Assert.True(rerun.WaitForExit(RunTimeout) == ExitCodes.Success, $"re-run after the kill: {rerun}");
        var summary = ParseSummary(rerun.Out);
        Assert.Equal(0, summary.GetProperty("failed").GetArrayLength());

        // Resumed: what the kill left committed is kept as it is, the rest is added, nothing twice.
        Assert.True(
            (committed.Count, KillTestCorpus.Count - committed.Count) == (summary.GetProperty("unchanged").GetInt64(), summary.GetProperty("added").GetInt64() + summary.GetProperty("updated").GetInt64()),
            $"re-run after a kill inside the file: {committed.Count} articles were committed; summary {summary}");
        var ids = AuditHealthy(index, "after the re-run of the JSON Lines file");
        Assert.True(corpus.Ids.SetEquals(ids), "after the re-run the index should hold exactly the file's articles");
    }

    [PosixFact]
    public void Index_WhileAnotherProcessIndexes_ShouldExitLockedWhileSearchesWork()
    {
        var index = corpus.NewIndexPath();

        // A commit every 2 articles on one thread keeps the first run busy (and holding the lock) for many seconds.
        using var first = HostProcess.Start(IndexArgs(index, 2, "--threads", "1"));
        Assert.True(first.WaitUntil(() => IndexAudit.LatestGeneration(index) >= 3, TriggerTimeout), $"the first run should commit: {first}");

        using var second = HostProcess.Start(IndexArgs(index));
        using var search = HostProcess.Start("search", "harbour", "--index", index, "--json");
        int secondExit = second.WaitForExit(RunTimeout);
        int searchExit = search.WaitForExit(RunTimeout);

        Assert.False(first.HasExited, "the first run should still be running, holding the lock, when the others end");
        Assert.True(secondExit == ExitCodes.IndexProblem, $"second writer: {second}");
        output.WriteLine($"second writer: {second.Error.Trim()}");
        Assert.Contains("locked", second.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(searchExit == ExitCodes.Success, $"search during the run: {search}");
        Assert.True(ParseSummary(search.Out).GetProperty("total").GetInt64() > 0, "the search should see the run's commits");

        first.Kill();
    }

    [PosixFact]
    public void Index_OnSigterm_ShouldCommitWhatItIndexedAndExitInterrupted()
    {
        var index = corpus.NewIndexPath();
        using var run = HostProcess.Start(IndexArgs(index, 2, "--threads", "1", "--json"));
        Assert.True(run.WaitUntil(() => IndexAudit.LatestGeneration(index) >= 3, TriggerTimeout), $"the run should commit: {run}");
        Assert.False(run.HasExited, "the run should still be going when SIGTERM comes");

        run.Terminate();

        Assert.True(run.WaitForExit(RunTimeout) == ExitCodes.Failure, $"SIGTERM should end the run as interrupted (exit 1): {run}");
        Assert.Contains("interrupted", run.Error, StringComparison.Ordinal);
        var summary = ParseSummary(run.Out);
        Assert.True(summary.GetProperty("cancelled").GetBoolean());
        long added = summary.GetProperty("added").GetInt64();
        Assert.InRange(added, 1, KillTestCorpus.Count - 1);

        // Everything it reported indexed was committed before it exited: nothing lost, nothing extra.
        var ids = AuditHealthy(index, "after SIGTERM");
        Assert.Equal(added, ids.Count);
    }

    /// <summary><c>searchkit index CORPUS --index INDEX --commit-every N …</c>: 50 commits over the corpus by default.</summary>
    private string[] IndexArgs(string index, int commitEvery = CommitEvery, params string[] more) =>
        ["index", corpus.Folder, "--index", index, "--commit-every", commitEvery.ToString(System.Globalization.CultureInfo.InvariantCulture), .. more];

    /// <summary>
    /// Starts an index run, SIGKILLs it when <paramref name="trigger"/> holds, and audits what is left: at least
    /// <paramref name="before"/> and everything of each commit window the run completed. Returns the ids left.
    /// </summary>
    private IReadOnlyList<string> KillAt(string index, string name, Func<string, long, HostProcess, bool> trigger, IReadOnlyList<string> before, string[]? args = null)
    {
        long start = IndexAudit.LatestGeneration(index);
        using var run = HostProcess.Start(args ?? IndexArgs(index));
        bool triggered = run.WaitUntil(() => trigger(index, start, run), TriggerTimeout, pollMilliseconds: 1);
        bool finished = run.HasExited;
        run.Kill();

        Assert.True(triggered && !finished, $"kill {name}: the run should still be going at the kill moment: {run}");
        Assert.True(run.ExitCode == KilledExitCode, $"kill {name}: exit {run.ExitCode}, expected SIGKILL's {KilledExitCode}: {run}");

        // The lock file stays behind; only the OS lock went with the process (the re-run shows it does not block).
        Assert.True(File.Exists(Path.Combine(index, "write.lock")), $"kill {name}: write.lock should be left behind");
        var ids = AuditHealthy(index, $"after the kill {name}");

        // The lower bound: nothing committed is lost. Each commit point the run completed closed a window of at
        // least --commit-every new articles (each file is one new article; a new index's first commit point,
        // generation 1, is the empty index), and the articles there before the run are all still there.
        long windows = IndexAudit.NewestWholeGeneration(index) - Math.Max(start, 1);
        long atLeast = before.Count + (windows * CommitEvery);
        Assert.True(ids.Count >= atLeast, $"kill {name}: {ids.Count} articles after {windows} completed commit windows of {CommitEvery} over {before.Count}; at least {atLeast} were committed");
        var lost = before.Except(ids, StringComparer.Ordinal).Take(5).ToList();
        Assert.True(lost.Count == 0, $"kill {name}: committed articles lost: {string.Join(", ", lost)}");
        return ids;
    }

    /// <summary>
    /// What must hold after any kill or stop: Lucene's CheckIndex passes, the index opens at the newest commit on
    /// disk, every live article has a distinct id from the corpus, and SearchIndex counts exactly those.
    /// </summary>
    private IReadOnlyList<string> AuditHealthy(string index, string when)
    {
        var check = SearchIndex.Check(index);
        Assert.True(check.Healthy, $"{when}: check failed: {string.Join("; ", check.Problems)}");

        // A kill inside a commit leaves an unfinished segments_N: the last commit is the newest whole one.
        long newest = IndexAudit.LatestGeneration(index);
        long whole = IndexAudit.NewestWholeGeneration(index);
        var (generation, ids) = IndexAudit.ReadIds(index);
        Assert.True(generation == whole, $"{when}: a reader opened commit {generation}, the newest whole one is {whole}");
        output.WriteLine($"{when}: last commit {whole}{(newest != whole ? $" (unfinished commit point {newest} left by the kill)" : string.Empty)}, {ids.Count} articles");

        var duplicates = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(duplicates.Count == 0, $"{when}: duplicate ids: {string.Join(", ", duplicates)}");
        var strays = ids.Where(id => !corpus.Ids.Contains(id)).Take(5).ToList();
        Assert.True(strays.Count == 0, $"{when}: ids not in the corpus: {string.Join(", ", strays)}");

        using var opened = SearchIndex.Open(index, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(ids.Count, opened.GetStats().Articles);
        if (ids.Count > 0)
        {
            Assert.NotNull(opened.Get(ids[^1]));
        }

        return ids;
    }

    private static JsonElement ParseSummary(string stdout)
    {
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }
}
