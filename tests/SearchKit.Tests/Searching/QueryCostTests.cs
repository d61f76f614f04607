using System.Diagnostics;
using System.Globalization;
using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>
/// Queries whose cost Lucene does not bound on its own: regular expressions, wildcards and fuzzy terms that
/// overflowed the stack or ran for a minute, expensive expansions, quadratic hit building. Each is refused with
/// a <see cref="SearchKitQueryException"/> naming the position, or stopped at the time limit, never a crash.
/// </summary>
public sealed class QueryCostTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public QueryCostTests()
    {
        _index.Add([TestArticles.Harbour, TestArticles.Orchard]);
    }

    public void Dispose() => _index.Dispose();

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    public static TheoryData<string, string> OverLimit => new()
    {
        // The examples of the issue: each ended the process with a stack overflow.
        { "/a{1,100000}/", "repeat count" },
        { "/.{0,50000}/", "repeat count" },
        // Siblings: nested repeats, repeats of groups, unbounded repeats with a large minimum.
        { "/(a{1,400}){1,400}/", "expanded" },
        { "/((ab){1,300}c){1,300}/", "expanded" },
        { "/a{400,}b{400,}/", "expanded" },
        { "/(.{0,300}x){0,300}/", "expanded" },
        // Numbers Lucene reads as 32-bit integers: an overflow escaped as an undocumented exception.
        { "/a{99999999999}/", "repeat count" },
        { "/<1-99999999999>/", "9 digits" },
        // Determinizing blows up exponentially, forwards and backwards (Lucene determinizes the reverse too).
        { "/(a|b)*a(a|b){24}/", "automaton states" },
        { "/(a|b){24}a(a|b)*/", "automaton states" },
        { "/.*a.{30}/", "automaton states" },
        // Long: a thousand optional letters ran 44 s; long wildcard, prefix and fuzzy terms.
        { "/" + Repeat("a?", 1_000) + "/", "characters long" },
        { "/" + Repeat("a", 5_000) + "/", "characters long" },
        { Repeat("a*", 500), "characters long" },
        // Found by fuzzing: a hundred stars within the length limit ran past the time limit on two articles.
        { Repeat("a*", 100), "'*', over the limit" },
        { "a" + Repeat("b*", 9), "'*', over the limit" },
        { Repeat("ab?", 300), "characters long" },
        { "a" + Repeat("b", 400) + "*", "characters long" },
        { "a" + Repeat("b", 400) + "~2", "characters long" },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public void Search_PatternOverALimit_ShouldBeRefusedWithItsPosition(string query, string reason)
    {
        foreach (var passages in new[] { false, true })
        {
            var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(query, new SearchOptions { Passages = passages }));

            Assert.Contains(reason, e.Message, StringComparison.Ordinal);
            Assert.Equal(query, e.Query);
            Assert.NotNull(e.Position);
            Assert.InRange(e.Position.Value, 1, query.Length + 1);
        }
    }

    public static TheoryData<string> Malformed => new()
    {
        "/[z-a]/", "/a{/", "/a{1,/", "/a{x}/", "/<1->/", "/<a-b>/", "/\"abc/", "/[abc/", "/a\\/",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Search_MalformedRegularExpression_ShouldBeAQueryError(string query)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(query));

        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("/harbou?r/", "harbour")]
    [InlineData("/h.*r/", "harbour")]
    [InlineData("/ha[r-s]bour/", "harbour")]
    [InlineData("/(harbour|orchard)/", "harbour")]
    [InlineData("/o{0,50}rchard/", "orchard")]
    [InlineData("/<1-99999999>|harbour/", "harbour")]
    [InlineData("/@harbour/", "harbour")]
    [InlineData("harb*", "harbour")]
    [InlineData("harbr~", "harbour")]
    public void Search_PatternWithinTheLimits_ShouldStillFind(string query, string id)
    {
        Assert.Contains(_index.Search(query).Hits, h => h.Id == id);
    }

    [Fact]
    public void Search_ManyOptionalLettersWithinTheLimits_ShouldFinish()
    {
        // 120 optional letters is under the length limit; the check must let it through and Lucene build it quickly.
        var results = _index.Search("/" + Repeat("a?", 120) + "/");

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public void Search_ComplementAndIntersection_AreLiteralCharacters()
    {
        // Both determinize inside Lucene with no limit, so the parser turns them off: '~' and '&' are plain characters.
        Assert.Empty(_index.Search("/~(harbour)/").Hits);
        Assert.Empty(_index.Search("/harbour&h.*/").Hits);
    }

    [Fact]
    public void Search_ConfiguredPatternLength_ShouldBeEnforced()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { MaxPatternLength = 5 } });
        index.Add([TestArticles.Harbour]);

        Assert.NotEmpty(index.Search("harb*").Hits);
        var e = Assert.Throws<SearchKitQueryException>(() => index.Search("storm OR harbou*"));

        Assert.Contains("over the limit of 5", e.Message, StringComparison.Ordinal);
        Assert.Equal(10, e.Position);
    }

    [Fact]
    public void Search_ConfiguredStateLimit_ShouldBeEnforced()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { MaxRegexStates = 20 } });
        index.Add([TestArticles.Harbour]);

        Assert.NotEmpty(index.Search("/harbour/").Hits);
        var e = Assert.Throws<SearchKitQueryException>(() => index.Search("/(a|b)*a(a|b){6}/"));

        Assert.Contains("more than 20 automaton states", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ExpensiveTermExpansion_ShouldStopAtTheTimeLimit()
    {
        // Term expansion happens before any document is collected: a collector's time limit never saw it.
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { Timeout = TimeSpan.FromMilliseconds(100), MaxPatterns = 250 } });
        index.Add(Enumerable.Range(0, 2_000).Select(i => Article.Create(
            "a" + i.ToString(CultureInfo.InvariantCulture), "t", null,
            [string.Join(' ', Enumerable.Range(0, 20).Select(k => $"w{i}x{k}ay"))])));
        var query = string.Join(' ', Enumerable.Range(0, 250).Select(i => $"/.*{(char)('a' + (i % 26))}.*/"));

        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<SearchKitQueryException>(() => index.Search(query, new SearchOptions { Paragraphs = false }));

        Assert.Contains("ran longer than 0.1 s", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopped only after {clock.Elapsed}");
    }

    [Fact]
    public void Search_ManyPatterns_ShouldStopAtThePatternLimit()
    {
        string Patterns(int n) => string.Join(' ', Enumerable.Range(0, n).Select(i => $"/.*{(char)('a' + (i % 26))}.*/"));

        _index.Search(Patterns(QueryLimits.Default.MaxPatterns));
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(Patterns(250)));

        Assert.Contains($"more than {QueryLimits.Default.MaxPatterns} wildcard", e.Message, StringComparison.Ordinal);
        Assert.Equal((QueryLimits.Default.MaxPatterns * 8) + 1, e.Position);
    }

    [Fact]
    public void Search_Cancelled_ShouldThrowOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _index.Search("harbour", null, cancel.Token));
    }

    [Fact]
    public void Search_CancelledWhileExpanding_ShouldStopSoon()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { Timeout = TimeSpan.FromMinutes(5), MaxPatterns = 250 } });
        index.Add(Enumerable.Range(0, 2_000).Select(i => Article.Create(
            "a" + i.ToString(CultureInfo.InvariantCulture), "t", null,
            [string.Join(' ', Enumerable.Range(0, 20).Select(k => $"w{i}x{k}ay"))])));
        var query = string.Join(' ', Enumerable.Range(0, 250).Select(i => $"/.*{(char)('a' + (i % 26))}.*/"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => index.Search(query, new SearchOptions { Paragraphs = false }, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopped only after {clock.Elapsed}");
    }

    [Fact]
    public void Search_ArticleWithAHeadingPerParagraph_ShouldBuildTheHitInLinearTime()
    {
        // 40,000 paragraphs each under its own heading: re-reading the heading layout per paragraph was quadratic
        // (10,000 took 5.4 s, so this would take minutes); linear, it takes about a second.
        const int n = 40_000;
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { ReaderLimits = new ReaderLimits { MaxParagraphs = n } });
        var headings = Enumerable.Range(0, n).ToDictionary(i => i, i => "Section " + i.ToString(CultureInfo.InvariantCulture));
        index.Add([Article.Create("long", "Long", null, Enumerable.Range(0, n).Select(i => $"ferry number {i}"), headings)]);

        var clock = Stopwatch.StartNew();
        var hit = Assert.Single(index.Search("ferry").Hits);

        Assert.Equal(n, hit.Paragraphs.Count);
        Assert.Equal("Section 12345", hit.Paragraphs[12345].Heading);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"one hit took {clock.Elapsed}");
    }
}

