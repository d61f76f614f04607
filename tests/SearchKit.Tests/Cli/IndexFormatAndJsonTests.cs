using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary><c>index --format</c> (BEIR corpora in particular) and <c>index --json</c>.</summary>
public class IndexFormatAndJsonTests
{
    private const string Beir =
        "{\"_id\": \"b1\", \"title\": \"Tides\", \"text\": \"The moon pulls the sea.\\n\\nSpring tides are the largest.\\n\\nNeap tides are the smallest.\"}\n" +
        "{\"_id\": \"b2\", \"title\": \"Currents\", \"text\": \"Currents carry heat north.\", \"metadata\": {\"source\": \"ignored\"}}\n";

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void IndexFormatBeir_ShouldUseTheBeirIdsAndSplitTextIntoParagraphsOnBlankLines()
    {
        using var cli = new CliHarness();
        cli.Write("corpus.jsonl", Beir);

        var run = cli.RunOnIndex("index", "corpus.jsonl", "--format", "beir");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("2 added", run.Out, StringComparison.Ordinal);
        Assert.Equal(4, cli.RunOnIndex("stats", "--json").Json().GetProperty("paragraphs").GetInt64());
        var b1 = cli.RunOnIndex("show", "b1", "--json").Json();
        Assert.Equal("Tides", b1.GetProperty("title").GetString());
        var hit = cli.RunOnIndex("search", "neap", "--json").Json().GetProperty("hits")[0];
        Assert.Equal("b1", hit.GetProperty("id").GetString());
        Assert.Equal(2, Assert.Single(hit.GetProperty("paragraphs").EnumerateArray()).GetProperty("index").GetInt32());
    }

    [Fact]
    public void IndexFormat_Unknown_ShouldBeAUsageError()
    {
        using var cli = new CliHarness();
        cli.Write("corpus.jsonl", Beir);

        var run = cli.RunOnIndex("index", "corpus.jsonl", "--format", "xml");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("unknown format 'xml'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexFormatText_ShouldReadAJsonlFileAsOnePlainTextArticle()
    {
        using var cli = new CliHarness();
        cli.Write("corpus.jsonl", Beir);

        var run = cli.RunOnIndex("index", "corpus.jsonl", "--format", "text", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1, run.Json().GetProperty("added").GetInt64());
    }

    [Fact]
    public void IndexJson_ShouldPrintOneSummaryObjectWithEachFailure()
    {
        using var cli = new CliHarness();
        cli.Write("corpus.jsonl", Beir + "{\"_id\": \"b3\", \"title\": \n");

        var run = cli.RunOnIndex("index", "corpus.jsonl", "--format", "beir", "--json");

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = run.Json();
        Assert.Equal(["added", "updated", "unchanged", "removed", "failed", "skipped", "paragraphs", "bytes", "seconds", "mergeSeconds", "times", "articlesPerSecond", "mbPerSecond", "cancelled"], Names(json));
        Assert.Equal(2, json.GetProperty("added").GetInt64());
        Assert.Equal(0, json.GetProperty("updated").GetInt64());
        Assert.Equal(4, json.GetProperty("paragraphs").GetInt64());
        Assert.True(json.GetProperty("bytes").GetInt64() > 0);
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("articlesPerSecond").GetDouble() > 0);
        Assert.False(json.GetProperty("cancelled").GetBoolean());
        var failure = Assert.Single(json.GetProperty("failed").EnumerateArray());
        Assert.Equal(["file", "line", "reason"], Names(failure));
        Assert.EndsWith("corpus.jsonl", failure.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, failure.GetProperty("line").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(failure.GetProperty("reason").GetString()));

        // A re-run of the same (unchanged) file: nothing added, and the summary says so.
        var again = cli.RunOnIndex("index", "corpus.jsonl", "--format", "beir", "--json").Json();
        Assert.Equal(0, again.GetProperty("added").GetInt64());
    }
}
