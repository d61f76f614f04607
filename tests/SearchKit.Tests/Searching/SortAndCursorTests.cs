using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

/// <summary>SearchOptions.Sort and cursors: orders, ties, missing values, walking pages, bad cursors.</summary>
public sealed class SortAndCursorTests : IDisposable
{
    private const int Count = 80;
    private readonly SearchIndex _index = MetadataCorpus.Index(Count, commitEvery: 30);
    private readonly List<Article> _articles = MetadataCorpus.All(Count);

    public void Dispose() => _index.Dispose();

    private List<SearchHit> All(string query, SearchOptions options) =>
        [.. _index.Search(query, options with { Top = 1000, Paragraphs = false }).Hits];

    [Fact]
    public void Newest_ShouldOrderByPublishedDescending_MissingLast_TiesById()
    {
        var hits = All("report", new SearchOptions { Sort = SearchSort.Parse("newest") });

        var expected = _articles
            .OrderBy(a => a.Metadata.Published is null ? 1 : 0)
            .ThenByDescending(a => a.Metadata.Published)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Id);
        Assert.Equal(expected, hits.Select(h => h.Id));
    }

    [Fact]
    public void Oldest_ShouldOrderByPublishedAscending_MissingLast()
    {
        var hits = All("report", new SearchOptions { Sort = SearchSort.Parse("oldest") });

        var dated = _articles.Where(a => a.Metadata.Published is not null).OrderBy(a => a.Metadata.Published).Select(a => a.Id);
        Assert.Equal(dated, hits.Select(h => h.Id).Take(dated.Count()));
        Assert.All(hits.Skip(dated.Count()), h => Assert.False(h.Fields.ContainsKey("published")));
    }

    [Fact]
    public void KeywordAndNumberSorts_ShouldBreakTiesByScoreThenId()
    {
        var byAuthor = All("harbour report", new SearchOptions { Sort = SearchSort.Parse("-author") });
        var authors = byAuthor.Select(h => h.Fields.TryGetValue("author", out var v) ? v[0].TextValue : null).ToList();
        Assert.Equal(authors.Where(a => a is not null).OrderByDescending(a => a, StringComparer.Ordinal), authors.Where(a => a is not null));
        Assert.All(authors.SkipWhile(a => a is not null), a => Assert.Null(a)); // missing last, descending too
        foreach (var group in byAuthor.GroupBy(h => h.Fields.TryGetValue("author", out var v) ? v[0].TextValue : null))
        {
            var ordered = group.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Select(h => h.Id);
            Assert.Equal(ordered, group.Select(h => h.Id));
        }

        var byWords = All("report", new SearchOptions { Sort = SearchSort.By("wordcount") });
        var words = byWords.Select(h => h.Fields["wordcount"][0].NumberValue!.Value).ToList();
        Assert.Equal(words.Order(), words);
    }

    [Fact]
    public void Relevance_ShouldBreakTiesById()
    {
        // Every article scores the same on a browse: the order is then the ids'.
        var hits = All(string.Empty, new SearchOptions { Filters = [SearchFilter.Exists("wordcount")] });
        Assert.Equal(_articles.Select(a => a.Id).Order(StringComparer.Ordinal), hits.Select(h => h.Id));
    }

    [Theory]
    [InlineData("report", "relevance", 7)]
    [InlineData("harbour report", "relevance", 4)]
    [InlineData("report", "newest", 9)]
    [InlineData("report", "-author", 6)]
    [InlineData("report", "wordcount", 10)]
    [InlineData("", "oldest", 5)]
    public void WalkingEveryPageByCursor_ShouldGiveExactlyTheIdsOfOneBigPage(string query, string sort, int pageSize)
    {
        var filters = query.Length == 0 ? new[] { SearchFilter.Parse("tags=oil,gas,tax") } : [];
        var options = new SearchOptions { Sort = SearchSort.Parse(sort), Filters = filters, Paragraphs = false };
        var big = _index.Search(query, options with { Top = 1000 });
        Assert.Null(big.NextCursor);

        var walked = new List<string>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var page = _index.Search(query, options with { Top = pageSize, After = cursor });
            Assert.Equal(big.Total, page.Total);
            Assert.True(page.Hits.Count == pageSize || page.NextCursor is null);
            walked.AddRange(page.Hits.Select(h => h.Id));
            cursor = page.NextCursor;
            Assert.True(++pages <= Count, "the walk does not end");
        }
        while (cursor is not null);

        Assert.Equal(big.Hits.Select(h => h.Id), walked);
    }

    [Fact]
    public void Cursor_FromAnotherSearch_OrMalformed_ShouldBeAClearError()
    {
        var first = _index.Search("report", new SearchOptions { Top = 3, Sort = SearchSort.Parse("newest") });
        Assert.NotNull(first.NextCursor);

        var otherSort = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Top = 3, After = first.NextCursor }));
        Assert.Contains("another search", otherSort.Message, StringComparison.Ordinal);
        var otherQuery = Assert.Throws<SearchKitQueryException>(() => _index.Search("harbour", new SearchOptions { Top = 3, Sort = SearchSort.Parse("newest"), After = first.NextCursor }));
        Assert.Contains("another search", otherQuery.Message, StringComparison.Ordinal);
        foreach (var bad in new[] { "garbage!", "e30", first.NextCursor![..^4] })
        {
            var e = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Top = 3, Sort = SearchSort.Parse("newest"), After = bad }));
            Assert.StartsWith("malformed cursor", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sort_UnknownField_OrPassageMode_ShouldBeAClearError()
    {
        var unknown = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Sort = SearchSort.Parse("-nosuch") }));
        Assert.Contains("unknown sort field \"nosuch\"; the index has: category, tags, published, url, author, wordcount", unknown.Message, StringComparison.Ordinal);

        var passages = Assert.Throws<SearchKitQueryException>(() => _index.Search("report", new SearchOptions { Passages = true, Sort = SearchSort.Parse("newest") }));
        Assert.Contains("passage mode", passages.Message, StringComparison.Ordinal);
        Assert.Null(_index.Search("report", new SearchOptions { Passages = true, Top = 2 }).NextCursor);
        Assert.Throws<SearchKitQueryException>(() => SearchSort.Parse("-"));
        Assert.Equal(SearchSort.By("published", descending: true), SearchSort.Parse("newest"));
    }

    [Fact]
    public void SkipAndCursor_ShouldAgree()
    {
        var options = new SearchOptions { Sort = SearchSort.Parse("wordcount"), Paragraphs = false, Top = 10 };
        var first = _index.Search("report", options);
        var second = _index.Search("report", options with { After = first.NextCursor });
        var skipped = _index.Search("report", options with { Skip = 10 });

        Assert.Equal(skipped.Hits.Select(h => h.Id), second.Hits.Select(h => h.Id));
    }
}

