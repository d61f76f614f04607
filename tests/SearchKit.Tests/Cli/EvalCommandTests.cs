using System.Globalization;
using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>
/// <c>eval</c> and <c>search --trec-run</c> on a tiny hand-written BEIR collection whose rankings are unambiguous,
/// so that every measure can be worked out by hand below.
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    // Seven articles, BEIR layout; blank lines in "text" separate paragraphs (d1 and d4 have two).
    private const string Corpus = """
        {"_id": "d1", "title": "Zebra migration", "text": "Zebras cross the river each year.\n\nThe herd moves north in spring."}
        {"_id": "d2", "title": "River crossings", "text": "Wildebeest and zebra cross together at the ford."}
        {"_id": "d3", "title": "Lighthouse keepers", "text": "Keepers trimmed the lamp every night."}
        {"_id": "d4", "title": "Lamp oil", "text": "Whale oil once fuelled the lighthouse lamp.\n\nParaffin replaced it later."}
        {"_id": "d5", "title": "Bread baking", "text": "Sourdough needs a lively starter."}
        {"_id": "d6", "title": "Harbour life", "text": "Fishing boats moor in the harbour overnight."}
        {"_id": "d7", "title": "Mountain weather", "text": "Storms gather over the peaks in the afternoon."}
        """;

    // q1 matches d1 (title and body) and d2 (body only), d1 clearly first; q2 matches d3 and d4 only; q3 is
    // not query syntax (a stray ':' and '(') and matches d6 only; q4 has no judgements.
    private const string Queries = """
        {"_id": "q1", "text": "zebra"}
        {"_id": "q2", "text": "lighthouse lamp"}
        {"_id": "q3", "text": "harbour: boats (moor"}
        {"_id": "q4", "text": "sourdough"}
        """;

    // BEIR TSV with its header. q1: d2 is very relevant (2), d5 relevant (1), d1 judged not relevant.
    // q2: both lamp articles relevant. q3: only d5, which it cannot find. q9 is judged but not asked.
    private const string QrelsTsv =
        "query-id\tcorpus-id\tscore\n" +
        "q1\td1\t0\nq1\td2\t2\nq1\td5\t1\n" +
        "q2\td3\t1\nq2\td4\t1\n" +
        "q3\td6\t0\nq3\td5\t1\n" +
        "q9\td7\t1\n";

    private readonly CliHarness _cli = new();
    private readonly string _queries;
    private readonly string _qrels;

    public EvalCommandTests()
    {
        _cli.Write("beir/corpus.jsonl", Corpus.Replace("\r\n", "\n", StringComparison.Ordinal));
        _queries = _cli.Write("beir/queries.jsonl", Queries);
        _qrels = _cli.Write("beir/qrels/test.tsv", QrelsTsv);
        var index = _cli.RunOnIndex("index", "beir/corpus.jsonl", "--format", "beir");
        Assert.True(index.ExitCode == ExitCodes.Success, index.ToString());
    }

    public void Dispose() => _cli.Dispose();

    // Worked out by hand. q1 ranks [d1 (grade 0), d2 (grade 2)] with 2 relevant documents (d2, d5):
    //   nDCG@10 = (2 / log2 3) / (2 / log2 2 + 1 / log2 3) = 1.261860 / 2.630930 = 0.479625
    //   AP = (1/2 at d2) / 2 relevant = 0.25; RR = 1/2; P@10 = 1/10; recall = 1/2.
    // q2 ranks d3 and d4 (both grade 1) at 1 and 2, in either order: every measure 1, except P@10 = 2/10.
    // q3 ranks [d6 (grade 0)]; its one relevant document d5 is not retrieved: every measure 0.
    private static readonly double Q1Ndcg = 2 / Math.Log2(3) / (2 + 1 / Math.Log2(3));

    private static readonly Dictionary<string, double> Q1 = new()
    {
        ["ndcg@10"] = Q1Ndcg, ["map"] = 0.25, ["mrr@10"] = 0.5, ["p@10"] = 0.1, ["recall@100"] = 0.5, ["recall@1000"] = 0.5,
    };

    private static readonly Dictionary<string, double> Q2 = new()
    {
        ["ndcg@10"] = 1, ["map"] = 1, ["mrr@10"] = 1, ["p@10"] = 0.2, ["recall@100"] = 1, ["recall@1000"] = 1,
    };

    private static readonly Dictionary<string, double> Q3 = new()
    {
        ["ndcg@10"] = 0, ["map"] = 0, ["mrr@10"] = 0, ["p@10"] = 0, ["recall@100"] = 0, ["recall@1000"] = 0,
    };

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static void AssertMetrics(IReadOnlyDictionary<string, double> expected, JsonElement metrics)
    {
        Assert.Equal(["ndcg@10", "map", "mrr@10", "p@10", "recall@100", "recall@1000"], Names(metrics));
        foreach (var (name, value) in expected)
        {
            Assert.True(Math.Abs(value - metrics.GetProperty(name).GetDouble()) < 1e-6, $"{name}: expected {value}, got {metrics.GetProperty(name)}");
        }
    }

    private CliResult Eval(params string[] extra) => _cli.RunOnIndex(["eval", "--queries", _queries, "--qrels", _qrels, .. extra]);

    [Fact]
    public void EvalJson_OnAHandMadeCollection_ShouldGiveTheMeansWorkedOutByHand()
    {
        var run = Eval("--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = run.Json();
        Assert.Equal(["queries", "metrics"], Names(json));
        Assert.Equal(3, json.GetProperty("queries").GetInt32()); // q4 is unjudged, q9 not asked: neither counts
        var mean = Q1.Keys.ToDictionary(k => k, k => (Q1[k] + Q2[k] + Q3[k]) / 3);
        Assert.Equal(0.49321, mean["ndcg@10"], 5); // (0.479625 + 1 + 0) / 3, a check on the formula above
        AssertMetrics(mean, json.GetProperty("metrics"));

        // What was left out is said on standard error, one line each.
        Assert.Contains("1 of 4 queries have no judgements", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 judged queries are not in", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalJsonPerQuery_ShouldGiveEachQueryItsHandWorkedMeasures()
    {
        var json = Eval("--json", "--per-query").Json();

        Assert.Equal(["queries", "metrics", "perQuery"], Names(json));
        var perQuery = json.GetProperty("perQuery").EnumerateArray().ToList();
        Assert.Equal(["q1", "q2", "q3"], perQuery.Select(q => q.GetProperty("id").GetString()));
        Assert.Equal(["id", "relevant", "retrieved", "metrics", "error"], Names(perQuery[0]));
        Assert.Equal([2, 2, 1], perQuery.Select(q => q.GetProperty("relevant").GetInt32()));
        Assert.Equal([2, 2, 1], perQuery.Select(q => q.GetProperty("retrieved").GetInt32()));
        Assert.All(perQuery, q => Assert.Equal(JsonValueKind.Null, q.GetProperty("error").ValueKind));
        AssertMetrics(Q1, perQuery[0].GetProperty("metrics"));
        AssertMetrics(Q2, perQuery[1].GetProperty("metrics"));
        AssertMetrics(Q3, perQuery[2].GetProperty("metrics"));
    }

    [Fact]
    public void Eval_ForPeople_ShouldPrintOneTableWithARowPerQueryAndTheMean()
    {
        var run = Eval("--per-query");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("3 judged queries evaluated in ", lines[0], StringComparison.Ordinal);
        Assert.Equal(["query", "relevant", "retrieved", "ndcg@10", "map", "mrr@10", "p@10", "recall@100", "recall@1000"], Cells(lines[1]));
        Assert.Equal(["q1", "2", "2", "0.4796", "0.2500", "0.5000", "0.1000", "0.5000", "0.5000"], Cells(lines[2]));
        Assert.Equal(["q2", "2", "2", "1.0000", "1.0000", "1.0000", "0.2000", "1.0000", "1.0000"], Cells(lines[3]));
        Assert.Equal(["q3", "1", "1", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000"], Cells(lines[4]));
        Assert.Equal(["all", "5", "5", "0.4932", "0.4167", "0.5000", "0.1000", "0.5000", "0.5000"], Cells(lines[5]));
        Assert.Equal(6, lines.Count);

        // Without --per-query only the mean row.
        var overall = Eval().Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, overall.Length);
        Assert.StartsWith("all ", overall[2], StringComparison.Ordinal);

        static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void EvalRunOut_ShouldWriteATrecRunFileOfTheJudgedQueries()
    {
        var run = Eval("--run-out", "run.txt", "--run-tag", "handmade");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = File.ReadAllLines(Path.Combine(_cli.Root, "run.txt")).Select(l => l.Split(' ')).ToList();
        Assert.All(lines, l => Assert.Equal(6, l.Length));
        Assert.All(lines, l => Assert.Equal("Q0", l[1]));
        Assert.All(lines, l => Assert.Equal("handmade", l[5]));
        Assert.Equal(["q1 d1 1", "q1 d2 2", "q3 d6 1"], lines.Where(l => l[0] != "q2").Select(l => $"{l[0]} {l[2]} {l[3]}"));
        Assert.Equal(["d3", "d4"], lines.Where(l => l[0] == "q2").Select(l => l[2]).Order(StringComparer.Ordinal));
        var q1Scores = lines.Where(l => l[0] == "q1").Select(l => double.Parse(l[4], CultureInfo.InvariantCulture)).ToList();
        Assert.True(q1Scores[0] > q1Scores[1]);
    }

    [Fact]
    public void EvalRunOut_IntoAMissingFolder_ShouldExit2NamingTheFile()
    {
        var run = Eval("--run-out", "no/such/folder/run.txt");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.StartsWith("searchkit: no/such/folder/run.txt: cannot write the run file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalFeedback_ShouldRunWithRm3AndStillCountTheSameQueries()
    {
        var run = Eval("--json", "--feedback");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var json = run.Json();
        Assert.Equal(3, json.GetProperty("queries").GetInt32());

        // RM3 can only add documents to a ranking, never lose q2's two relevant ones.
        Assert.True(json.GetProperty("metrics").GetProperty("recall@1000").GetDouble() >= 0.5 - 1e-9);
        Assert.Contains("RM3", Eval("--feedback").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_WithAMalformedQrelsLine_ShouldExit2NamingFileAndLine()
    {
        _cli.Write("bad-qrels.txt", "q1 0 d2 2\nq1 0 d1 yes\n");

        var run = _cli.RunOnIndex("eval", "--queries", _queries, "--qrels", "bad-qrels.txt");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("searchkit: bad-qrels.txt:2: ", line, StringComparison.Ordinal);
        Assert.Contains("yes", line, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Eval_WithAMalformedQueriesLine_ShouldExit2NamingFileAndLine()
    {
        _cli.Write("bad-queries.tsv", "q1\tzebra\nq2 lighthouse lamp\n");

        var run = _cli.RunOnIndex("eval", "--queries", "bad-queries.tsv", "--qrels", _qrels);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("searchkit: bad-queries.tsv:2: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-queries.jsonl", null, "no-such-queries.jsonl: no such file")]
    [InlineData(null, "no-such-qrels.tsv", "no-such-qrels.tsv: no such file")]
    public void Eval_WithAMissingFile_ShouldExit2NamingIt(string? queries, string? qrels, string expected)
    {
        var run = _cli.RunOnIndex("eval", "--queries", queries ?? _queries, "--qrels", qrels ?? _qrels);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.StartsWith($"searchkit: {expected}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_WhenNoQueryIsJudged_ShouldExit2AndSaySo()
    {
        _cli.Write("other-qrels.txt", "x1 0 d1 1\n");

        var run = _cli.RunOnIndex("eval", "--queries", _queries, "--qrels", "other-qrels.txt");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("none of the 4 queries", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_WithoutAnIndex_ShouldExit4()
    {
        var run = _cli.Run("eval", "--queries", _queries, "--qrels", _qrels, "--index", "no-index-here");

        Assert.True(run.ExitCode == ExitCodes.IndexProblem, run.ToString());
        Assert.False(Directory.Exists(Path.Combine(_cli.Root, "no-index-here")));
    }

    [Fact]
    public void Eval_WithoutQrels_ShouldBeAUsageError()
    {
        var run = _cli.RunOnIndex("eval", "--queries", _queries);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("--qrels", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchTrecRun_ShouldPrintOneRunLinePerHit()
    {
        var run = _cli.RunOnIndex("search", "zebra", "--trec-run", "--query-id", "q1", "--run-tag", "adhoc");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.Equal(["q1 Q0 d1 1", "q1 Q0 d2 2"], lines.Select(l => string.Join(' ', l[..4])));
        Assert.All(lines, l => Assert.Equal("adhoc", l[5]));
        Assert.True(double.Parse(lines[0][4], CultureInfo.InvariantCulture) > double.Parse(lines[1][4], CultureInfo.InvariantCulture));

        // Defaults: query id 1, tag searchkit; --top limits the depth.
        var top1 = _cli.RunOnIndex("search", "zebra", "--trec-run", "--top", "1");
        Assert.Matches(@"^1 Q0 d1 1 [0-9.]+ searchkit\n$", top1.Out);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--passages")]
    [InlineData("--skip", "1")]
    public void SearchTrecRun_WithAnIncompatibleOption_ShouldBeAUsageError(params string[] option)
    {
        var run = _cli.RunOnIndex(["search", "zebra", "--trec-run", .. option]);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains("--trec-run cannot be combined", run.Error, StringComparison.Ordinal);
    }
}
