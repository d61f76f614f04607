using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

public sealed class SearchIndexWriteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Upsert_SameId_ShouldReplaceNotDuplicate()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(TestArticles.Make("a", "old text about turnips"));
        index.Commit();
        index.Upsert(TestArticles.Make("a", "new text about parsnips"));
        index.Commit();

        Assert.Equal(0, index.Search("turnips").Total);
        Assert.Equal("a", Assert.Single(index.Search("parsnips").Hits).Id);
        Assert.Equal(1, index.GetStats().Articles);
    }

    [Fact]
    public void Writes_ShouldBeInvisibleUntilCommit()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(TestArticles.Make("a", "buffered words"));

        Assert.Equal(0, index.Search("buffered").Total);
        index.Commit();
        Assert.Equal(1, index.Search("buffered").Total);
    }

    [Fact]
    public void Delete_ShouldRemoveTheArticle()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add([TestArticles.Make("a", "alpha"), TestArticles.Make("b", "alpha")]);

        index.Delete("a");
        index.Commit();

        Assert.Equal(["b"], index.Search("alpha").Hits.Select(h => h.Id));
        Assert.Null(index.Get("a"));
    }

    [Fact]
    public void Get_ShouldRebuildTheArticleFromStoredFields()
    {
        using var index = SearchIndex.CreateInMemory();
        var original = TestArticles.Harbour with
        {
            Metadata = new ArticleMetadata { SourcePath = "/x/harbour.txt", Category = "news", Tags = ["sea", "port"], Published = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), Url = new Uri("https://example.org/h") },
        };
        index.Add([original]);

        var back = index.Get("harbour")!;

        Assert.Equal(original.Title, back.Title);
        Assert.Equal(original.Lead, back.Lead);
        Assert.Equal(original.Paragraphs, back.Paragraphs);
        Assert.Equal(original.Metadata.SourcePath, back.Metadata.SourcePath);
        Assert.Equal(original.Metadata.Category, back.Metadata.Category);
        Assert.Equal(original.Metadata.Tags, back.Metadata.Tags);
        Assert.Equal(original.Metadata.Published, back.Metadata.Published);
        Assert.Equal(original.Metadata.Url, back.Metadata.Url);
    }

    [Fact]
    public void Add_ShouldReportAddedAndUpdatedAndCommit()
    {
        using var index = SearchIndex.CreateInMemory();
        var first = index.Add([TestArticles.Harbour, TestArticles.Orchard]);
        var second = index.Add([TestArticles.Harbour]);

        Assert.Equal(2, first.Added);
        Assert.Equal(5, first.Paragraphs);
        Assert.True(first.Bytes > 100);
        Assert.Equal(1, second.Updated);
        Assert.Equal(0, second.Added);
        Assert.False(second.Cancelled);
    }

    [Fact]
    public async Task AddAsync_ShouldIndexAnAsyncSource()
    {
        using var index = SearchIndex.CreateInMemory();

        var report = await index.AddAsync(Source());

        Assert.Equal(20, report.Added);
        Assert.Equal(20, index.Search("common").Total);

        static async IAsyncEnumerable<Article> Source()
        {
            for (int i = 0; i < 20; i++)
            {
                await Task.Yield();
                yield return TestArticles.Make($"id{i}", $"common word{i}");
            }
        }
    }

    [Fact]
    public void IndexFiles_ShouldIndexGoodFilesAndListTheBadOnes()
    {
        _folder.Write("good/one.txt", "Lighthouse keeper retires\nAfter forty years the lamp goes automatic.\nHe will miss the gulls.");
        _folder.Write("good/two.txt", "Ferry timetable changes\n\nWinter sailings are cut.\n\nThe harbour office will stay open.");
        _folder.Write("good/feed.jsonl", "{\"id\": \"j1\", \"title\": \"Jetty repairs\", \"paragraphs\": [\"Timber arrives next week.\"]}\n{broken\n");
        _folder.WriteBytes("bad/binary.txt", [0x00, 0x01, 0x02, 0xFF]);
        _folder.Write("bad/empty.txt", "");
        _folder.WriteBytes("bad/latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x0A]);
        using var index = SearchIndex.CreateInMemory();

        var report = index.IndexFiles([_folder.Path]);

        Assert.Equal(3, report.Added);
        Assert.Equal(4, report.Failures.Count);
        Assert.Contains(report.Failures, f => f.Source.EndsWith("binary.txt", StringComparison.Ordinal) && f.Reason.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Source.EndsWith("empty.txt", StringComparison.Ordinal) && f.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Source.EndsWith("latin1.txt", StringComparison.Ordinal) && f.Reason.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(report.Failures, f => f.Source.EndsWith("feed.jsonl", StringComparison.Ordinal) && f.Line == 2);
        Assert.Equal("good/one", Assert.Single(index.Search("lighthouse").Hits).Id);
        Assert.Equal(3, index.GetStats().Articles);
    }

    [Fact]
    public void IndexFiles_Rerun_ShouldSkipUnchangedReplaceChangedAndRemoveGone()
    {
        _folder.Write("a.txt", "Alpha title\nAlpha body.");
        _folder.Write("b.txt", "Beta title\nBeta body.");
        var gone = _folder.Write("c.txt", "Gamma title\nGamma body.");
        using var index = SearchIndex.CreateInMemory();
        index.IndexFiles([_folder.Path]);

        _folder.Write("b.txt", "Beta title\nBeta body rewritten with zebras.");
        File.Delete(gone);
        var report = index.IndexFiles([_folder.Path]);

        Assert.Equal(1, report.Unchanged);
        Assert.Equal(1, report.Updated);
        Assert.Equal(1, report.Removed);
        Assert.Equal(0, report.Added);
        Assert.Equal(2, index.GetStats().Articles);
        Assert.Equal(1, index.Search("zebras").Total);
        Assert.Equal(0, index.Search("gamma").Total);
    }

    [Fact]
    public void Open_ShouldRecordTheAnalyzerAndRefuseAnother()
    {
        var path = _folder.Combine("ix");
        using (var index = SearchIndex.Open(path, new SearchIndexOptions { AnalyzerName = "standard" }))
        {
            index.Add([TestArticles.Harbour]);
        }

        using (var reopened = SearchIndex.Open(path))
        {
            Assert.Equal("standard", reopened.AnalyzerName);
            Assert.Equal(1, reopened.Search("harbour").Total);
        }

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(path, new SearchIndexOptions { AnalyzerName = "english" }));
        Assert.Equal(IndexProblem.AnalyzerMismatch, e.Problem);
        Assert.Contains("'standard'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ReadOnlyMissing_ShouldSayThereIsNoIndex()
    {
        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(_folder.Combine("nothing"), new SearchIndexOptions { ReadOnly = true }));
        Assert.Equal(IndexProblem.Missing, e.Problem);
    }

    [Fact]
    public void Open_SecondWriter_ShouldBeToldTheIndexIsLocked()
    {
        var path = _folder.Combine("locked");
        using var first = SearchIndex.Open(path);
        first.Upsert(TestArticles.Harbour);
        using var second = SearchIndex.Open(path);

        var e = Assert.Throws<SearchKitIndexException>(() => second.Upsert(TestArticles.Orchard));

        Assert.Equal(IndexProblem.Locked, e.Problem);
        first.Dispose();
        second.Upsert(TestArticles.Orchard);
        second.Commit();
        Assert.Equal(1, second.GetStats().Articles);
    }

    [Theory]
    [InlineData(DirectoryKind.Nio)]
    [InlineData(DirectoryKind.Mmap)]
    [InlineData(DirectoryKind.Simple)]
    public void Open_EveryDirectoryKind_ShouldWork(DirectoryKind kind)
    {
        var path = _folder.Combine(kind.ToString());
        using (var index = SearchIndex.Open(path, new SearchIndexOptions { Directory = kind }))
        {
            index.Add([TestArticles.Harbour]);
        }

        using var again = SearchIndex.Open(path, new SearchIndexOptions { Directory = kind, ReadOnly = true });
        Assert.Equal(1, again.Search("harbour").Total);
    }

    [Fact]
    public void GetStats_ShouldCountArticlesParagraphsAndTopTerms()
    {
        using var index = SearchIndex.CreateInMemory();
        var before = DateTimeOffset.UtcNow;
        index.Add([TestArticles.Harbour, TestArticles.Orchard]);
        var after = DateTimeOffset.UtcNow;

        var stats = index.GetStats(topTerms: 3);

        Assert.Equal(2, stats.Articles);
        Assert.Equal(5, stats.Paragraphs);
        Assert.True(stats.Segments >= 1);
        Assert.True(stats.SizeBytes > 0);
        Assert.Equal("english", stats.Analyzer);
        Assert.InRange(stats.LastCommit!.Value, before, after); // the time of the Add's commit
        Assert.Equal(3, stats.TopTerms.Count);
        Assert.Equal(2, stats.TopTerms[0].Articles);
    }
}
