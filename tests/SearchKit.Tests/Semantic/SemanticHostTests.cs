using System.Text.Json;
using SearchKit.Cli;
using SearchKit.Tests.Cli;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Semantic;

/// <summary>
/// The host's semantic options, in-process: the semantic build (a factory of fake embedders, as the semantic tool
/// passes its model loader) and the lean build (no factory), which refuses them in one line.
/// </summary>
public sealed class SemanticHostTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly List<FakeEmbedder> _loaded = [];

    public SemanticHostTests()
    {
        _cli.Write("docs/cardiology.txt", "Outcomes in the coronary unit\n\nPatients were admitted with chest pain.\n\nEarly treatment of myocardial infarction reduced damage to the muscle.");
        _cli.Write("docs/ferry.txt", "Harbour ferry timetable\n\nThe harbour ferry will sail every twenty minutes.\n\nNight crossings stop at midnight.");
        _cli.Write("docs/orchard.txt", "Late frost in the orchards\n\nApple blossom was lost across the valley.");
    }

    public void Dispose() => _cli.Dispose();

    private void UseSemanticBuild() => _cli.Embedders = name =>
    {
        if (name is not (null or "fake-stems"))
        {
            throw new ArgumentException($"unknown model '{name}'; known: fake-stems");
        }

        var embedder = new FakeEmbedder();
        _loaded.Add(embedder);
        return embedder;
    };

    private static void AssertOneLineError(CliResult run, int code, string expected)
    {
        Assert.True(run.ExitCode == code, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at SearchKit", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LeanBuild_ShouldRefuseSemanticOptionsInOneLine()
    {
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", "docs").ExitCode);

        AssertOneLineError(_cli.RunOnIndex("search", "heart attack", "--mode", "semantic"), ExitCodes.Usage, "need the semantic build of the tool");
        AssertOneLineError(_cli.RunOnIndex("search", "heart attack", "--mode", "hybrid"), ExitCodes.Usage, "need the semantic build of the tool");
        AssertOneLineError(_cli.RunOnIndex("index", "docs", "--embeddings"), ExitCodes.Usage, "need the semantic build of the tool");

        // Keyword search is what the lean build does, and says so in the JSON.
        var keyword = _cli.RunOnIndex("search", "ferry", "--mode", "keyword", "--json");
        Assert.Equal("keyword", keyword.Json().GetProperty("mode").GetString());
    }

    [Fact]
    public void SemanticBuild_ShouldIndexWithEmbeddingsAndSearchByMeaning()
    {
        UseSemanticBuild();
        var index = _cli.RunOnIndex("index", "docs", "--embeddings", "--json");
        Assert.True(index.ExitCode == ExitCodes.Success, index.ToString());
        Assert.Equal(3, SemanticCorpus.AuditVectors(_cli.IndexPath, new FakeEmbedder()));

        var keyword = _cli.RunOnIndex("search", "heart attack", "--json");
        Assert.Equal(0, keyword.Json().GetProperty("total").GetInt64());

        var semantic = _cli.RunOnIndex("search", "heart attack", "--mode", "semantic", "--json");
        Assert.True(semantic.ExitCode == ExitCodes.Success, semantic.ToString());
        var json = semantic.Json();
        Assert.Equal("mode", json.EnumerateObject().First().Name);
        Assert.Equal("semantic", json.GetProperty("mode").GetString());
        var hit = json.GetProperty("hits")[0];
        Assert.Equal("cardiology", Path.GetFileNameWithoutExtension(hit.GetProperty("path").GetString()));
        var paragraphs = hit.GetProperty("paragraphs").EnumerateArray().ToList();
        Assert.All(paragraphs, p => Assert.InRange(p.GetProperty("similarity").GetDouble(), -1, 1));
        Assert.Contains("myocardial", paragraphs.MaxBy(p => p.GetProperty("similarity").GetDouble()).GetProperty("text").GetString(), StringComparison.Ordinal);

        // Each loaded embedder is disposed when the command ends.
        Assert.All(_loaded, e => Assert.True(e.Disposed));

        // People see the mode and the similarities too.
        var people = _cli.RunOnIndex("search", "heart attack", "--mode", "hybrid", "--fusion", "blend");
        Assert.True(people.ExitCode == ExitCodes.Success, people.ToString());
        Assert.Contains("by words and meaning", people.Out, StringComparison.Ordinal);
        Assert.Contains("≈", people.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KeywordJson_ShouldHaveNoSimilarities()
    {
        UseSemanticBuild();
        _cli.RunOnIndex("index", "docs", "--embeddings");
        var json = _cli.RunOnIndex("search", "midnight", "--json").Json();
        var paragraph = json.GetProperty("hits")[0].GetProperty("paragraphs")[0];
        Assert.False(paragraph.TryGetProperty("similarity", out _));
    }

    [Fact]
    public void BadModeOrFusionOrModel_ShouldBeUsageErrors()
    {
        UseSemanticBuild();
        _cli.RunOnIndex("index", "docs", "--embeddings");
        AssertOneLineError(_cli.RunOnIndex("search", "ferry", "--mode", "fuzzy"), ExitCodes.Usage, "unknown mode 'fuzzy'");
        AssertOneLineError(_cli.RunOnIndex("search", "ferry", "--mode", "hybrid", "--fusion", "max"), ExitCodes.Usage, "unknown fusion 'max'");
        AssertOneLineError(_cli.RunOnIndex("index", "docs", "--embeddings", "no-such-model"), ExitCodes.Usage, "cannot load the embedding model 'no-such-model'");
    }

    [Fact]
    public void SemanticSearch_OnAnIndexWithoutEmbeddings_ShouldSayHowToAddThem()
    {
        UseSemanticBuild();
        _cli.RunOnIndex("index", "docs");
        AssertOneLineError(_cli.RunOnIndex("search", "heart", "--mode", "semantic"), ExitCodes.Usage, "has no embeddings");
    }

    [Fact]
    public void IndexEmbeddings_OverAnExistingIndex_ShouldEmbedWhatLacksVectorsAndLaterRunsShouldKeepThem()
    {
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("index", "docs").ExitCode);
        UseSemanticBuild();

        var run = _cli.RunOnIndex("index", "docs", "--embeddings", "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("embedded 3 article(s)", run.Error, StringComparison.Ordinal);
        // Said before embedding starts, once: the files run had nothing to embed (unchanged), the run over the index had.
        Assert.Single(run.Error.Split('\n'), line => line.StartsWith("indexing: embedding with fake-stems", StringComparison.Ordinal));
        Assert.Equal(3, run.Json().GetProperty("updated").GetInt64());
        Assert.Equal(3, SemanticCorpus.AuditVectors(_cli.IndexPath, new FakeEmbedder()));
        var stats = _cli.RunOnIndex("stats", "--json").Json().GetProperty("embeddings");
        Assert.Equal(("fake-stems", 64, 3), (stats.GetProperty("name").GetString(), stats.GetProperty("dimensions").GetInt32(), stats.GetProperty("articles").GetInt32()));

        // A later run without the option embeds the new file with the index's own model.
        _cli.Write("docs/clinic.txt", "Heart clinic opens\n\nA new heart clinic opened by the harbour.");
        var later = _cli.RunOnIndex("index", "docs");
        Assert.True(later.ExitCode == ExitCodes.Success, later.ToString());
        Assert.Contains("indexing: embedding with fake-stems", later.Error, StringComparison.Ordinal);
        Assert.Equal(4, SemanticCorpus.AuditVectors(_cli.IndexPath, new FakeEmbedder()));

        // The lean build will not write to it: its articles would lack vectors.
        _cli.Embedders = null;
        _cli.Write("docs/more.txt", "More news\n\nNothing much.");
        AssertOneLineError(_cli.RunOnIndex("index", "docs"), ExitCodes.Usage, "the index has embeddings");
        Assert.Equal(ExitCodes.Success, _cli.RunOnIndex("search", "clinic").ExitCode);
    }

    [Fact]
    public void AnotherModelsEmbedder_ShouldBeRefusedWithTheWayToChangeModels()
    {
        UseSemanticBuild();
        _cli.RunOnIndex("index", "docs", "--embeddings");
        _cli.Embedders = _ => new FakeEmbedder("other-model", "3", 64);
        AssertOneLineError(_cli.RunOnIndex("index", "docs", "--embeddings", "other-model"), ExitCodes.IndexProblem, "--rebuild --embeddings MODEL");
    }

    [Fact]
    public void Shell_ModeCommand_ShouldSwitchToSemanticSearch()
    {
        UseSemanticBuild();
        _cli.RunOnIndex("index", "docs", "--embeddings");
        var run = _cli.RunWithInput(":mode semantic\nheart attack\n:mode keyword\nheart attack\n", default, "shell", "--json", "--index", _cli.IndexPath);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var results = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["semantic", "keyword"], results.Select(r => r.GetProperty("mode").GetString()));
        Assert.True(results[0].GetProperty("total").GetInt64() > 0);
        Assert.Equal(0, results[1].GetProperty("total").GetInt64());
        Assert.Contains("semantic search", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalAndBench_ShouldTakeTheMode()
    {
        UseSemanticBuild();
        _cli.RunOnIndex("index", "docs", "--embeddings");
        var queries = _cli.Write("queries.tsv", "q1\theart attack\nq2\tboats at night\n");
        var qrels = _cli.Write("qrels.txt", "q1 0 cardiology 1\nq2 0 ferry 1\n");
        var ids = _cli.RunOnIndex("search", "heart attack", "--mode", "semantic", "--json").Json().GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        _cli.Write("qrels.txt", $"q1 0 {ids[0]} 1\n");

        var keyword = _cli.RunOnIndex("eval", "--queries", queries, "--qrels", qrels, "--json").Json();
        var semantic = _cli.RunOnIndex("eval", "--queries", queries, "--qrels", qrels, "--json", "--mode", "semantic").Json();
        var ndcg = (JsonElement e) => e.GetProperty("metrics").EnumerateObject().First(m => m.Name.StartsWith("ndcg", StringComparison.OrdinalIgnoreCase)).Value.GetDouble();
        Assert.Equal(0, ndcg(keyword));
        Assert.Equal(1, ndcg(semantic), 6);

        _cli.Write("bench-queries.txt", "heart attack\nharbour\n");
        var bench = _cli.RunOnIndex("bench", "query", "bench-queries.txt", "--seconds", "0.2", "--warmup", "0", "--mode", "hybrid");
        Assert.True(bench.ExitCode == ExitCodes.Success, bench.ToString());
    }
}
