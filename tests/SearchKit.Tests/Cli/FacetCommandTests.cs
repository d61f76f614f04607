using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>The host's facets: search/related --facet, the table after the hits, facets in --json, related --filter, shell :facet, bad facets.</summary>
public sealed class FacetCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public FacetCommandTests()
    {
        // n00..n11: sport for even i, politics for odd; tags t0..t2 and the words alpha, beta, gamma by i % 3; one a month of 2024; wordcount 100 + i.
        _cli.Write("corpus/feed.jsonl", string.Join('\n', Enumerable.Range(0, 12).Select(i =>
            $$"""{"id":"n{{i:D2}}","title":"Ferry news {{i}}","paragraphs":["The ferry story number {{i}} about {{Words[i % 3]}} boats."],"category":"{{(i % 2 == 0 ? "sport" : "politics")}}","tags":["t{{i % 3}}"],"published":"2024-{{i + 1:D2}}-01T00:00:00Z","wordcount":{{100 + i}}}""")) + "\n");
        var run = _cli.RunOnIndex("index", Path.Combine(_cli.Root, "corpus"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    private static readonly string[] Words = ["alpha", "beta", "gamma"];

    public void Dispose() => _cli.Dispose();

    private static Dictionary<string, long> Values(JsonElement facet) =>
        facet.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64());

    [Fact]
    public void SearchJson_ShouldGiveEachFacetItsValuesAndOther_IgnoringTheFiltersOnItsOwnField()
    {
        var run = _cli.RunOnIndex("search", "ferry", "--filter", "category=sport", "--facet", "category", "--facet", "tags:1", "--facet", "published:year", "--facet", "wordcount:..105,105..", "--top", "1", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var json = run.Json();
        Assert.Equal(6, json.GetProperty("total").GetInt64());
        var facets = json.GetProperty("facets");
        Assert.Equal(["category", "tags", "published", "wordcount"], facets.EnumerateObject().Select(p => p.Name));

        // category ignores category=sport; the others count the six sport articles (n00, n02, ..., n10).
        Assert.Equal(new Dictionary<string, long> { ["politics"] = 6, ["sport"] = 6 }, Values(facets.GetProperty("category")));
        Assert.Equal(0, facets.GetProperty("category").GetProperty("other").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["t0"] = 2 }, Values(facets.GetProperty("tags")));
        Assert.Equal(4, facets.GetProperty("tags").GetProperty("other").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["2024"] = 6 }, Values(facets.GetProperty("published")));
        Assert.Equal(new Dictionary<string, long> { ["..105"] = 3, ["105.."] = 3 }, Values(facets.GetProperty("wordcount")));
    }

    [Fact]
    public void SearchJson_WithoutFacets_ShouldHaveAnEmptyFacetsObject()
    {
        var json = _cli.RunOnIndex("search", "ferry", "--json").Json();
        Assert.Equal(JsonValueKind.Object, json.GetProperty("facets").ValueKind);
        Assert.Empty(json.GetProperty("facets").EnumerateObject());
    }

    [Fact]
    public void Search_ShouldPrintTheFacetsAsATableAfterTheHits()
    {
        var run = _cli.RunOnIndex("search", "--filter", "tags=t1", "--facet", "category", "--facet", "published:month", "--facet", "tags:1");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        int header = lines.FindIndex(l => l.Contains("facet", StringComparison.Ordinal) && l.Contains("articles", StringComparison.Ordinal));
        Assert.True(header > lines.FindLastIndex(l => l.Contains("(id n", StringComparison.Ordinal)), run.Out);

        // t1: n01, n04, n07, n10 — politics 2, sport 2; one a month; tags:1 shows t0 (4 articles, the filter on tags ignored) and the rest.
        Assert.Contains(lines, l => l.Contains("category", StringComparison.Ordinal) && l.Contains("politics", StringComparison.Ordinal) && l.EndsWith('2'));
        Assert.Contains(lines, l => l.Contains("2024-02", StringComparison.Ordinal) && l.EndsWith('1'));
        Assert.Contains(lines, l => l.Contains("tags", StringComparison.Ordinal) && l.Contains("t0", StringComparison.Ordinal) && l.EndsWith('4'));
        Assert.Contains(lines, l => l.Contains("(other)", StringComparison.Ordinal) && l.EndsWith('8'));
    }

    [Fact]
    public void Related_ShouldTakeFiltersAndFacets_InTheSearchJsonShape()
    {
        var search = _cli.RunOnIndex("search", "ferry", "--json", "--facet", "category").Json();
        var run = _cli.RunOnIndex("related", "n00", "--filter", "category=politics", "--facet", "category", "--json", "--top", "20");

        // Related to n00 ("alpha"): n03, n06, n09; politics among them: n03, n09; the category facet ignores the filter.
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var json = run.Json();
        Assert.Equal(search.EnumerateObject().Select(p => p.Name), json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["n03", "n09"], json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, long> { ["politics"] = 2, ["sport"] = 1 }, Values(json.GetProperty("facets").GetProperty("category")));
    }

    [Theory]
    [InlineData(new[] { "search", "ferry", "--facet", "nosuch" }, "unknown facet field \"nosuch\"; the index has: category, tags, published, url, wordcount")]
    [InlineData(new[] { "search", "ferry", "--facet", "category:month" }, "needs a date field; \"category\" is a keyword field")]
    [InlineData(new[] { "search", "ferry", "--facet", "tags:0" }, "malformed facet 'tags:0'")]
    [InlineData(new[] { "search", "ferry", "--facet", "wordcount:a..b" }, "\"a\" is not a number")]
    [InlineData(new[] { "related", "n00", "--facet", "published" }, "\"published\" is a date field")]
    [InlineData(new[] { "related", "n00", "--filter", "nosuch=1" }, "unknown field \"nosuch\"")]
    public void BadFacets_ShouldExit3WithOneClearLine(string[] args, string message)
    {
        var run = _cli.RunOnIndex(args);

        Assert.True(run.ExitCode == ExitCodes.BadQuery, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_Facet_ShouldCountTheQueriesThatFollow()
    {
        var run = _cli.RunWithInput(":facet category\n:facet nosuch\nferry\n:facet\nferry\n", default, "shell", "--json", "--index", _cli.IndexPath);

        var results = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(results.Count == 2, run.ToString());
        Assert.Equal(new Dictionary<string, long> { ["politics"] = 6, ["sport"] = 6 }, Values(results[0].GetProperty("facets").GetProperty("category")));
        Assert.Empty(results[1].GetProperty("facets").EnumerateObject());
        Assert.Contains("unknown facet field \"nosuch\"", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
    }

    [Fact]
    public void BenchQuery_ShouldRunEveryQueryWithTheFilterSortAndFacets()
    {
        _cli.Write("queries.txt", "ferry\nalpha\n");

        var run = _cli.RunOnIndex("bench", "query", "queries.txt", "--filter", "category=sport", "--sort", "newest", "--facet", "tags", "--facet", "wordcount:..105,105..", "--seconds", "0.2", "--warmup", "0", "--concurrency", "1", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var perQuery = run.Json().GetProperty("phases")[0].GetProperty("perQuery").EnumerateArray()
            .ToDictionary(q => q.GetProperty("query").GetString()!, q => q.GetProperty("hits").GetInt64());
        Assert.Equal(6, perQuery["ferry"]); // the sport articles
        Assert.Equal(2, perQuery["alpha"]); // n00, n06

        var bad = _cli.RunOnIndex("bench", "query", "queries.txt", "--facet", "category:day", "--seconds", "0.2", "--warmup", "0");
        Assert.True(bad.ExitCode == ExitCodes.BadQuery, bad.ToString());
        Assert.Contains("needs a date field", bad.Error, StringComparison.Ordinal);
    }
}
