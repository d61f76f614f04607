using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

public sealed class ShellCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public ShellCommandTests() => Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", CliHarness.Samples).ExitCode);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Shell_PipedInput_ShouldRunOneQueryPerLineAndHonourCommands()
    {
        var input = "ferry\n\n:top 1\n:json\nheron OR puffin\n:quit\nfrost\n";

        var run = _cli.RunWithInput(input, default, "shell", "--index", _cli.IndexPath);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.DoesNotContain("searchkit>", run.Out, StringComparison.Ordinal); // no prompt when input is piped
        Assert.Contains("1 article matches ferry", run.Out, StringComparison.Ordinal);
        var jsonLine = run.Out.Split('\n').Single(l => l.StartsWith('{'));
        using var json = JsonDocument.Parse(jsonLine);
        Assert.Equal("heron OR puffin", json.RootElement.GetProperty("query").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt64());
        Assert.Single(json.RootElement.GetProperty("hits").EnumerateArray()); // :top 1
        Assert.DoesNotContain("frost", run.Out, StringComparison.Ordinal); // after :quit
    }

    [Fact]
    public void Shell_BadQuery_ShouldReportItAndGoOn_ThenExit3()
    {
        var run = _cli.RunWithInput("ferry AND (\nheron\n", default, "shell", "--index", _cli.IndexPath);

        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
        Assert.Contains("malformed query", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 article matches heron", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_Help_ShouldListTheCommands()
    {
        var run = _cli.RunWithInput(":help\n", default, "shell", "--index", _cli.IndexPath);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var command in new[] { ":top N", ":json", ":explain", ":quit" })
        {
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
        }
    }
}
