using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>The host as a whole: exit codes for usage errors and missing indexes, --version, --help, demo.</summary>
public class HostTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("search")]
    [InlineData("search", "ferry", "--no-such-option")]
    [InlineData("search", "ferry", "--top", "-1")]
    [InlineData("search", "ferry", "--top", "many")]
    [InlineData("index", "does-not-exist")]
    [InlineData("index", ".", "--analyzer", "klingon")]
    [InlineData("index", ".", "--threads", "0")]
    [InlineData("check", "--repair")]
    [InlineData("search", "ferry", "--filter")]
    [InlineData("search", "ferry", "--sort")]
    [InlineData("related", "some-id", "--top")]
    public void UsageErrors_ShouldExit2WithAOneLineMessage(params string[] args)
    {
        using var cli = new CliHarness();

        var run = cli.Run(args);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.StartsWith("searchkit: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("__default", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionWithoutItsValue_ShouldBeNamed()
    {
        using var cli = new CliHarness();

        var run = cli.Run("search", "ferry", "--filter");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("option --filter needs a value", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoArguments_ShouldShowHelpAndExit2()
    {
        using var cli = new CliHarness();

        var run = cli.Run();

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("USAGE", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", "ferry")]
    [InlineData("shell")]
    [InlineData("show", "x")]
    [InlineData("stats")]
    [InlineData("delete", "x")]
    [InlineData("optimize")]
    [InlineData("check")]
    public void MissingIndex_ShouldExit4(params string[] args)
    {
        using var cli = new CliHarness();

        var run = cli.RunOnIndex(args);

        Assert.True(run.ExitCode == ExitCodes.IndexProblem, run.ToString());
        Assert.Contains("no index here", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.IndexPath)); // reading never creates an index
    }

    [Fact]
    public void Version_ShouldPrintTheVersion()
    {
        using var cli = new CliHarness();

        var run = cli.Run("--version");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(SearchKitApp.Version, run.Out.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", SearchKitApp.Version);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("search", "--help")]
    [InlineData("index", "--help")]
    [InlineData("shell", "--help")]
    [InlineData("show", "--help")]
    [InlineData("stats", "--help")]
    [InlineData("delete", "--help")]
    [InlineData("optimize", "--help")]
    [InlineData("check", "--help")]
    [InlineData("eval", "--help")]
    [InlineData("demo", "--help")]
    public void Help_ShouldDocumentTheExitCodes(params string[] args)
    {
        using var cli = new CliHarness();

        var run = cli.Run(args);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("EXIT CODES", run.Out, StringComparison.Ordinal);
        Assert.Contains("malformed query", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_ShouldIndexTheSamplesAndShowParagraphHits()
    {
        using var cli = new CliHarness();

        var run = cli.Run("demo");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("Indexed 14 articles", run.Out, StringComparison.Ordinal);
        Assert.Contains("$ searchkit search ferry", run.Out, StringComparison.Ordinal);
        Assert.Contains("commute by «ferry».", run.Out, StringComparison.Ordinal);
        Assert.Contains("¶1 Getting to the station › A free «shuttle» bus", run.Out, StringComparison.Ordinal);
        // The saved web page: its article is found, its cookie banner and comment section were never indexed.
        Assert.Contains("Harbour tide gauge returns after a winter ashore", run.Out, StringComparison.Ordinal);
        Assert.Contains("No articles match cookies OR comments", run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Root, ".searchkit"))); // a temporary index, not the default one
    }
}
