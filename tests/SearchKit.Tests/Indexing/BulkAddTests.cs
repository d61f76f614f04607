using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Tests.Indexing;

public class BulkAddTests
{
    [Fact]
    public void Add_ShouldKeepOneArticlePerIdWhenARunRepeatsIds()
    {
        // New ids are added without a delete-by-id; a repeated id in the same run must still replace, even when
        // the repeats are written by different threads at the same moment.
        var articles = Enumerable.Range(0, 400)
            .Select(i => Article.Create($"a{i % 50}", $"title {i}", null, [$"paragraph of article {i}"]))
            .ToList();
        using var index = SearchIndex.CreateInMemory();

        var report = index.Add(articles, new IndexingOptions { Threads = 4 });

        Assert.Equal(400, report.Indexed);
        Assert.Equal(50, index.GetStats().Articles);
        Assert.Equal(50, index.Search("paragraph", new() { Top = 1000, Paragraphs = false }).Total);
    }

    [Fact]
    public void Add_ShouldReplaceArticlesIndexedByAnEarlierRun()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add([Article.Create("x", "first", null, ["old text"])]);

        var report = index.Add([Article.Create("x", "second", null, ["new text"]), Article.Create("y", "other", null, ["more"])]);

        Assert.Equal(1, report.Updated);
        Assert.Equal(1, report.Added);
        Assert.Equal(2, index.GetStats().Articles);
        Assert.Equal("second", index.Get("x")!.Title);
    }
}
