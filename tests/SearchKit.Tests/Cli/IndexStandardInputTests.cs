using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary><c>index -</c>: JSON Lines from standard input.</summary>
public class IndexStandardInputTests
{
    private const string Feed =
        "{\"id\": \"s1\", \"title\": \"Kelp forests\", \"text\": \"Kelp grows fast in cold water.\"}\n" +
        "{\"title\": \"Sea otters\", \"text\": \"Otters keep urchins in check.\"}\n" +
        "{\"title\": \n" +
        "{\"title\": \"Urchin barrens\", \"text\": \"Without otters, urchins strip the kelp.\"}\n";

    [Fact]
    public void IndexStdin_ShouldIndexEachLineWithMadeUpIdsAndReportTheBadLine()
    {
        using var cli = new CliHarness();

        var run = cli.RunWithInput(Feed, default, "index", "-", "--index", cli.IndexPath);

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        Assert.Contains("3 added", run.Out, StringComparison.Ordinal);
        Assert.Contains("stdin:3", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal("Kelp forests", cli.RunOnIndex("show", "s1", "--json").Json().GetProperty("title").GetString());
        Assert.Equal("Sea otters", cli.RunOnIndex("show", "stdin#2", "--json").Json().GetProperty("title").GetString());
        Assert.Equal("stdin#4", cli.RunOnIndex("search", "barrens", "--json").Json().GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void IndexStdin_IdPrefix_ShouldNamespaceMadeUpIdsSoTwoFeedsDoNotOverwriteEachOther()
    {
        using var cli = new CliHarness();
        const string Line = "{\"title\": \"Tide pools\", \"text\": \"Anemones close at low tide.\"}\n";

        var first = cli.RunWithInput(Line, default, "index", "-", "--id-prefix", "north", "--index", cli.IndexPath);
        var second = cli.RunWithInput(Line, default, "index", "-", "--id-prefix", "south", "--index", cli.IndexPath, "--json");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Equal(1, second.Json().GetProperty("added").GetInt64());
        Assert.Equal(0, second.Json().GetProperty("removed").GetInt64());
        Assert.Equal(2, cli.RunOnIndex("search", "anemones", "--json").Json().GetProperty("total").GetInt64());
        Assert.Equal("Tide pools", cli.RunOnIndex("show", "north#1", "--json").Json().GetProperty("title").GetString());
    }

    [Fact]
    public void IndexStdin_ThenAFolderRun_ShouldNotRemoveTheStreamedArticles()
    {
        using var cli = new CliHarness();
        cli.Write("docs/a.txt", "Lagoons\n\nSalt marsh and lagoon birds.");
        cli.RunWithInput(Feed, default, "index", "-", "--index", cli.IndexPath);

        var run = cli.RunOnIndex("index", "docs", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(0, run.Json().GetProperty("removed").GetInt64());
        Assert.Equal("Kelp forests", cli.RunOnIndex("show", "s1", "--json").Json().GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(new[] { "index", "-", "docs" }, "cannot be combined")]
    [InlineData(new[] { "index", "-", "--watch" }, "--watch cannot be used")]
    [InlineData(new[] { "index", "-", "--format", "text" }, "read as JSON Lines")]
    [InlineData(new[] { "index", "docs", "--id-prefix", "x" }, "--id-prefix is for -")]
    public void IndexStdin_BadCombinations_ShouldBeUsageErrors(string[] args, string message)
    {
        using var cli = new CliHarness();
        cli.Write("docs/a.txt", "T\n\nBody.");

        var run = cli.RunWithInput(Feed, default, [.. args, "--index", cli.IndexPath]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexStdin_Cancelled_ShouldCommitWhatWasIndexedAndSayInterrupted()
    {
        using var cli = new CliHarness();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var run = cli.RunWithInput(Feed, cancellation.Token, "index", "-", "--index", cli.IndexPath);

        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.Contains("interrupted", run.Error, StringComparison.Ordinal);
    }
}

/// <summary><c>index --format md</c> and Markdown and gzip files picked up by <c>auto</c>.</summary>
public class IndexMarkdownAndGzipCommandTests
{
    [Fact]
    public void IndexAuto_ShouldReadMarkdownAndCompressedJsonLinesInAFolder()
    {
        using var cli = new CliHarness();
        cli.Write("docs/guide.md", "# Lighthouse guide\n\nKeepers trim the wick nightly.\n\n## Lenses\n\nFresnel lenses focus the beam.\n");
        using (var file = File.Create(Path.Combine(cli.Root, "docs", "feed.jsonl.gz")))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write("{\"id\": \"g1\", \"title\": \"Foghorns\", \"text\": \"Foghorns sound in thick weather.\"}\n"u8);
        }

        var run = cli.RunOnIndex("index", "docs", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(2, run.Json().GetProperty("added").GetInt64());
        Assert.Equal("Lighthouse guide", cli.RunOnIndex("show", "guide", "--json").Json().GetProperty("title").GetString());
        var hit = cli.RunOnIndex("search", "fresnel", "--json").Json().GetProperty("hits")[0];
        Assert.Equal("guide", hit.GetProperty("id").GetString());
        Assert.Equal("g1", cli.RunOnIndex("search", "foghorns", "--json").Json().GetProperty("hits")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void IndexFormatMd_ShouldReadATxtFileAsMarkdown()
    {
        using var cli = new CliHarness();
        cli.Write("notes.txt", "# Tidal charts\n\nRead the **chart** before you sail.\n");

        var run = cli.RunOnIndex("index", "notes.txt", "--format", "md");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var article = cli.RunOnIndex("show", "notes", "--json").Json();
        Assert.Equal("Tidal charts", article.GetProperty("title").GetString());
    }
}