/// <summary>The README's library example for filters, sort and cursors, with a page of 10 so that there is a second page.</summary>
public sealed class FilterReadmeExampleTests
{
    [Fact]
    public void ReadmeSnippet_ShouldRunAndPageByCursor()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add(Enumerable.Range(0, 30).Select(i => Article.Create($"a{i:D2}", $"Ferry {i}", null, ["A ferry story."]) with
        {
            Metadata = new ArticleMetadata { Category = i % 2 == 0 ? "sport" : "politics", Published = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i * 10) },
        }));

        var options = new SearchOptions
        {
            Filters = [SearchFilter.AnyOf("category", "sport", "politics"), SearchFilter.Parse("published>=2024-06")],
            Sort = SearchSort.Parse("newest"),
            Top = 10,
        };
        var page = index.Search("ferry", options);
        Assert.NotNull(page.NextCursor);
        var next = index.Search("ferry", options with { After = page.NextCursor });

        var expected = Enumerable.Range(0, 30).Where(i => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i * 10) >= new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)).Reverse().Select(i => $"a{i:D2}").ToList();
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(expected, page.Hits.Concat(next.Hits).Select(h => h.Id));
        Assert.Null(next.NextCursor);
        Assert.Equal(["category", "published"], page.Hits[0].Fields.Keys);
    }
}
