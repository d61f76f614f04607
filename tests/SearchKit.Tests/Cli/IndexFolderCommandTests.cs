using SearchKit.Cli;
using SearchKit.Tests.Fakes;
using SearchKit.Tests.Indexing;

namespace SearchKit.Tests.Cli;

/// <summary>The host's answers about the index folder: not an index, not a folder, damaged beyond repair.</summary>
public sealed class IndexFolderCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Check_OnAFolderOfDocuments_ShouldExit4SayNotAnIndexAndNeverOfferARepair()
    {
        var docs = Path.Combine(_cli.Root, "docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "letter.txt"), "Dear reader.");

        var check = _cli.Run("check", "--index", docs);
        var repair = _cli.Run("check", "--index", docs, "--repair", "--yes");

        Assert.True(check.ExitCode == ExitCodes.IndexProblem, check.ToString());
        Assert.Contains("not an index", check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("DAMAGED", check.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--repair", check.Out + check.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.IndexProblem, repair.ExitCode);
        Assert.False(File.Exists(Path.Combine(docs, "write.lock")));
    }

    [Fact]
    public void Index_IntoAFolderWithAnUnderscoreDraft_ShouldExit4NotAnIndexAndKeepTheDraft()
    {
        var target = Path.Combine(_cli.Root, "mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "_draft.txt"), "keep");

        var run = _cli.Run("index", CliHarness.Samples, "--index", target);

        Assert.True(run.ExitCode == ExitCodes.IndexProblem, run.ToString());
        Assert.Contains("not an index", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("damaged", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "_draft.txt")));
    }

    [Fact]
    public void AnyCommand_WithTheIndexAtARegularFile_ShouldExit4WithAClearError()
    {
        var file = Path.Combine(_cli.Root, "file.idx");
        File.WriteAllText(file, "x");

        foreach (var args in new[] { new[] { "index", CliHarness.Samples }, ["search", "harbour"], ["check"], ["stats"] })
        {
            var run = _cli.Run([.. args, "--index", file]);
            Assert.True(run.ExitCode == ExitCodes.IndexProblem, $"{string.Join(' ', args)}: {run}");
            Assert.Contains("not a folder", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("unexpected error", run.Error, StringComparison.Ordinal);
        }
    }

    [PosixFact]
    public void AnyCommand_WithTheIndexAtDevNullOrUnderProc_ShouldExit4WithAClearError()
    {
        var paths = OperatingSystem.IsLinux() ? new[] { "/dev/null", "/proc/self", "/proc/searchkit-none/index" } : ["/dev/null"];
        foreach (var path in paths)
        {
            foreach (var command in new[] { "index", "check", "search" })
            {
                string[] args = command switch
                {
                    "index" => ["index", CliHarness.Samples, "--index", path],
                    "search" => ["search", "harbour", "--index", path],
                    _ => ["check", "--index", path],
                };
                var run = _cli.Run(args);
                Assert.True(run.ExitCode == ExitCodes.IndexProblem, $"{command} {path}: {run}");
                Assert.DoesNotContain("unexpected error", run.Error, StringComparison.Ordinal);
                Assert.StartsWith("searchkit: " + path, run.Error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Check_AfterTheCommitPointIsLost_ShouldGiveAdviceThatAgreesWithIndex()
    {
        var index = Path.Combine(_cli.Root, "lost");
        DamagedIndexTests.Build(index);
        DamagedIndexTests.Apply(index, DamagedIndexTests.Damage.DeleteAllCommitFiles);

        var check = _cli.Run("check", "--index", index);
        var repair = _cli.Run("check", "--index", index, "--repair", "--yes");
        var search = _cli.Run("search", "harbour", "--index", index);

        Assert.True(check.ExitCode == ExitCodes.IndexProblem, check.ToString());
        Assert.Contains("cannot be repaired", check.Out, StringComparison.Ordinal);
        Assert.Contains("searchkit index --rebuild", check.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("check --repair --yes", check.Out, StringComparison.Ordinal); // no repair offered that cannot work
        Assert.Equal(ExitCodes.IndexProblem, repair.ExitCode);
        Assert.DoesNotContain("Repaired", repair.Out, StringComparison.Ordinal);

        // Elsewhere the advice points to the check, which then says what can be done.
        Assert.Equal(ExitCodes.IndexProblem, search.ExitCode);
        Assert.Contains("run 'searchkit check'", search.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexRebuild_Interrupted_ShouldSayTheOldIndexIsKept()
    {
        var corpus = Path.Combine(_cli.Root, "corpus");
        GeneratedCorpus.WriteFiles(corpus, 20);
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", corpus).ExitCode);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var run = _cli.RunWithInput(null, cancelled.Token, "index", corpus, "--rebuild", "--index", _cli.IndexPath);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("the rebuild is discarded and the index is as it was before", run.Error, StringComparison.Ordinal);
        Assert.Equal(20, IndexAudit.ReadIds(_cli.IndexPath).Ids.Count);
    }
}
