using System.Diagnostics;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

public class IndexWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task IndexWatch_ShouldKeepTheIndexInStepWithTheFolderUntilCancelled()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("watched", 3);
        using var stop = new CancellationTokenSource();

        var watch = Task.Run(() => cli.RunWithInput(null, stop.Token, "index", folder, "--watch", "--index", cli.IndexPath));
        try
        {
            // The first run is over once its articles are searchable (searches open the index read-only, beside the writer).
            await WaitUntil(() => Total(cli, "token2") == 1, watch, "the first run to index token2");

            cli.Write("watched/added.txt", "Zeppelin hangar reopens\nThe old airship hangar opens to visitors.\n");
            await WaitUntil(() => Total(cli, "zeppelin") == 1, watch, "the new file to be searchable");

            cli.Write("watched/article-000.txt", "Harbour cranes replaced\nNew cranes arrived at the quay.\n");
            await WaitUntil(() => Total(cli, "cranes") == 1 && Total(cli, "token0") == 0, watch, "the changed file to be re-indexed");

            File.Delete(Path.Combine(folder, "article-001.txt"));
            await WaitUntil(() => Total(cli, "token1") == 0, watch, "the deleted file to leave the index");
        }
        finally
        {
            await stop.CancelAsync();
        }

        var run = await watch.WaitAsync(Patience);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("3 added, 0 updated, 0 unchanged, 0 removed", run.Out, StringComparison.Ordinal); // the first run's summary
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d 1 added, 0 updated, 0 removed, 0 failed \(3 unchanged\)", run.Out);
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d 0 added, 1 updated, 0 removed, 0 failed", run.Out);
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d 0 added, 0 updated, 1 removed, 0 failed", run.Out);
        Assert.Contains("watching", run.Error, StringComparison.Ordinal);
        Assert.Contains("stopped watching", run.Error, StringComparison.Ordinal);

        // The stop left a committed index that the next writer can open: the lock is released.
        var stats = cli.RunOnIndex("index", folder);
        Assert.True(stats.ExitCode == ExitCodes.Success, stats.ToString());
        Assert.Contains("0 added, 0 updated, 3 unchanged, 0 removed", stats.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexWatch_WithSeveralPathsOrAFile_ShouldBeAUsageError()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("a", 1);
        var file = cli.Write("b/one.txt", "Title\nLead.\n");

        var two = cli.RunOnIndex("index", folder, file, "--watch");
        Assert.True(two.ExitCode == ExitCodes.Usage, two.ToString());
        Assert.Contains("--watch takes exactly one folder", two.Error, StringComparison.Ordinal);

        var onFile = cli.RunOnIndex("index", file, "--watch");
        Assert.True(onFile.ExitCode == ExitCodes.Usage, onFile.ToString());
        Assert.Contains("--watch needs a folder, not a file", onFile.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.IndexPath), "no index is created for a refused command");
    }

    private static long Total(CliHarness cli, string query)
    {
        var run = cli.RunOnIndex("search", query, "--json");
        return run.ExitCode == ExitCodes.Success ? run.Json().GetProperty("total").GetInt64() : -1;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after 30 s or if the watch ended early.</summary>
    private static async Task WaitUntil(Func<bool> condition, Task<CliResult> watch, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.IsCompleted)
            {
                Assert.Fail($"the watch ended while waiting for {what}: {await watch}");
            }

            Assert.True(clock.Elapsed < Patience, $"waited {Patience.TotalSeconds} s for {what}");
            await Task.Delay(100);
        }
    }
}
