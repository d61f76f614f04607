using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

public class ExactFieldQueryTests
{
    [Fact]
    public void QuotedIdWithSlash_ShouldMatchTheArticleExactly()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add([TestArticles.Make("news/00008", "first"), TestArticles.Make("news/00009", "second")]);

        var hit = Assert.Single(index.Search("id:\"news/00008\"").Hits);

        Assert.Equal("news/00008", hit.Id);
    }
}
