using System.Globalization;
using SearchKit.Cli;
using SearchKit.Tests.Cli;
using SearchKit.Tests.Fakes;
using Xunit.Abstractions;

namespace SearchKit.Tests.Semantic;

/// <summary>
/// The SIGKILL harness of <see cref="HostProcessTests"/> on an index with embeddings: the semantic build of the host
/// (the fake embedder) killed hard mid-run leaves documents and vectors consistent at the last commit, and a re-run
/// completes both.
/// </summary>
public class SemanticKillTests(KillTestCorpus corpus, ITestOutputHelper output) : IClassFixture<KillTestCorpus>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan TriggerTimeout = TimeSpan.FromSeconds(45);
    private const int CommitEvery = 40;

    private string[] IndexArgs(string index, params string[] more) =>
        ["index", corpus.Folder, "--index", index, "--embeddings", "--commit-every", CommitEvery.ToString(CultureInfo.InvariantCulture), .. more];

    [PosixFact]
    public void IndexWithEmbeddings_KilledHard_ShouldKeepVectorsInStepAndARerunShouldCompleteThem()
    {
        var moments = new (string Name, Func<string, long, bool> Kill)[]
        {
            ("as the 3rd commit point appears", (index, start) => IndexAudit.LatestGeneration(index) >= start + 3),
            ("mid-window, 25 ms after the 8th commit", (index, start) =>
            {
                if (IndexAudit.LatestGeneration(index) < start + 8)
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
            long start = IndexAudit.LatestGeneration(index);
            using (var run = HostProcess.StartSemantic(IndexArgs(index)))
            {
                bool triggered = run.WaitUntil(() => trigger(index, start), TriggerTimeout, pollMilliseconds: 1);
                bool finished = run.HasExited;
                run.Kill();
                Assert.True(triggered && !finished, $"kill {name}: the run should still be going at the kill moment: {run}");
            }

            int committed = AuditConsistent(index, $"after the kill {name}");
            Assert.True(committed >= CommitEvery, $"kill {name}: at least one window of {CommitEvery} articles was committed, found {committed}");

            using var rerun = HostProcess.StartSemantic(IndexArgs(index, "--json"));
            Assert.True(rerun.WaitForExit(RunTimeout) == ExitCodes.Success, $"re-run after the kill {name}: {rerun}");
            Assert.Equal(KillTestCorpus.Count, AuditConsistent(index, $"after the re-run ({name})"));
        }
    }

    /// <summary>CheckIndex passes, and every live article's vectors are exactly its text's, one row each; returns the articles.</summary>
    private int AuditConsistent(string index, string when)
    {
        var check = SearchIndex.Check(index);
        Assert.True(check.Healthy, $"{when}: check failed: {string.Join("; ", check.Problems)}");
        var (_, ids) = IndexAudit.ReadIds(index);
        int withVectors = SemanticCorpus.AuditVectors(index, new FakeEmbedder());
        output.WriteLine($"{when}: {ids.Count} articles, {withVectors} with vectors");
        Assert.True(ids.Count == withVectors, $"{when}: {ids.Count} articles but {withVectors} with vectors");
        return ids.Count;
    }
}
