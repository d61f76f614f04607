using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchKit.Analysis;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>Named metadata fields in the index: kinds learned from first values, conflicts, the recorded schema, the layout read back.</summary>
public class FieldSchemaTests
{
    internal static Article WithFields(string id, params (string Name, FieldValue[] Values)[] fields) =>
        TestArticles.Make(id, $"Paragraph of {id}.") with
        {
            Metadata = new ArticleMetadata
            {
                Fields = fields.ToDictionary(f => f.Name, f => (IReadOnlyList<FieldValue>)f.Values),
            },
        };

    [Fact]
    public void Index_ShouldLearnKindsFromFirstValues_AndListThemWithArticleCounts()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add([
            WithFields("a", ("wordcount", [FieldValue.Number(100)]), ("updated", [FieldValue.Text("2024-06-01")]), ("author", [FieldValue.Text("Ann")])),
            WithFields("b", ("wordcount", [FieldValue.Text("250")]), ("author", [FieldValue.Number(7)])),
        ], new IndexingOptions { Threads = 1 });

        Assert.Equal(
            [("category", FieldKind.Keyword), ("tags", FieldKind.Keyword), ("published", FieldKind.Date), ("url", FieldKind.Keyword),
             ("author", FieldKind.Keyword), ("updated", FieldKind.Date), ("wordcount", FieldKind.Number)],
            index.Fields.Select(f => (f.Name, f.Kind)));
        var stats = index.GetStats().Fields.ToDictionary(f => f.Name, f => f.Articles);
        Assert.Equal(2, stats["wordcount"]);
        Assert.Equal(1, stats["updated"]);
        Assert.Equal(0, stats["category"]);