/// <summary>Purely negative queries and clauses mean "everything except", as in Elasticsearch.</summary>
public sealed class NegativeQueryTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public NegativeQueryTests()
    {
        _index.Add([
            TestArticles.Make("h-ferry", "The harbour ferry left late."),
            TestArticles.Make("h-only", "The harbour wall held."),
            TestArticles.Make("ferry-only", "A ferry crossed the bay."),
            TestArticles.Make("neither", "Apple blossom was lost."),
        ]);
    }

    public void Dispose() => _index.Dispose();

    private string[] Ids(string query) => [.. _index.Search(query, new SearchOptions { Top = 100 }).Hits.Select(h => h.Id).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("NOT ferry", new[] { "h-only", "neither" })]
    [InlineData("-ferry", new[] { "h-only", "neither" })]
    [InlineData("!ferry", new[] { "h-only", "neither" })]
    [InlineData("harbour OR NOT ferry", new[] { "h-ferry", "h-only", "neither" })]
    [InlineData("harbour NOT ferry", new[] { "h-only" })]
    [InlineData("harbour -ferry", new[] { "h-only" })]
    [InlineData("harbour AND (NOT ferry)", new[] { "h-only" })]
    [InlineData("(NOT ferry) OR ferry", new[] { "ferry-only", "h-ferry", "h-only", "neither" })]
    [InlineData("NOT ferry NOT harbour", new[] { "neither" })]
    public void Search_NegativeQuery_ShouldMeanEverythingExcept(string query, string[] expected)
    {
        Assert.Equal(expected, Ids(query));
    }

    [Fact]
    public void Search_NegativeQuery_ShouldCountEveryOtherArticle()
    {
        Assert.Equal(2, _index.Search("NOT ferry").Total);
    }
}

