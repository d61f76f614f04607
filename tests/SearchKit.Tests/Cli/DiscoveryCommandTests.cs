using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>The host's did-you-mean line and key, <c>complete</c> and <c>related</c>.</summary>
public sealed class DiscoveryCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public DiscoveryCommandTests()
    {
        var run = _cli.RunOnIndex("index", CliHarness.Samples, _cli.Generate("generated", 12));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Search_ThatFindsNothing_ShouldSayDidYouMean()
    {
        var run = _cli.RunOnIndex("search", "ferrry");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("No articles match ferrry", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Did you mean: ferry\? \(\d+ articles?\)", run.Out);
    }

    [Fact]
    public void SearchJson_ShouldCarryTheSuggestion()
    {
        var json = _cli.RunOnIndex("search", "title:ferrry", "--json").Json();

        var suggestion = json.GetProperty("suggestion");
        Assert.Equal("title:ferry", suggestion.GetProperty("query").GetString());
        Assert.True(suggestion.GetProperty("total").GetInt64() > json.GetProperty("total").GetInt64());
        Assert.Equal(["query", "total"], suggestion.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Complete_ShouldListWordsAndTitles()
    {
        var run = _cli.RunOnIndex("complete", "fer");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Matches(@"word\s+ferr(y|ies)\s+\(\d+ articles?\)", run.Out);

        var json = _cli.RunOnIndex("complete", "fer", "--json", "--top", "3").Json();
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.InRange(json.GetArrayLength(), 1, 3);
        Assert.All(json.EnumerateArray(), c =>
        {
            Assert.Equal(["text", "kind", "articles"], c.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("fer", c.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(c.GetProperty("kind").GetString(), new[] { "word", "title" });
        });
    }

    [Fact]
    public void Complete_BadInput_ShouldBeUsageErrors()
    {
        var top = _cli.RunOnIndex("complete", "fer", "--top", "0");
        Assert.Equal(ExitCodes.Usage, top.ExitCode);
        Assert.Contains("--top must be between 1 and 100", top.Error, StringComparison.Ordinal);

        var tooLong = _cli.RunOnIndex("complete", new string('x', 300));
        Assert.Equal(ExitCodes.Usage, tooLong.ExitCode);
        Assert.Contains("over the limit of 200", tooLong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", tooLong.Error, StringComparison.Ordinal);

        var nothing = _cli.RunOnIndex("complete", "qqqqq");
        Assert.Equal(ExitCodes.Success, nothing.ExitCode);
        Assert.Contains("No completions", nothing.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Related_ShouldPrintTheSearchJsonShape_WithoutTheArticle()
    {
        var search = _cli.RunOnIndex("search", "ferry", "--json").Json();
        var id = search.GetProperty("hits")[0].GetProperty("id").GetString()!;

        var run = _cli.RunOnIndex("related", id, "--json", "--top", "3");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var json = run.Json();
        Assert.Equal(search.EnumerateObject().Select(p => p.Name), json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, json.GetProperty("query").GetString());
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.InRange(hits.Count, 1, 3);
        Assert.DoesNotContain(hits, h => h.GetProperty("id").GetString() == id);
        Assert.Equal(search.GetProperty("hits")[0].EnumerateObject().Select(p => p.Name), hits[0].EnumerateObject().Select(p => p.Name));

        var human = _cli.RunOnIndex("related", id, "--top", "2");
        Assert.True(human.ExitCode == ExitCodes.Success, human.ToString());
        Assert.Contains("  1. ", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Related_UnknownId_ShouldSaySoAndFail()
    {
        var run = _cli.RunOnIndex("related", "no/such-article");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("no article with id 'no/such-article'", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
