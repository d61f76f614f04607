using SearchKit.Cli;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Cli;

/// <summary>The host's side of issue 11's folder cases: the summary says what was skipped and what failed, and counts truly.</summary>
public class IndexFoldersCommandTests
{
    [Fact]
    public void Index_SameFolderTwice_ShouldCountEachArticleOnce()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("base", 8);

        var run = cli.RunOnIndex("index", folder, folder);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("8 added, 0 updated", run.Out, StringComparison.Ordinal);
        Assert.Contains("skipped: 8 second path(s) to a file already read", run.Out, StringComparison.Ordinal);
        Assert.Equal(8, cli.RunOnIndex("stats", "--json").Json().GetProperty("articles").GetInt64());
    }

    [Fact]
    public void Index_DotFiles_ShouldBeCountedAndReadWithIncludeHidden()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("base", 2);
        cli.Write("base/.draft.txt", "Draft\n\nNot yet.\n");
        cli.Write("base/.cache/x.txt", "Cached\n\nOld.\n");

        var json = cli.RunOnIndex("index", folder, "--json").Json();
        Assert.Equal(2, json.GetProperty("added").GetInt64());
        Assert.Equal(2, json.GetProperty("skipped").GetProperty("hidden").GetInt32());

        var text = cli.RunOnIndex("index", folder);
        Assert.Contains("skipped: 2 dot file(s) or folder(s) (--include-hidden reads them)", text.Out, StringComparison.Ordinal);

        var all = cli.RunOnIndex("index", folder, "--include-hidden", "--json").Json();
        Assert.Equal(2, all.GetProperty("added").GetInt64());
        Assert.Equal(0, all.GetProperty("skipped").GetProperty("hidden").GetInt32());
    }

    [PosixFact]
    public void Index_FolderWithAFifoAndALinkLoop_ShouldEndWithExit5NamingEach()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("base", 3);
        UnixFiles.MakeFifo(Path.Combine(folder, "x.txt"));
        File.CreateSymbolicLink(Path.Combine(folder, "zero.jsonl"), "/dev/zero");
        Directory.CreateSymbolicLink(Path.Combine(folder, "up"), "..");

        var run = cli.RunOnIndex("index", folder);

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        Assert.Contains("3 added", run.Out, StringComparison.Ordinal);
        Assert.Contains("x.txt: not a regular file but a named pipe (FIFO)", run.Out, StringComparison.Ordinal);
        Assert.Contains("zero.jsonl: not a regular file but a link to a character device", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 link(s) to folders (not followed)", run.Out, StringComparison.Ordinal);
    }
}
