using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Tests.Searching;

public sealed class RelatedTests : IDisposable
{
    private static readonly string[][] Topics =
    [
        ["harbour", "ferry", "quay", "fishermen", "tide"],
        ["orchard", "apple", "blossom", "frost", "growers"],
        ["election", "ballot", "candidate", "voters", "parliament"],
    ];

    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public RelatedTests()
    {
        var articles = new List<Article>();
        for (int t = 0; t < Topics.Length; t++)
        {
            for (int i = 0; i < 5; i++)
            {
                var words = Topics[t];
                articles.Add(new Article($"t{t}-{i}", $"{words[i]} news {i}", $"About {words[(i + 1) % 5]} today.",
                [
                    new Paragraph(0, $"The {words[i]} and the {words[(i + 2) % 5]} were in the news."),
                    new Paragraph(1, "Nothing else happened that week."),
                    new Paragraph(2, $"Later the {words[(i + 3) % 5]} was mentioned again with the {words[i]}."),
                ]));
            }
        }

        _index.Add(articles);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Related_ShouldFindArticlesOfTheSameTopic_NeverItself()
    {
        var results = _index.Related("t1-0");

        Assert.Equal("t1-0", results.Query);
        Assert.DoesNotContain(results.Hits, h => h.Id == "t1-0");
        Assert.Equal(4, results.Total);
        Assert.All(results.Hits, h => Assert.StartsWith("t1-", h.Id, StringComparison.Ordinal));
        Assert.Null(results.Suggestion);
    }

    [Fact]
    public void Hits_ShouldHaveTheSearchShape_ParagraphsAndHighlights()
    {
        var hit = _index.Related("t0-0").Hits[0];

        Assert.NotEmpty(hit.Paragraphs);
        Assert.All(hit.Paragraphs, p => Assert.NotEmpty(p.Highlights));
        Assert.DoesNotContain(hit.Paragraphs, p => p.Text == "Nothing else happened that week.");
        Assert.NotNull(hit.Lead);
    }

    [Fact]
    public void Options_ShouldPageAsForASearch()
    {
        var all = _index.Related("t2-3", new SearchOptions { Top = 10 });
        var page = _index.Related("t2-3", new SearchOptions { Top = 2, Skip = 1, Paragraphs = false });

        Assert.Equal(all.Hits.Skip(1).Take(2).Select(h => h.Id), page.Hits.Select(h => h.Id));
        Assert.All(page.Hits, h => Assert.Empty(h.Paragraphs));
    }

    [Fact]
    public void DeletedArticles_ShouldNotBeRelated()
    {
        _index.Delete("t1-1");
        _index.Commit();

        Assert.DoesNotContain(_index.Related("t1-0").Hits, h => h.Id == "t1-1");
    }

    [Fact]
    public void UnknownId_ShouldBeAQueryErrorNamingIt()
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Related("nope"));
        Assert.Contains("no article has the id 'nope'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => _index.Related(null!));
    }

    [Fact]
    public void Cancelled_ShouldThrow()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _index.Related("t0-0", null, cancelled.Token));
    }
}
