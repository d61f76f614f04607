using System.Text;
using SearchKit.Articles;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

public class IndexCommandTests
{
    private static (int Articles, long Paragraphs) CountSamples()
    {
        var results = ArticleFiles.Enumerate([CliHarness.Samples]).SelectMany(e => ArticleFiles.Read(e)).ToList();
        Assert.All(results, r => Assert.Null(r.Error));
        return (results.Count, results.Sum(r => (long)r.Article!.Paragraphs.Count));
    }

    [Fact]
    public void Index_Samples_ShouldIndexEveryArticleAndSummarise()
    {
        using var cli = new CliHarness();
        var (articles, paragraphs) = CountSamples();

        var run = cli.RunOnIndex("index", CliHarness.Samples);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains($"Indexed {articles} articles", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{articles} added, 0 updated, 0 unchanged, 0 removed; {paragraphs} paragraphs", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"articles/s, [0-9.]+ MB/s", run.Out);
        Assert.Contains("indexing: ", run.Error, StringComparison.Ordinal); // plain progress lines when not a terminal

        var stats = cli.RunOnIndex("stats", "--json").Json();
        Assert.Equal(articles, stats.GetProperty("articles").GetInt64());
        Assert.Equal(paragraphs, stats.GetProperty("paragraphs").GetInt64());
    }

    [Fact]
    public void Index_RunAgain_ShouldSkipUnchangedUpdateChangedAndRemoveGone()
    {
        using var cli = new CliHarness();
        var folder = cli.Generate("generated", 12);
        Assert.Equal(ExitCodes.Success, cli.RunOnIndex("index", folder, "--threads", "2").ExitCode);

        var again = cli.RunOnIndex("index", folder);
        Assert.Contains("0 added, 0 updated, 12 unchanged, 0 removed", again.Out, StringComparison.Ordinal);

        cli.Write("generated/article-000.txt", "A rewritten headline\nNow about zeppelins instead.\n");
        File.Delete(Path.Combine(folder, "article-001.txt"));
        var third = cli.RunOnIndex("index", folder);

        Assert.True(third.ExitCode == ExitCodes.Success, third.ToString());
        Assert.Contains("0 added, 1 updated, 10 unchanged, 1 removed", third.Out, StringComparison.Ordinal);
        Assert.Equal(11, cli.RunOnIndex("stats", "--json").Json().GetProperty("articles").GetInt64());
        Assert.Equal(1, cli.RunOnIndex("search", "zeppelins", "--json").Json().GetProperty("total").GetInt64());
    }

    [Fact]
    public void Index_FolderWithBadFiles_ShouldExit5ListEachFailureAndIndexTheGoodOnes()
    {
        using var cli = new CliHarness();
        cli.Write("mixed/good-one.txt", "Otters return to the canal\nVolunteers counted four otters near the lock.\n");
        cli.Write("mixed/good-two.txt", "Canal lock repaired\nThe lock gates were replaced over the winter.\n");
        cli.WriteBytes("mixed/binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00]);
        cli.WriteBytes("mixed/empty.txt", []);
        cli.WriteBytes("mixed/latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 opens\nThe caf\u00e9 serves cr\u00eapes.\n"));

        var run = cli.RunOnIndex("index", Path.Combine(cli.Root, "mixed"));

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        Assert.Contains("2 added", run.Out, StringComparison.Ordinal);
        Assert.Contains("3 failed:", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"binary\.txt: binary data", run.Out);
        Assert.Matches(@"empty\.txt: .*empty", run.Out);
        Assert.Matches(@"latin1\.txt: not valid UTF-8", run.Out);
        var errorLines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("searchkit:", StringComparison.Ordinal)).ToList();
        Assert.Single(errorLines);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);

        var search = cli.RunOnIndex("search", "otters OR lock", "--json").Json();
        Assert.Equal(2, search.GetProperty("total").GetInt64());
    }

    [Fact]
    public void Index_Rebuild_ShouldStartAfreshAndMayChangeTheAnalyzer()
    {
        using var cli = new CliHarness();
        Assert.Equal(ExitCodes.Success, cli.RunOnIndex("index", CliHarness.Samples).ExitCode);
        var folder = cli.Generate("generated", 4);

        var run = cli.RunOnIndex("index", folder, "--rebuild", "--analyzer", "standard");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var stats = cli.RunOnIndex("stats", "--json").Json();
        Assert.Equal(4, stats.GetProperty("articles").GetInt64());
        Assert.Equal("standard", stats.GetProperty("analyzer").GetString());
    }

    [Fact]
    public void Index_AnotherAnalyzerWithoutRebuild_ShouldExit4()
    {
        using var cli = new CliHarness();
        Assert.Equal(ExitCodes.Success, cli.RunOnIndex("index", CliHarness.Samples).ExitCode);

        var run = cli.RunOnIndex("index", CliHarness.Samples, "--analyzer", "german");

        Assert.Equal(ExitCodes.IndexProblem, run.ExitCode);
        Assert.Contains("english", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_WhileAnotherWriterHoldsTheLock_ShouldExit4SayingLocked_AndSearchesStillWork()
    {
        using var cli = new CliHarness();
        Assert.Equal(ExitCodes.Success, cli.RunOnIndex("index", CliHarness.Samples).ExitCode);
        using (var writer = SearchIndex.Open(cli.IndexPath))
        {
            writer.Delete("no-such-article"); // the first write takes the write lock and keeps it until dispose

            var second = cli.RunOnIndex("index", CliHarness.Samples);
            var search = cli.RunOnIndex("search", "ferry", "--json");

            Assert.Equal(ExitCodes.IndexProblem, second.ExitCode);
            Assert.Contains("locked", second.Error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, search.ExitCode);
            Assert.True(search.Json().GetProperty("total").GetInt64() > 0);
        }

        Assert.Equal(ExitCodes.Success, cli.RunOnIndex("check").ExitCode);
    }

    [Fact]
    public void Index_Cancelled_ShouldExit1AndSayInterrupted()
    {
        using var cli = new CliHarness();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var run = cli.RunWithInput(null, cancel.Token, "index", CliHarness.Samples, "--index", cli.IndexPath);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("interrupted", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_DefaultIndexFolder_ShouldBeTheEnvironmentVariableElseDotSearchkit()
    {
        using var cli = new CliHarness();
        Assert.Equal(ExitCodes.Success, cli.Run("index", CliHarness.Samples).ExitCode);
        Assert.True(Directory.Exists(Path.Combine(cli.Root, ".searchkit")));

        cli.Environment[CliHost.IndexVariable] = "from-env";
        Assert.Equal(ExitCodes.Success, cli.Run("index", CliHarness.Samples).ExitCode);
        Assert.True(Directory.Exists(Path.Combine(cli.Root, "from-env")));
        Assert.Equal(ExitCodes.Success, cli.Run("search", "ferry").ExitCode);
    }
}
