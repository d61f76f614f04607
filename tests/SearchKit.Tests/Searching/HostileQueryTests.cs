using System.Globalization;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>The query parser fails only with <see cref="SearchKitQueryException"/>, whatever it is given; each query limit is enforced.</summary>
public sealed class HostileQueryTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public HostileQueryTests()
    {
        _index.Add([TestArticles.Harbour, TestArticles.Orchard]);
    }

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData(QuerySyntax.Lucene)]
    [InlineData(QuerySyntax.Natural)]
    public void Search_OnHostileQueries_ShouldReturnResultsOrThrowSearchKitQueryException(QuerySyntax syntax)
    {
        var options = new SearchOptions { Syntax = syntax, Passages = false };
        HostileText.Query.Sample(query =>
        {
            try
            {
                _index.Search(query, options);
            }
            catch (SearchKitQueryException e)
            {
                Assert.Equal(query, e.Query);
                Assert.DoesNotContain('\n', e.Message);
                if (e.Position is int at)
                {
                    Assert.InRange(at, 1, query.Length + 1);
                }
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Search_NaturalSyntax_ShouldNeverFailOnWhatTheUserTyped()
    {
        var options = new SearchOptions { Syntax = QuerySyntax.Natural };
        HostileText.Query.Where(q => !string.IsNullOrWhiteSpace(q)).Sample(query =>
        {
            try
            {
                _index.Search(query, options);
            }
            catch (SearchKitQueryException e) when (e.Message.Contains("clauses", StringComparison.Ordinal))
            {
                // Only a limit may stop a natural query, never its characters.
            }
        }, iter: 300);
    }

    [Theory]
    [InlineData("/a{1,100000}/", 3)]
    [InlineData("/.{0,50000}/", 3)]
    [InlineData("harbour /(a|b)*a(a|b){24}/", 10)]
    [InlineData("title:/((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))/", 40)]
    public void Search_RegexThatEndedTheProcess_ShouldBeAQueryErrorWithItsPosition(string query, int position)
    {
        // Each of these overflowed the stack (or would run for minutes) while Lucene built the automaton; see QueryCostTests for the siblings.
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(query, new SearchOptions { Passages = true }));

        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Search_DeeplyNestedParentheses_ShouldStopAtTheNestingLimit()
    {
        var limit = QueryLimits.Default.MaxNesting;
        string Nested(int depth) => new string('(', depth) + "harbour" + new string(')', depth);

        Assert.NotEmpty(_index.Search(Nested(limit)).Hits);
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(Nested(limit + 1)));
        var deep = Assert.Throws<SearchKitQueryException>(() => _index.Search(Nested(4_000)));

        Assert.Equal(limit + 1, e.Position);
        Assert.Contains($"nested more than {limit} deep", deep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ThousandsOfClauses_ShouldStopAtTheClauseLimit()
    {
        string Clauses(int n) => string.Join(" ", Enumerable.Range(0, n).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));

        // Each word is searched in four fields, so 4 × 256 = 1,024 clauses is the most the default allows.
        _index.Search(Clauses(QueryLimits.Default.MaxClauses / 4));
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(Clauses(1_500)));

        Assert.Contains("clauses", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ConfiguredClauseLimit_ShouldBeEnforced()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { MaxClauses = 8 } });

        index.Search("harbour OR storm");
        var e = Assert.Throws<SearchKitQueryException>(() => index.Search("harbour OR storm OR frost"));

        Assert.Contains("over the limit of 8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_OverlongQuery_ShouldStopAtTheLengthLimit()
    {
        var limit = QueryLimits.Default.MaxQueryLength;

        // A query of exactly the limit is searched: padded out with spaces, it finds what its word finds.
        var word = "harbour";
        Assert.Equal(_index.Search(word).Total, _index.Search(word + new string(' ', limit - word.Length)).Total);
        Assert.True(_index.Search(word).Total > 0);
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(new string('x', limit + 1)));

        Assert.Contains($"over the limit of {limit}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_RunningPastTheTimeout_ShouldBeStoppedWithAQueryError()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { Timeout = TimeSpan.FromMilliseconds(1) } });
        index.Add(Enumerable.Range(0, 30_000).Select(i => Article.Create("t" + i.ToString(CultureInfo.InvariantCulture), "Common title", null, ["common words in every article"])));

        // The clock Lucene checks ticks every few milliseconds: some of these searches straddle a tick.
        SearchKitQueryException? stopped = null;
        for (int attempt = 0; attempt < 200 && stopped is null; attempt++)
        {
            try
            {
                index.Search("common OR words OR article", new SearchOptions { Paragraphs = false, Top = 1 });
            }
            catch (SearchKitQueryException e)
            {
                stopped = e;
            }
        }

        Assert.NotNull(stopped);
        Assert.Contains("ran longer than", stopped.Message, StringComparison.Ordinal);
    }
}