/// <summary>Passage mode's total counts matching paragraphs, exactly or flagged as a lower bound.</summary>
public sealed class PassageTotalTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(40)]
    public void Search_PassagesOfFewArticles_TotalIsExactWhateverTheSkip(int skip)
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add(Enumerable.Range(0, 30).Select(i => TestArticles.Make("a" + i.ToString(CultureInfo.InvariantCulture), "ferry one", "nothing here", "ferry two", "ferry three")));

        var results = index.Search("ferry", new SearchOptions { Passages = true, Skip = skip, Top = 10 });

        Assert.Equal(90, results.Total);
        Assert.False(results.TotalIsLowerBound);
        Assert.Equal(Math.Clamp(90 - skip, 0, 10), results.Hits.Count);
    }

    [Fact]
    public void Search_PassagesOfManyArticles_TotalIsFlaggedAsALowerBound()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add(Enumerable.Range(0, 2_000).Select(i => TestArticles.Make("a" + i.ToString(CultureInfo.InvariantCulture), "ferry " + i.ToString(CultureInfo.InvariantCulture))));

        var first = index.Search("ferry", new SearchOptions { Passages = true });
        var deeper = index.Search("ferry", new SearchOptions { Passages = true, Skip = 100 });

        Assert.True(first.TotalIsLowerBound);
        Assert.True(deeper.TotalIsLowerBound);
        Assert.InRange(first.Total, 10, 2_000);
        Assert.InRange(deeper.Total, 110, 2_000);
        Assert.False(index.Search("ferry").TotalIsLowerBound);
        Assert.Equal(2_000, index.Search("ferry").Total);
    }
}
