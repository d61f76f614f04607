using SearchKit.Cli;
using SearchKit.Cli.Commands;
using SearchKit.Indexing;

namespace SearchKit.Tests.Cli;

/// <summary><c>index --commit-every N --commit-seconds S</c>: the commit window of a run (the kill tests rely on it).</summary>
public class IndexCommitOptionsTests
{
    [Fact]
    public void CommitOptions_ShouldMapToTheIndexingOptionsAndDefaultToTheLibrarys()
    {
        var given = new IndexSettings { CommitEvery = 40, CommitSeconds = 0.5 }.ToIndexingOptions();
        var defaults = new IndexSettings().ToIndexingOptions();

        Assert.Equal(40, given.CommitEveryArticles);
        Assert.Equal(TimeSpan.FromMilliseconds(500), given.CommitInterval);
        Assert.Equal(IndexingOptions.Default.CommitEveryArticles, defaults.CommitEveryArticles);
        Assert.Equal(IndexingOptions.Default.CommitInterval, defaults.CommitInterval);
    }

    [Theory]
    [InlineData("--commit-every", "0", "--commit-every must be at least 1")]
    [InlineData("--commit-seconds", "0", "--commit-seconds must be more than 0")]
    [InlineData("--commit-seconds", "NaN", "--commit-seconds must be more than 0")]
    public void CommitOptions_OutOfRange_ShouldBeAUsageError(string option, string value, string message)
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("generated", 2);

        var run = cli.RunOnIndex("index", folder, option, value);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_WithASmallCommitWindow_ShouldIndexEverything()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("generated", 25);

        var run = cli.RunOnIndex("index", folder, "--commit-every", "3", "--commit-seconds", "0.05", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(25, run.Json().GetProperty("added").GetInt64());
        Assert.Equal(25, cli.RunOnIndex("stats", "--json").Json().GetProperty("articles").GetInt64());
    }
}
