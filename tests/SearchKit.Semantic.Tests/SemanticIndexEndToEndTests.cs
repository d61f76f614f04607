using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Semantic.Tests;

/// <summary>
/// The real model through a real index on disk: a question worded apart from its answer is found by meaning, the
/// paragraph that answers it is the one attributed, and keyword search misses it.
/// </summary>
public sealed class SemanticIndexEndToEndTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "searchkit-semantic-e2e", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    private SearchIndex OpenWithArticles()
    {
        var index = SearchIndex.Open(_path, new SearchIndexOptions { Embedder = fixture.Embedder });
        index.Add(
        [
            Article("cardio", "Ward report", "Visiting hours on the ward change from Monday.", "The patient was admitted with a myocardial infarction and treated in the coronary unit."),
            Article("music", "Concert season", "The orchestra opens the season with a symphony by Brahms."),
            Article("weather", "Outlook", "Rain spreads from the west, with gales on the coast by evening."),
        ]);
        return index;
    }

    private static Article Article(string id, string title, params string[] paragraphs) =>
        new(id, title, null, [.. paragraphs.Select((text, i) => new Paragraph(i, text))]);

    [Fact]
    public void AParaphraseWithNoSharedWord_ShouldBeFoundBySemanticAndHybridSearchButNotByKeywords()
    {
        using var index = OpenWithArticles();
        const string question = "heart attack";

        var keyword = index.Search(question);
        var semantic = index.Search(question, new SearchOptions { Mode = SearchMode.Semantic, Top = 1 });
        var hybrid = index.Search(question, new SearchOptions { Mode = SearchMode.Hybrid, Top = 1 });

        Assert.Empty(keyword.Hits);
        Assert.Equal("cardio", Assert.Single(semantic.Hits).Id);
        Assert.Equal("cardio", Assert.Single(hybrid.Hits).Id);
        var best = semantic.Hits[0].Paragraphs.OrderByDescending(p => p.Similarity).First();
        Assert.Equal(1, best.Index);
        Assert.NotNull(best.Similarity);
        Assert.Equal(SearchMode.Semantic, semantic.Mode);
    }

    [Fact]
    public void ReopeningWithTheModel_ShouldFindTheSameAndKeepTheModelInTheIndex()
    {
        using (OpenWithArticles())
        {
        }

        using var index = SearchIndex.Open(_path, new SearchIndexOptions { Embedder = fixture.Embedder });
        var results = index.Search("cardiac arrest in hospital", new SearchOptions { Mode = SearchMode.Semantic, Passages = true, Top = 1 });

        Assert.Equal("cardio", Assert.Single(results.Hits).Id);
        Assert.Equal(fixture.Embedder.Model, index.EmbeddingModel);
    }
}
