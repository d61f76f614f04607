using SearchKit.Searching;

namespace SearchKit.Samples.Web.Tests;

/// <summary>The articles the sample ships with: every one reads, with the metadata its page's facets and filters show.</summary>
public sealed class SampleArticlesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "sample-articles");

    [Fact]
    public void EverySampleArticle_ShouldReadWithItsFrontMatter()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { AnalyzerName = "english" });
        var files = Directory.GetFiles(Folder, "*.txt");

        var report = index.IndexFiles(files);

        Assert.Empty(report.Failures);
        Assert.InRange(files.Length, 16, 20);
        Assert.Equal(files.Length, report.Added);
        var browse = index.Search(string.Empty, new SearchOptions { Top = 50, Filters = [SearchFilter.Exists("category"), SearchFilter.Exists("tags"), SearchFilter.Exists("author")] });
        Assert.Equal(files.Length, browse.Total);
        Assert.All(browse.Hits, h => Assert.Equal(4, new[] { "category", "tags", "published", "author" }.Count(h.Fields.ContainsKey)));

        // Enough variety for facets to show something: several categories, each on more than one article.
        var categories = browse.Hits.GroupBy(h => h.Fields["category"][0].ToString()).ToList();
        Assert.InRange(categories.Count, 4, 8);
        Assert.All(categories, c => Assert.True(c.Count() >= 2, $"category {c.Key} has one article"));
    }

    [Fact]
    public void TheSampleArticles_ShouldAnswerAMisspelledSearchWithASuggestion()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { AnalyzerName = "english" });
        index.IndexFiles(Directory.GetFiles(Folder, "*.txt"));

        var results = index.Search("harbur");

        Assert.Equal(0, results.Total);
        Assert.Equal("harbour", results.Suggestion?.Query);
        Assert.True(results.Suggestion!.Total >= 3);
    }
}
