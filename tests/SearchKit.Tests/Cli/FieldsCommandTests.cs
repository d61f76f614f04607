using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>The host's metadata flags: search --filter/--sort/--after, nextCursor and fields in JSON, show, stats, shell filters.</summary>
public sealed class FieldsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public FieldsCommandTests()
    {
        _cli.Write("corpus/feed.jsonl", string.Join('\n', Enumerable.Range(0, 12).Select(i =>
            $$"""{"id":"n{{i:D2}}","title":"Ferry news {{i}}","paragraphs":["The ferry story number {{i}}."],"category":"{{(i % 2 == 0 ? "sport" : "politics")}}","tags":["t{{i % 3}}"],"published":"2024-{{i + 1:D2}}-01T00:00:00Z","wordcount":{{100 + i}}}""")) + "\n");
        _cli.Write("corpus/front.txt", "---\ncategory: culture\nauthor: Ann Lee\nwordcount: 999\n---\nA ferry concert\n\nMusic on the ferry.\n\nMore music.\n");
        var run = _cli.RunOnIndex("index", Path.Combine(_cli.Root, "corpus"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void SearchJson_WithFilterAndSort_ShouldGiveFieldsAndNextCursor_AndTheCursorTheNextPage()
    {
        var first = _cli.RunOnIndex("search", "ferry", "--filter", "category=sport", "--filter", "published>=2024-03", "--sort", "newest", "--top", "2", "--json");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        var json = first.Json();
        Assert.Equal(["mode", "query", "total", "totalIsLowerBound", "tookMs", "suggestion", "hits", "nextCursor", "facets"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, json.GetProperty("total").GetInt64()); // n02, n04, n06, n08, n10
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(["n10", "n08"], hits.Select(h => h.GetProperty("id").GetString()));
        var fields = hits[0].GetProperty("fields");
        Assert.Equal("sport", fields.GetProperty("category").GetString());
        Assert.Equal("t1", fields.GetProperty("tags").GetString());
        Assert.Equal(110, fields.GetProperty("wordcount").GetDouble());
        Assert.StartsWith("2024-11-01T00:00:00", fields.GetProperty("published").GetString(), StringComparison.Ordinal);

        var cursor = json.GetProperty("nextCursor").GetString()!;
        var second = _cli.RunOnIndex("search", "ferry", "--filter", "category=sport", "--filter", "published>=2024-03", "--sort", "newest", "--top", "2", "--json", "--after", cursor).Json();
        Assert.Equal(["n06", "n04"], second.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
    }

    [Fact]
    public void Search_FiltersWithoutQuery_ShouldBrowse_AndTextOutputShouldPrintTheNextCursor()
    {
        var run = _cli.RunOnIndex("search", "--filter", "wordcount=100..103", "--sort", "wordcount", "--top", "3");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("4 articles match the filters wordcount=100..103", run.Out, StringComparison.Ordinal);
        Assert.Contains("next page: --after ", run.Out, StringComparison.Ordinal);
        var cursor = run.Out.Split("--after ")[1].Trim();
        var next = _cli.RunOnIndex("search", "--filter", "wordcount=100..103", "--sort", "wordcount", "--top", "3", "--after", cursor, "--json").Json();
        Assert.Equal(["n03"], next.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData(new[] { "search", "ferry", "--filter", "nosuch=1" }, "unknown field \"nosuch\"; the index has: category, tags, published, url, author, wordcount")]
    [InlineData(new[] { "search", "ferry", "--filter", "category>b" }, "\"category\" is a keyword field")]
    [InlineData(new[] { "search", "ferry", "--filter", "published>=soon" }, "\"soon\" is not a date")]
    [InlineData(new[] { "search", "ferry", "--filter", "tags" }, "malformed filter 'tags'")]
    [InlineData(new[] { "search", "ferry", "--sort=-nosuch" }, "unknown sort field \"nosuch\"")]
    [InlineData(new[] { "search", "ferry", "--after", "bogus" }, "malformed cursor")]
    [InlineData(new[] { "search", "ferry", "--passages", "--sort", "newest" }, "passage mode")]
    public void BadFilterSortOrCursor_ShouldExit3WithOneClearLine(string[] args, string message)
    {
        var run = _cli.RunOnIndex(args);

        Assert.True(run.ExitCode == ExitCodes.BadQuery, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_NoQueryAndNoFilter_ShouldStillBeAUsageError()
    {
        var run = _cli.RunOnIndex("search");
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
    }

    [Fact]
    public void ShowAndStats_ShouldListTheFields()
    {
        var show = _cli.RunOnIndex("show", "front");
        Assert.True(show.ExitCode == ExitCodes.Success, show.ToString());
        Assert.Contains("author: Ann Lee", show.Out, StringComparison.Ordinal);
        Assert.Contains("wordcount: 999", show.Out, StringComparison.Ordinal);

        var stats = _cli.RunOnIndex("stats", "--json").Json();
        var fields = stats.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => (f.GetProperty("kind").GetString(), f.GetProperty("articles").GetInt64()));
        Assert.Equal(("number", 13L), fields["wordcount"]);
        Assert.Equal(("keyword", 1L), fields["author"]);
        Assert.Equal(("date", 12L), fields["published"]);
        Assert.Equal(("keyword", 13L), fields["category"]);

        var text = _cli.RunOnIndex("stats");
        Assert.Matches(@"wordcount\s+number\s+13 articles", text.Out);
    }

    [Fact]
    public void Shell_FilterFiltersClear_ShouldNarrowTheQueriesThatFollow()
    {
        var run = _cli.RunWithInput(":filter category=culture\n:filters\nferry\n:clear\n:filter nosuch=1\nferry\n", default, "shell", "--json", "--index", _cli.IndexPath);

        var results = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(results.Count == 2, run.ToString());
        Assert.Equal(1, results[0].GetProperty("total").GetInt64());
        Assert.Equal(13, results[1].GetProperty("total").GetInt64());
        Assert.Contains("filters: category=culture", run.Error, StringComparison.Ordinal);
        Assert.Contains("filters cleared", run.Error, StringComparison.Ordinal);
        Assert.Contains("unknown field \"nosuch\"", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
    }
}
