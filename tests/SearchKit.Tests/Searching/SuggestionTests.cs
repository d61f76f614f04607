using CsCheck;
using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

public sealed class SuggestionTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public SuggestionTests()
    {
        var articles = new List<Article>();
        for (int i = 0; i < 25; i++)
        {
            articles.Add(new Article($"port{i}", $"Harbour report {i}", "Negotiations continue.",
            [
                new Paragraph(0, $"The harbour wall held after the storm, said officials in Reykjavik on day {i}."),
                new Paragraph(1, "Negotiations over the new quay went on through the week."),
            ]));
        }

        for (int i = 0; i < 4; i++)
        {
            articles.Add(Article.Create($"farm{i}", $"Orchard growers count the cost {i}", null, ["Apple blossom was lost to frost across the valley."]));
        }

        // A misspelling in the text itself: a word the index has, but far rarer than its correction (20 times at least).
        articles.Add(Article.Create("typo", "A note", null, ["The harbur master was away."]));
        var report = _index.Add(articles);
        Assert.Equal(30, report.Added);
    }

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData("harbr", "harbour")]
    [InlineData("Harbr", "Harbour")]
    [InlineData("harbors", "harbour")] // stems harbor: one edit from the stem harbour, spelled back from the text
    [InlineData("reykjavk", "Reykjavik")]
    [InlineData("title:harbr AND stom", "title:harbour AND storm")]
    [InlineData("\"harbr wall\"~2 -orchard", "\"harbour wall\"~2 -orchard")]
    [InlineData("(harbr OR blosom)^2", "(harbour OR blossom)^2")]
    [InlineData("harbr^3", "harbour^3")]
    public void Misspelled_ShouldProposeTheIndexsSpellingAndKeepTheSyntax(string typed, string expected)
    {
        var results = _index.Search(typed);

        Assert.True(results.Total < 3, $"{typed} found {results.Total}");
        var suggestion = Assert.IsType<QuerySuggestion>(results.Suggestion);
        Assert.Equal(expected, suggestion.Query);
        Assert.Equal(_index.Search(expected).Total, suggestion.Total);
        Assert.True(suggestion.Total > results.Total);
    }

    [Fact]
    public void ARareWordOfTheIndex_ShouldStillBeCorrectedToAFarMoreFrequentOne()
    {
        var results = _index.Search("harbur");

        Assert.Equal(1, results.Total);
        Assert.Equal(new QuerySuggestion("harbour", 25), results.Suggestion);
    }

    [Fact]
    public void NaturalSyntax_ShouldCorrectEveryWord()
    {
        var results = _index.Search("harbr wal: (qauy)", new SearchOptions { Syntax = QuerySyntax.Natural, DefaultAnd = true });

        Assert.Equal("harbour wall: (quay)", results.Suggestion?.Query);
    }

    [Theory]
    [InlineData("harbour")] // enough articles
    [InlineData("harb*")] // shaped on purpose
    [InlineData("harbr~")]
    [InlineData("id:harbr")] // an exact field
    [InlineData("xqzvvy")] // nothing near
    [InlineData("the")] // a stop word only
    public void NoSuggestion_WhenFoundEnoughOrNothingToCorrect(string query)
    {
        Assert.Null(_index.Search(query).Suggestion);
    }

    [Fact]
    public void NoSuggestion_WhenTheCorrectionFindsNoMore()
    {
        // harbour and blossom never share an article: the corrected query finds nothing either.
        Assert.Null(_index.Search("+harbr +blosom").Suggestion);
    }

    [Fact]
    public void SuggestBelow_ShouldChooseWhenToSuggest()
    {
        Assert.Null(_index.Search("harbr", new SearchOptions { SuggestBelow = 0 }).Suggestion);
        Assert.Null(_index.Search("harbur", new SearchOptions { SuggestBelow = 1 }).Suggestion);
        Assert.NotNull(_index.Search("harbur", new SearchOptions { SuggestBelow = 2 }).Suggestion);
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Search("harbr", new SearchOptions { SuggestBelow = -1 }));
    }

    [Fact]
    public void PassageMode_ShouldSuggestFromArticleCounts()
    {
        var results = _index.Search("harbr", new SearchOptions { Passages = true });

        Assert.Equal(new QuerySuggestion("harbour", 25), results.Suggestion);
    }

    [Fact]
    public void Cancelled_ShouldThrowRatherThanSuggest()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _index.Search("harbr", null, cancelled.Token));
    }

    [Theory]
    [InlineData("title:(harbr stom) AND body:\"x y\"", new[] { "harbr", "stom", "x", "y" })]
    [InlineData("category:sport harbr", new[] { "harbr" })]
    [InlineData("harb* harbr~2 /ha.*/ [a TO c] h\\arbr AND OR NOT e-mail", new string[0])]
    [InlineData("+ferry -storm !rain", new[] { "ferry", "storm", "rain" })]
    public void QueryWords_ShouldFindOnlyPlainWords(string query, string[] expected)
    {
        var words = QueryWords.Find(query, QuerySyntax.Lucene);

        Assert.Equal(expected, words.Select(w => query.Substring(w.Start, w.Length)));
    }

    [Fact]
    public void QueryWords_ShouldNeverThrowAndStayWithinTheText()
    {
        Gen.OneOf(Gen.String[Gen.Char["ab:\"()[]{}/\\*?~^+-! AND"], 0, 40], Gen.String[HostileText.Char, 0, 40]).Sample(text =>
        {
            foreach (var syntax in new[] { QuerySyntax.Lucene, QuerySyntax.Natural })
            {
                foreach (var word in QueryWords.Find(text, syntax))
                {
                    Assert.InRange(word.Start, 0, text.Length - word.Length);
                    Assert.True(text.AsSpan(word.Start, word.Length).ToString().All(char.IsLetterOrDigit), text);
                }
            }
        });
    }

    [Theory]
    [InlineData("ferry", "ferry", 0)]
    [InlineData("ferry", "fery", 1)]
    [InlineData("ferry", "frery", 1)] // a transposition is one edit, as for the fuzzy enumeration
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void EditDistance_ShouldCountTranspositionsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, QuerySuggester.EditDistance(a, b));
        Assert.Equal(expected, QuerySuggester.EditDistance(b, a));
    }
}
