using System.Xml.Linq;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>
/// <c>bench index</c> and <c>bench query</c> end to end in-process, on tiny corpora: the host's wiring (lists,
/// output formats, charts, errors), not the speed, which the library's own runs measure.
/// </summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void BenchIndex_WithThreadList_ShouldPrintOneJsonRowPerThreadCount()
    {
        var result = _cli.Run("bench", "index", "--articles", "200", "--runs", "1", "--warmup", "0", "--threads", "1,2", "--directory", "memory", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var rows = result.Json().GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("settings").GetProperty("threads").GetInt32()));
        Assert.All(rows, r =>
        {
            Assert.Equal(200, r.GetProperty("runs")[0].GetProperty("articles").GetInt64());
            Assert.True(r.GetProperty("articlesPerSecond").GetProperty("median").GetDouble() > 0);
        });
    }

    [Fact]
    public void BenchIndex_Csv_ShouldPrintTheHeaderAndOneLinePerCombination()
    {
        var result = _cli.Run("bench", "index", "--articles", "100", "--runs", "1", "--warmup", "0", "--threads", "1", "--analyzer", "english,standard", "--directory", "memory", "--csv");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("corpus,threads,ram_buffer_mb,analyzer,directory,runs,articles,articles_per_s_median", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",english,memory,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",standard,memory,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void BenchIndex_Table_ShouldNameEachConfigurationAndKeepTheIndexWhenAsked()
    {
        var corpus = _cli.Generate("articles", 20);

        var result = _cli.Run("bench", "index", corpus, "--runs", "1", "--warmup", "0", "--threads", "1", "--directory", "nio", "--keep", "--chart", "index.svg");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("t1 ram64 english nio", result.Out, StringComparison.Ordinal);
        Assert.Contains("articles/s", result.Out, StringComparison.Ordinal);
        var kept = result.Error.Split('\n').Single(l => l.Contains("kept the index", StringComparison.Ordinal))
            .Split(" in ", 2)[1].Trim();
        try
        {
            using var index = SearchIndex.Open(kept, new SearchIndexOptions { ReadOnly = true });
            Assert.Equal(20, index.GetStats(topTerms: 0).Articles);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(kept)!, recursive: true);
        }

        var svg = Svg.Load(Path.Combine(_cli.Root, "index.svg"));
        Assert.Contains("t1 ram64 english nio", svg.Texts);
        Assert.Contains("median", svg.Texts);
        Assert.Contains("min to max", svg.Texts);
        Assert.Equal(1, svg.Bars("median")); // one bar per configuration
    }

    [Fact]
    public void BenchQuery_OnATinyIndex_ShouldReportBothPhasesAsJsonAndDrawAnSvgChart()
    {
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", _cli.Generate("articles", 30)).ExitCode);
        _cli.Write("queries.txt", "# a comment\ngenerated\ntoken7\n\nparagraph AND filler\n");

        var result = _cli.RunOnIndex("bench", "query", "queries.txt", "--seconds", "1", "--warmup", "0", "--concurrency", "2", "--json", "--chart", "query.svg");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var json = result.Json();
        Assert.Equal(30, json.GetProperty("articles").GetInt64());
        var phases = json.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal([1, 2], phases.Select(p => p.GetProperty("concurrency").GetInt32()));
        Assert.All(phases, p => Assert.True(p.GetProperty("queriesPerSecond").GetDouble() > 0));
        var perQuery = phases[0].GetProperty("perQuery").EnumerateArray().ToDictionary(q => q.GetProperty("query").GetString()!, q => q.GetProperty("hits").GetInt64());
        Assert.Equal(30, perQuery["generated"]);
        Assert.Equal(1, perQuery["token7"]);
        Assert.Equal(3, perQuery.Count);
        var svg = Svg.Load(Path.Combine(_cli.Root, "query.svg"));
        Assert.Contains(svg.Texts, t => t.StartsWith("concurrency 1 (", StringComparison.Ordinal));
        Assert.Contains(svg.Texts, t => t.StartsWith("concurrency 2 (", StringComparison.Ordinal));
        Assert.All(["p50", "p95", "p99"], series => Assert.Equal(2, svg.Bars(series))); // one bar per phase in each series
    }

    [Fact]
    public void BenchQuery_Table_ShouldListTheSlowestQueries()
    {
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", _cli.Generate("articles", 10)).ExitCode);
        _cli.Write("queries.txt", "generated\ntoken3\nfiller\n");

        var result = _cli.RunOnIndex("bench", "query", "queries.txt", "--seconds", "0.3", "--warmup", "0", "--concurrency", "1", "--slowest", "2", "--no-paragraphs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("p99 ms", result.Out, StringComparison.Ordinal);
        Assert.Contains("no paragraphs", result.Out, StringComparison.Ordinal);
        var slowest = result.Out[result.Out.IndexOf("slowest queries", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, slowest.Length); // title, header, two queries
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "--threads 1,x", "'x' is not a whole number")]
    [InlineData(ExitCodes.Usage, "--ram-buffer 64,0", "--ram-buffer 64,0")]
    [InlineData(ExitCodes.Usage, "--analyzer english,klingon", "'klingon' is not an analyzer")]
    [InlineData(ExitCodes.Usage, "--directory mmap,ram", "'ram' is not mmap, nio, simple or memory")]
    [InlineData(ExitCodes.Usage, "--json --csv", "cannot be used together")]
    [InlineData(ExitCodes.Usage, "--chart out.gif", "--chart out.gif: charts are drawn as SVG only; give a file ending in .svg")]
    [InlineData(ExitCodes.Usage, "--chart out.png", "--chart out.png: charts are drawn as SVG only; give a file ending in .svg")]
    [InlineData(ExitCodes.Usage, "no-such-folder", "no-such-folder: no such file or folder")]
    public void BenchIndex_WithBadInput_ShouldExitWithOneLine(int code, string args, string message)
    {
        // Every case fails before anything is indexed.
        var result = _cli.Run(["bench", "index", .. args.Split(' ')]);

        AssertOneLineError(result, code, message);
    }

    [Fact]
    public void BenchQuery_WithoutQueriesFileOrIndex_ShouldExitUsageOrIndexProblem()
    {
        AssertOneLineError(_cli.RunOnIndex("bench", "query", "missing.txt"), ExitCodes.Usage, "missing.txt: no such queries file");

        _cli.Write("queries.txt", "anything\n");
        AssertOneLineError(_cli.RunOnIndex("bench", "query", "queries.txt"), ExitCodes.IndexProblem, "no index here");
    }

    [Fact]
    public void BenchQuery_WithAMalformedQuery_ShouldExitBadQueryNamingItsPosition()
    {
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", _cli.Generate("articles", 3)).ExitCode);
        _cli.Write("queries.txt", "generated\ntitle:(unclosed\n");

        var result = _cli.RunOnIndex("bench", "query", "queries.txt", "--seconds", "0.2", "--warmup", "0");

        AssertOneLineError(result, ExitCodes.BadQuery, "query 2");
    }

    /// <summary>A chart read back as XML: it must parse as an SVG document; its texts and the bars of each legend entry.</summary>
    private sealed class Svg
    {
        private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
        private readonly XElement _root;

        private Svg(XElement root) => _root = root;

        public static Svg Load(string path)
        {
            var root = XDocument.Load(path).Root!;
            Assert.Equal(Ns + "svg", root.Name);
            return new Svg(root);
        }

        public IReadOnlyList<string> Texts => [.. _root.Descendants(Ns + "text").Select(t => t.Value)];

        /// <summary>The bars drawn in the colour of the legend entry <paramref name="series"/> (its swatch follows its text).</summary>
        public int Bars(string series)
        {
            var swatch = _root.Descendants(Ns + "text").Single(t => t.Value == series).ElementsAfterSelf(Ns + "rect").First();
            var fill = Fill(swatch);
            Assert.NotNull(fill);
            return _root.Descendants(Ns + "rect").Count(r => r != swatch && Fill(r) == fill);
        }

        private static string? Fill(XElement element) =>
            ((string?)element.Attribute("style"))?.Split(';').FirstOrDefault(p => p.StartsWith("fill:rgb", StringComparison.Ordinal));
    }

    private static void AssertOneLineError(CliResult result, int code, string message)
    {
        Assert.True(result.ExitCode == code, result.ToString());
        // Progress notes may come first; the error itself is one line.
        var line = Assert.Single(result.Error.Split('\n'), l => l.Contains(message, StringComparison.Ordinal));
        Assert.StartsWith("searchkit: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
