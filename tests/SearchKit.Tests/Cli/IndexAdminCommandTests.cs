using System.Text.Json;
using SearchKit.Cli;
using SearchKit.Indexing;

namespace SearchKit.Tests.Cli;

/// <summary>show, stats, delete, optimize and check.</summary>
public sealed class IndexAdminCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public IndexAdminCommandTests() => Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", CliHarness.Samples).ExitCode);

    public void Dispose() => _cli.Dispose();

    // The bundled samples: 5 plain-text files, 3 JSON Lines articles, 1 HTML page.
    private const int SampleArticles = 14;

    private long Articles() => _cli.RunOnIndex("stats", "--json").Json().GetProperty("articles").GetInt64();

    [Fact]
    public void Show_ShouldPrintTitleLeadHeadingsAndNumberedParagraphs()
    {
        var run = _cli.RunOnIndex("show", "bridge-repair");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal("Footbridge closed for repairs after inspectors find corroded bolts", lines[0]);
        Assert.Equal("The crossing used by most commuters to the station will shut for three months.", lines[1]);
        Assert.Contains("Getting to the station", lines);
        Assert.Contains("When it reopens", lines);
        Assert.Contains(lines, l => l.StartsWith("¶3 The council says the bridge will reopen", StringComparison.Ordinal));
    }

    [Fact]
    public void ShowJson_ShouldPrintTheArticleWithParagraphHeadings()
    {
        var json = _cli.RunOnIndex("show", "bridge-repair", "--json").Json();

        Assert.Equal("bridge-repair", json.GetProperty("id").GetString());
        Assert.Equal(new[] { "Getting to the station", "When it reopens" }, json.GetProperty("headings").EnumerateArray().Select(h => h.GetString() ?? string.Empty));
        var paragraphs = json.GetProperty("paragraphs").EnumerateArray().ToList();
        Assert.Equal(4, paragraphs.Count);
        Assert.Equal(JsonValueKind.Null, paragraphs[0].GetProperty("heading").ValueKind);
        Assert.Equal("Getting to the station", paragraphs[2].GetProperty("heading").GetString());
        Assert.Equal(new[] { "roads", "council" }, json.GetProperty("tags").EnumerateArray().Select(t => t.GetString() ?? string.Empty));
    }

    [Fact]
    public void Show_UnknownId_ShouldExit1()
    {
        var run = _cli.RunOnIndex("show", "no-such-article");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("no article with id 'no-such-article'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_ShouldReportCountsAnalyzerAndTopTerms()
    {
        var json = _cli.RunOnIndex("stats", "--json", "--terms", "3").Json();
        var human = _cli.RunOnIndex("stats");

        // The same numbers as the library reads from the index itself, not just plausible ones.
        IndexStats expected;
        using (var index = SearchIndex.Open(_cli.IndexPath, new SearchIndexOptions { ReadOnly = true }))
        {
            expected = index.GetStats(topTerms: 3);
        }

        Assert.Equal(SampleArticles, json.GetProperty("articles").GetInt64());
        Assert.Equal(expected.Paragraphs, json.GetProperty("paragraphs").GetInt64());
        Assert.True(expected.Paragraphs > 8);
        Assert.Equal(expected.Segments, json.GetProperty("segments").GetInt32());
        Assert.Equal(expected.SizeBytes, json.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(expected.TopTerms.Select(t => t.Term), json.GetProperty("topTerms").EnumerateArray().Select(t => t.GetProperty("term").GetString()));
        Assert.Equal("english", json.GetProperty("analyzer").GetString());
        Assert.Equal(3, json.GetProperty("topTerms").GetArrayLength());
        Assert.Contains("analyzer     english", human.Out, StringComparison.Ordinal);
        Assert.Contains("top terms", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_ShouldRemoveTheArticlesAndReportIdsNotFound()
    {
        var run = _cli.RunOnIndex("delete", "bridge-repair", "chess-club-tournament", "not-there");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("Deleted 2 articles.", run.Out, StringComparison.Ordinal);
        Assert.Contains("not-there", run.Error, StringComparison.Ordinal);
        Assert.Equal(SampleArticles - 2, Articles());
        Assert.Equal(ExitCodes.Failure, _cli.RunOnIndex("show", "bridge-repair").ExitCode);
        Assert.Equal(0, _cli.RunOnIndex("search", "shuttle", "--json").Json().GetProperty("total").GetInt64());
    }

    [Fact]
    public void Optimize_ShouldMergeToOneSegmentKeepingTheArticles()
    {
        var run = _cli.RunOnIndex("optimize");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var stats = _cli.RunOnIndex("stats", "--json").Json();
        Assert.Equal(1, stats.GetProperty("segments").GetInt32());
        Assert.Equal(SampleArticles, stats.GetProperty("articles").GetInt64());
    }

    [Fact]
    public void Check_HealthyIndex_ShouldExit0()
    {
        var run = _cli.RunOnIndex("check");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("healthy", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DamagedIndex_ShouldExit4SayWhatIsWrongAndRepairOnlyWithYes()
    {
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("optimize").ExitCode);
        var largest = new DirectoryInfo(_cli.IndexPath).GetFiles().Where(f => !f.Name.StartsWith("segments", StringComparison.Ordinal) && f.Name != "write.lock")
            .OrderByDescending(f => f.Length).First();
        var bytes = File.ReadAllBytes(largest.FullName);
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64 && i < bytes.Length - 16; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(largest.FullName, bytes);

        var check = _cli.RunOnIndex("check");
        Assert.True(check.ExitCode == ExitCodes.IndexProblem, check.ToString());
        Assert.Contains("DAMAGED", check.Out, StringComparison.Ordinal);

        // One merged segment holds every article: the check says a repair empties the index, and how to get them back.
        Assert.Contains($"A repair would drop every article of the index ({SampleArticles})", check.Out, StringComparison.Ordinal);
        Assert.Contains("re-run 'searchkit index' over the sources", check.Out, StringComparison.Ordinal);
        Assert.Contains("hold every article of the index: repairing leaves it empty", check.Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, _cli.RunOnIndex("check", "--repair").ExitCode);

        var repair = _cli.RunOnIndex("check", "--repair", "--yes");
        Assert.True(repair.ExitCode == ExitCodes.Success, repair.ToString());
        Assert.Contains("Repaired", repair.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("check").ExitCode);
        Assert.Equal(0, Articles());
    }
}
