using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

public class SearchIndexSmokeTests
{
    [Fact]
    public void Search_ShouldReportMatchingParagraphsWithSnippets()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add([TestArticles.Harbour, TestArticles.Orchard]);

        var results = index.Search("negotiate");

        var hit = Assert.Single(results.Hits);
        Assert.Equal("harbour", hit.Id);
        var paragraph = Assert.Single(hit.Paragraphs);
        Assert.Equal(0, paragraph.Index);
        Assert.Contains("«negotiations»", paragraph.Snippet, StringComparison.Ordinal);
    }
}
