using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

public sealed class SearchCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public SearchCommandTests()
    {
        var run = _cli.RunOnIndex("index", CliHarness.Samples, _cli.Generate("generated", 30));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    public void Dispose() => _cli.Dispose();

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void SearchJson_ShouldPrintExactlyOneObjectOfTheDocumentedShape()
    {
        var run = _cli.RunOnIndex("search", "ferry", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = run.Json();
        Assert.Equal(["mode", "query", "total", "totalIsLowerBound", "tookMs", "suggestion", "hits", "nextCursor", "facets"], Names(json));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("suggestion").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nextCursor").ValueKind);
        Assert.False(json.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal("ferry", json.GetProperty("query").GetString());
        Assert.Equal("keyword", json.GetProperty("mode").GetString());
        Assert.Equal(1, json.GetProperty("total").GetInt64());
        Assert.True(json.GetProperty("tookMs").GetDouble() >= 0);
        var hit = Assert.Single(json.GetProperty("hits").EnumerateArray());
        Assert.Equal(["id", "title", "path", "score", "fields", "paragraphs"], Names(hit));
        Assert.Equal("one-per-line/kellan-ferry-dredging", hit.GetProperty("id").GetString());
        Assert.EndsWith("kellan-ferry-dredging.txt", hit.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        var paragraphs = hit.GetProperty("paragraphs").EnumerateArray().ToList();
        Assert.True(paragraphs.Count >= 2);
        Assert.All(paragraphs, p =>
        {
            Assert.Equal(["index", "heading", "text", "snippet", "highlights"], Names(p));
            var text = p.GetProperty("text").GetString()!;
            Assert.All(p.GetProperty("highlights").EnumerateArray(), h => Assert.Matches("(?i)^ferr(y|ies)$", text.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())));
            Assert.Matches("(?i)«ferr(y|ies)»", p.GetProperty("snippet").GetString());
            Assert.Matches("(?i)ferr(y|ies)", p.GetProperty("text").GetString());
        });
        var indexes = paragraphs.Select(p => p.GetProperty("index").GetInt32()).ToList();
        Assert.Equal(indexes.Order(), indexes); // document order
        Assert.Contains(paragraphs, p => p.GetProperty("heading").ValueKind == JsonValueKind.Null);
        Assert.Contains(paragraphs, p => p.GetProperty("heading").GetString() == "Environmental conditions");
    }

    [Fact]
    public void SearchJson_GeneratedArticle_ShouldNameTheParagraphThatHoldsTheWord()
    {
        var json = _cli.RunOnIndex("search", "token17", "--json").Json();

        Assert.Equal(1, json.GetProperty("total").GetInt64());
        var hit = Assert.Single(json.GetProperty("hits").EnumerateArray());
        Assert.Equal("article-017", hit.GetProperty("id").GetString());
        var paragraph = Assert.Single(hit.GetProperty("paragraphs").EnumerateArray());
        Assert.Equal(17 % 3, paragraph.GetProperty("index").GetInt32());
        Assert.Contains("«token17»", paragraph.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchJson_TopAndSkip_ShouldPageWhileTotalCountsAll()
    {
        var all = _cli.RunOnIndex("search", "generated", "--json", "--top", "100").Json();
        var page = _cli.RunOnIndex("search", "generated", "--json", "--top", "5", "--skip", "5").Json();

        Assert.Equal(30, all.GetProperty("total").GetInt64());
        Assert.Equal(30, page.GetProperty("total").GetInt64());
        var allIds = all.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        var pageIds = page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.Equal(allIds.Skip(5).Take(5), pageIds);
    }

    [Fact]
    public void SearchJson_Passages_ShouldGiveEachHitExactlyOneParagraph()
    {
        var json = _cli.RunOnIndex("search", "heron OR puffin", "--json", "--passages").Json();

        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.True(hits.Count >= 3, json.ToString());
        Assert.All(hits, h => Assert.Single(h.GetProperty("paragraphs").EnumerateArray()));
    }

    [Fact]
    public void SearchJson_Explain_ShouldAddAnExplanationPerHit()
    {
        var json = _cli.RunOnIndex("search", "frost", "--json", "--explain").Json();

        var hit = json.GetProperty("hits").EnumerateArray().First();
        Assert.False(string.IsNullOrWhiteSpace(hit.GetProperty("explanation").GetString()));
    }

    [Fact]
    public void Search_Human_ShouldShowRankTitlePathAndMarkedParagraphsWithoutColourCodes()
    {
        var run = _cli.RunOnIndex("search", "heron");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("1 article matches heron", run.Out, StringComparison.Ordinal);
        Assert.Contains("  1. Rafts, rain and a stubborn heron", run.Out, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("wrapped", "river-festival.txt"), run.Out, StringComparison.Ordinal);
        Assert.Contains("¶2 Boats and bridges › The race was held up", run.Out, StringComparison.Ordinal);
        Assert.Contains("a grey «heron» settled", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain('\u0002', run.Out);
    }

    [Fact]
    public void Search_NothingFound_ShouldExit0()
    {
        var run = _cli.RunOnIndex("search", "xylophone");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("No articles match", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, _cli.RunOnIndex("search", "xylophone", "--json").Json().GetProperty("total").GetInt64());
    }

    [Fact]
    public void Search_MalformedQuery_ShouldExit3WithOneLineOnStandardError()
    {
        var run = _cli.RunOnIndex("search", "ferry AND (harbour");

        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("searchkit: malformed query:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_MalformedQueryVerbose_ShouldAddTheStackTrace()
    {
        var run = _cli.RunOnIndex("search", "ferry AND (harbour", "--verbose");

        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
        Assert.Contains(" at ", run.Error, StringComparison.Ordinal);
    }
}