        // A keyword field takes a number as invariant text; a number field reads a numeric text.
        Assert.Equal([FieldValue.Text("7")], index.Get("b")!.Metadata.Fields["author"]);
        Assert.Equal([FieldValue.Number(250)], index.Get("b")!.Metadata.Fields["wordcount"]);
        Assert.Equal([FieldValue.Date(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero))], index.Get("a")!.Metadata.Fields["updated"]);
    }

    [Fact]
    public void IndexFiles_KindConflict_ShouldFailThatArticleNamingFileLineFieldAndKind_AndIndexTheOthers()
    {
        using var folder = new TempFolder("fields");
        var feed = folder.Write("feed.jsonl", """
            {"id":"a","title":"One","wordcount":120}
            {"id":"b","title":"Two","wordcount":"many"}
            {"id":"c","title":"Three","wordcount":80}
            """);
        using var index = SearchIndex.CreateInMemory();

        var report = index.IndexFiles([folder.Path], new IndexingOptions { Threads = 1 });

        var failure = Assert.Single(report.Failures);
        Assert.Equal(2, failure.Line);
        Assert.StartsWith($"{feed}:2:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("field \"wordcount\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not a number", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, index.GetStats().Articles);
        Assert.NotNull(index.Get("c"));
        Assert.Null(index.Get("b"));
    }

    [Fact]
    public void Upsert_KindConflict_ShouldThrowAndWriteNothing_AndLearnNothingFromTheFailedArticle()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Upsert(WithFields("a", ("when", [FieldValue.Date(DateTimeOffset.UnixEpoch)])));
        index.Commit();

        var e = Assert.Throws<ArticleReadException>(() =>
            index.Upsert(WithFields("b", ("fresh", [FieldValue.Number(1)]), ("when", [FieldValue.Text("tomorrow")]))));
        index.Commit();

        Assert.Contains("not a date", e.Message, StringComparison.Ordinal);
        Assert.Null(index.Get("b"));
        Assert.DoesNotContain(index.Fields, f => f.Name == "fresh");
    }

    [Theory]
    [InlineData("title")]
    [InlineData("Tags")]
    [InlineData("has space")]
    [InlineData("")]
    public void Upsert_InvalidFieldName_ShouldBeRejected(string name)
    {
        using var index = SearchIndex.CreateInMemory();
        Assert.Throws<ArticleReadException>(() => index.Upsert(WithFields("a", (name, [FieldValue.Text("x")]))));
    }

    [Fact]
    public void Add_DefaultFieldValue_ShouldFailThatArticleOnly()
    {
        using var index = SearchIndex.CreateInMemory();

        var report = index.Add([WithFields("a", ("x", [default])), WithFields("b", ("x", [FieldValue.Text("ok")]))]);

        Assert.Contains("a value is empty", Assert.Single(report.Failures).Message, StringComparison.Ordinal);
        Assert.NotNull(index.Get("b"));
    }

    [Fact]
    public void Schema_ShouldSurviveReopen_AndKeepRejectingConflicts()
    {
        using var folder = new TempFolder("fields-reopen");
        using (var index = SearchIndex.Open(folder.Path))
        {
            index.Upsert(WithFields("a", ("wordcount", [FieldValue.Number(3)])));
            index.Commit();
        }

        using var reopened = SearchIndex.Open(folder.Path);
        Assert.Contains(new MetadataField("wordcount", FieldKind.Number), reopened.Fields);
        Assert.Throws<ArticleReadException>(() => reopened.Upsert(WithFields("b", ("wordcount", [FieldValue.Text("lots")]))));
    }

    [Fact]
    public void ReadOnlyIndex_ShouldLearnFieldsCommittedByAnotherWriter_AndFilterOnThem()
    {
        using var folder = new TempFolder("fields-shared");
        using var writer = SearchIndex.Open(folder.Path);
        using var reader = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.DoesNotContain(reader.Fields, f => f.Name == "desk");

        writer.Upsert(WithFields("a", ("desk", [FieldValue.Text("metro")])));
        writer.Commit();

        // Searches look for new commits at most every 50 ms; wait for this one, without a time limit on the result.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!reader.Fields.Any(f => f.Name == "desk") && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Contains(new MetadataField("desk", FieldKind.Keyword), reader.Fields);
        Assert.Single(reader.Search(string.Empty, new SearchKit.Searching.SearchOptions { Filters = [SearchKit.Searching.SearchFilter.AnyOf("desk", "metro")] }).Hits);
    }

    [Fact]
    public void Writer_ShouldKeepFieldsAnotherWriterCommittedSinceItOpened()
    {
        using var folder = new TempFolder("fields-two-writers");
        SearchIndex.Open(folder.Path).Dispose(); // an existing index: opening it takes no write lock until the first write
        using (var first = SearchIndex.Open(folder.Path))
        {
            using (var second = SearchIndex.Open(folder.Path))
            {
                second.Upsert(WithFields("b", ("desk", [FieldValue.Text("metro")])));
                second.Commit();
            }

            // The first index opened before "desk" existed; its own commit must not drop it from the record.
            first.Upsert(WithFields("a", ("wordcount", [FieldValue.Number(5)])));
            first.Commit();
        }

        using var reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Contains(new MetadataField("desk", FieldKind.Keyword), reopened.Fields);
        Assert.Contains(new MetadataField("wordcount", FieldKind.Number), reopened.Fields);
    }

    [Fact]
    public void FixedAndNamedFields_ShouldRoundTrip_ThroughGetAndSearchHits()
    {
        using var index = SearchIndex.CreateInMemory();
        var article = WithFields("a", ("regions", [FieldValue.Text("north"), FieldValue.Text("south")]), ("wordcount", [FieldValue.Number(42.5)])) with { };
        article = article with
        {
            Metadata = article.Metadata with
            {
                Category = "sport",
                Tags = ["oil", "gas"],
                Published = new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.Zero),
                Url = new Uri("https://example.org/a"),
            },
        };
        index.Upsert(article);
        index.Commit();

        var back = index.Get("a")!.Metadata;
        Assert.Equal(("sport", article.Metadata.Published, article.Metadata.Url), (back.Category, back.Published, back.Url));
        Assert.Equal(["oil", "gas"], back.Tags);
        Assert.Equal([FieldValue.Text("north"), FieldValue.Text("south")], back.Fields["regions"]);
        Assert.Equal(2, back.Fields.Count);

        foreach (var paragraphs in new[] { true, false })
        {
            var hit = Assert.Single(index.Search("paragraph", new() { Paragraphs = paragraphs }).Hits);
            Assert.Equal([FieldValue.Text("sport")], hit.Fields["category"]);
            Assert.Equal([FieldValue.Text("oil"), FieldValue.Text("gas")], hit.Fields["tags"]);
            Assert.Equal([FieldValue.Date(article.Metadata.Published!.Value)], hit.Fields["published"]);
            Assert.Equal([FieldValue.Number(42.5)], hit.Fields["wordcount"]);
            Assert.Equal(6, hit.Fields.Count);
        }

        // The query syntax still finds the fixed metadata.
        Assert.Single(index.Search("category:sport").Hits);
        Assert.Single(index.Search("tags:oil").Hits);
        Assert.Single(index.Search("tag:gas").Hits);
    }

    [Fact]
    public void OldNonEmptyIndex_ShouldRefuseWritingWithAClearError_ButOpenReadOnly()
    {
        using var folder = new TempFolder("old-format");
        using (var dir = FSDirectory.Open(folder.Path))
        using (var analyzer = AnalyzerCatalog.Create(AnalyzerCatalog.DefaultName))
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneInfo.Version, analyzer)))
        {
            writer.AddDocument(new Document { new StringField("id", "old", Field.Store.YES), new TextField("title", "Old article", Field.Store.YES) });
            writer.SetCommitData(new Dictionary<string, string> { ["searchkit.analyzer"] = AnalyzerCatalog.DefaultName });
            writer.Commit();
        }

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path));
        Assert.Equal(IndexProblem.OutdatedFormat, e.Problem);
        Assert.Contains("must be rebuilt from its sources", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("searchkit ", e.Message, StringComparison.Ordinal);

        using var readOnly = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Single(readOnly.Search("old").Hits);

        using var rebuilt = SearchIndex.Open(folder.Path, new SearchIndexOptions { Recreate = true });
        rebuilt.Upsert(TestArticles.Harbour);
        rebuilt.Commit();
        Assert.Single(rebuilt.Search("harbour").Hits);
    }
}
