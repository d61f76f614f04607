using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Tests.Searching;

public sealed class CompletionTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public CompletionTests()
    {
        var articles = new List<Article>();
        for (int i = 0; i < 5; i++)
        {
            articles.Add(Article.Create($"gov{i}", $"Government plans {i}", null, ["The government said negotiations would go on.", "Reykjavik hosted the talks."]));
        }

        articles.Add(Article.Create("governor", "Governor resigns", null, ["The governor resigned on Monday; negotiators were surprised."]));
        articles.Add(Article.Create("gove", "Gove speaks", null, ["Mr Gove spoke about schools."]));
        _index.Add(articles);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Words_ShouldBeRealWordsMostFrequentFirst_ThenTitles()
    {
        var completions = _index.Complete("gov");

        var words = completions.TakeWhile(c => c.Kind == CompletionKind.Word).ToList();
        // Equal counts: the shorter word first.
        Assert.Equal(["government", "Gove", "governor"], words.Select(c => c.Text));
        Assert.Equal([5L, 1, 1], words.Select(c => c.Articles));
        var titles = completions.Skip(words.Count).ToList();
        Assert.All(titles, t => Assert.Equal(CompletionKind.Title, t.Kind));
        Assert.Contains(titles, t => t.Text == "Governor resigns");
        Assert.Contains(titles, t => t.Text == "Government plans 0");
        Assert.Equal(completions.Count, completions.Distinct().Count());
    }

    [Fact]
    public void Prefix_ShouldBeCaseInsensitiveAndMatchTheWrittenForm_NotTheStem()
    {
        // negotiations and negotiators both stem to negoti: each is offered only where it fits the prefix.
        Assert.Equal("negotiations", _index.Complete("NEGOTIATI", 1).Single().Text);
        Assert.Equal("negotiators", _index.Complete("negotiato", 1).Single().Text);
        Assert.Single(_index.Complete("negoti"), c => c.Kind == CompletionKind.Word);
        Assert.Equal("Reykjavik", _index.Complete("reyk", 1).Single().Text);
    }

    [Fact]
    public void SeveralWords_ShouldCompleteTheLastAndKeepTheRest()
    {
        var completions = _index.Complete("Mr gov", 2);

        Assert.Equal(["Mr government", "Mr Gove"], completions.Select(c => c.Text));
        Assert.Equal(
            [new Completion("governor resigned", CompletionKind.Word, 1), new Completion("Governor resigns", CompletionKind.Title, 1)],
            _index.Complete("governor res"));
    }

    [Fact]
    public void Count_ShouldLimitAndGiveTitlesAShare()
    {
        var three = _index.Complete("gov", 3);
        Assert.Equal(3, three.Count);
        Assert.Equal(2, three.Count(c => c.Kind == CompletionKind.Word));

        Assert.Empty(_index.Complete("zzz"));
        Assert.Empty(_index.Complete("   "));
    }

    [Fact]
    public void ANewCommit_ShouldBeSeenByTheNextCompletion()
    {
        Assert.Empty(_index.Complete("zeppel"));
        _index.Upsert(Article.Create("z", "Zeppelins return", null, ["A zeppelin flew over."]));
        _index.Commit();

        Assert.Contains(_index.Complete("zeppel"), c => c.Text == "zeppelin" && c.Kind == CompletionKind.Word);
        _index.Delete("z");
        _index.Commit();
        Assert.DoesNotContain(_index.Complete("zeppel"), c => c.Kind == CompletionKind.Title);
    }

    [Fact]
    public void BadInput_ShouldBeClearErrors()
    {
        Assert.Throws<ArgumentNullException>(() => _index.Complete(null!));
        var tooLong = Assert.Throws<ArgumentException>(() => _index.Complete(new string('a', 201)));
        Assert.Contains("201 characters", tooLong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Complete("gov", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Complete("gov", 101));
        Assert.Equal(100, _index.Complete(new string('a', 200), 100).Count + 100);
    }

    [Fact]
    public void EmptyIndex_ShouldCompleteNothing()
    {
        using var empty = SearchIndex.CreateInMemory();
        Assert.Empty(empty.Complete("a"));
    }
}
