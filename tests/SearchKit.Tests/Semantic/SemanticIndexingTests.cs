using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Semantic;

/// <summary>Vectors stored with the documents: recorded model, kept in step by every write, refused for another model.</summary>
public sealed class SemanticIndexingTests : IDisposable
{
    private readonly TempFolder _folder = new("semantic");
    private readonly FakeEmbedder _embedder = new();

    public void Dispose()
    {
        _folder.Dispose();
        _embedder.Dispose();
    }

    private SearchIndexOptions WithEmbedder => new() { Embedder = _embedder };

    private static Article Numbered(int i) => Article.Create($"a{i}", $"Report {i}", i % 3 == 0 ? "A short lead." : null, [.. Enumerable.Range(0, 1 + (i % 4)).Select(p => $"Paragraph {p} of report {i} about harbour ferries and apple frost.")]);

    [Fact]
    public void Commit_ShouldRecordTheModelAndNotDisposeTheEmbedder()
    {
        var path = _folder["index"];
        using (var index = SearchIndex.Open(path, WithEmbedder))
        {
            index.Upsert(SemanticCorpus.Ferry);
            index.Commit();
            Assert.Equal(_embedder.Model, index.EmbeddingModel);
        }

        Assert.False(_embedder.Disposed);
        using var directory = FSDirectory.Open(path);
        var infos = new SegmentInfos();
        infos.Read(directory);
        Assert.Equal("{\"name\":\"fake-stems\",\"version\":\"1\",\"dimensions\":64}", infos.UserData["searchkit.embeddings"]);

        using var reopened = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(_embedder.Model, reopened.EmbeddingModel);
    }

    [Theory]
    [InlineData("other-model", "1", 64)]
    [InlineData("fake-stems", "2", 64)]
    [InlineData("fake-stems", "1", 32)]
    public void Open_WithAnotherModel_ShouldBeAClearError(string name, string version, int dimensions)
    {
        var path = _folder["index"];
        using (var index = SearchIndex.Open(path, WithEmbedder))
        {
            index.Upsert(SemanticCorpus.Ferry);
            index.Commit();
        }

        using var other = new FakeEmbedder(name, version, dimensions);
        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(path, new SearchIndexOptions { Embedder = other, ReadOnly = true }));
        Assert.Equal(IndexProblem.EmbeddingMismatch, e.Problem);
        Assert.Contains("fake-stems 1 (64 dimensions)", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{name} {version} ({dimensions} dimensions)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WithoutTheEmbedder_AnIndexWithEmbeddings_ShouldBeSearchedByKeywordAndDeletedFromButNotWrittenTo()
    {
        var path = _folder["index"];
        using (var index = SearchIndex.Open(path, WithEmbedder))
        {
            index.Add(SemanticCorpus.All);
        }

        using var plain = SearchIndex.Open(path);
        Assert.Equal("ferry", plain.Search("timetable").Hits.Single().Id);
        var e = Assert.Throws<SearchKitIndexException>(() => plain.Upsert(SemanticCorpus.Ferry));
        Assert.Equal(IndexProblem.EmbeddingMismatch, e.Problem);
        Assert.Throws<SearchKitIndexException>(() => plain.Add([SemanticCorpus.Ferry]));
        var semantic = Assert.Throws<SearchKitQueryException>(() => plain.Search("heart", new SearchOptions { Mode = SearchMode.Semantic }));
        Assert.Contains("embedder", semantic.Message, StringComparison.Ordinal);

        plain.Delete("ferry");
        plain.Optimize();
        Assert.Equal(4, SemanticCorpus.AuditVectors(path, _embedder));

        // The commits without an embedder kept the record of the model.
        using var again = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(_embedder.Model, again.EmbeddingModel);
    }

    [Fact]
    public void Vectors_ShouldStayInStepThroughUpsertDeleteMergeAndRebuild()
    {
        var path = _folder["index"];
        using (var index = SearchIndex.Open(path, WithEmbedder))
        {
            index.Add(Enumerable.Range(0, 60).Select(Numbered), new IndexingOptions { CommitEveryArticles = 7 });
            Assert.Equal(60, SemanticCorpus.AuditVectors(path, _embedder));

            // A replaced article gets its new paragraphs' vectors; a deleted one takes its vectors along.
            index.Upsert(Article.Create("a5", "Report five, rewritten", null, ["Only one paragraph now, about the orchard."]));
            index.Delete("a6");
            index.Commit();
            Assert.Equal(59, SemanticCorpus.AuditVectors(path, _embedder));

            index.Optimize();
            Assert.Equal(59, SemanticCorpus.AuditVectors(path, _embedder));
            var hit = index.Search("orchard", new SearchOptions { Mode = SearchMode.Semantic, Passages = true, Top = 1 }).Hits.Single();
            Assert.Equal(("a5", 0), (hit.Id, hit.Paragraphs[0].Index));
        }

        using (var rebuilt = SearchIndex.Open(path, WithEmbedder with { Recreate = true }))
        {
            rebuilt.Add(Enumerable.Range(100, 5).Select(Numbered));
        }

        Assert.Equal(5, SemanticCorpus.AuditVectors(path, _embedder));
    }

    [Fact]
    public void BulkAdd_ShouldEmbedInBatchesAcrossArticles()
    {
        using var index = SearchIndex.CreateInMemory(WithEmbedder with { IndexingThreads = 2 });
        var articles = Enumerable.Range(0, 200).Select(Numbered).ToList();
        long passages = articles.Sum(a => a.Paragraphs.Count + 1);
        var progress = new List<IndexingProgress>();

        var report = index.Add(articles, progress: new SynchronousProgress<IndexingProgress>(progress.Add));

        Assert.Equal(200, report.Added);
        Assert.Equal(passages, _embedder.Passages);

        // Batches of about EmbeddingQueue.BatchPassages passages, not one call per article.
        Assert.InRange(_embedder.PassageCalls, 1, (passages / (EmbeddingQueue.BatchPassages / 2)) + 2);
        Assert.Equal(passages, progress[^1].Embedded);
        var hits = index.Search("apple frost harbour", new SearchOptions { Mode = SearchMode.Semantic, Top = 200 });
        Assert.Equal(200, hits.Total);
    }

    [Fact]
    public void EmbedMissing_ShouldEmbedOnlyArticlesWithoutVectors()
    {
        var path = _folder["index"];
        using (var plain = SearchIndex.Open(path))
        {
            plain.Add(Enumerable.Range(0, 30).Select(Numbered));
        }

        using (var index = SearchIndex.Open(path, WithEmbedder))
        {
            // A new article written with the embedder has vectors already; the 30 old ones do not.
            index.Upsert(SemanticCorpus.Clinic);
            index.Commit();
            Assert.Equal(1, SemanticCorpus.AuditVectors(path, _embedder));

            var report = index.EmbedMissing();
            Assert.Equal((0L, 30L), (report.Added, report.Updated));
            Assert.Equal(31, SemanticCorpus.AuditVectors(path, _embedder));

            // Nothing is left to embed; the articles read back are the same articles.
            Assert.Equal(0, index.EmbedMissing().Indexed);
            Assert.Equal(Numbered(7).Paragraphs.Select(p => p.Text), index.Get("a7")!.Paragraphs.Select(p => p.Text));
        }
    }

    [Fact]
    public void EmbedMissing_WithoutAnEmbedder_ShouldSaySo()
    {
        using var index = SearchIndex.CreateInMemory();
        var e = Assert.Throws<InvalidOperationException>(() => index.EmbedMissing());
        Assert.Contains("embedder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexFiles_ShouldEmbedNewAndChangedFiles()
    {
        var docs = _folder.Combine("docs");
        _folder.Write("docs/one.txt", "Heart clinic opens\n\nA new clinic for patients after myocardial infarction.\n\nDoctors will see them weekly.");
        _folder.Write("docs/two.txt", "Ferry news\n\nThe harbour ferry sails at night.");
        var path = _folder["index"];
        using var index = SearchIndex.Open(path, WithEmbedder);
        index.IndexFiles([docs]);
        Assert.Equal(2, SemanticCorpus.AuditVectors(path, _embedder));

        _folder.Write("docs/two.txt", "Ferry news\n\nThe ferry is cancelled.\n\nBuses replace it.\n\nTickets are refunded.");
        var report = index.IndexFiles([docs]);
        Assert.Equal((1L, 1L), (report.Updated, report.Unchanged));
        Assert.Equal(2, SemanticCorpus.AuditVectors(path, _embedder));
        Assert.Equal("one.txt", Path.GetFileName(index.Search("heart attack", new SearchOptions { Mode = SearchMode.Semantic }).Hits[0].Path));
    }

    [Fact]
    public void AFailingEmbedder_ShouldFailTheRunAndLeaveTheIndexAtItsLastCommit()
    {
        var path = _folder["index"];
        using var index = SearchIndex.Open(path, WithEmbedder);
        index.Add(SemanticCorpus.All);

        _embedder.FailWith = new InvalidOperationException("model file is damaged");
        var e = Assert.Throws<SearchKitException>(() => index.Add(Enumerable.Range(0, 20).Select(Numbered)));
        Assert.Contains("model file is damaged", e.Message, StringComparison.Ordinal);
        Assert.Throws<SearchKitException>(() => index.Upsert(SemanticCorpus.Ferry));
        _embedder.FailWith = null;

        Assert.Equal(5, index.GetStats().Articles);
        Assert.Equal(5, SemanticCorpus.AuditVectors(path, _embedder));
    }

    [Fact]
    public void ALongArticle_ShouldKeepAllItsParagraphVectors()
    {
        // 400 paragraphs × 64 floats: far over the 32 KB that older Lucene doc-values formats allowed per value.
        var article = Article.Create("long", "A long report", null, [.. Enumerable.Range(0, 399).Select(p => $"Paragraph number {p} on topic {p % 17}."), "The final paragraph mentions a lighthouse keeper."]);
        var path = _folder["index"];
        using var index = SearchIndex.Open(path, WithEmbedder);
        index.Upsert(article);
        index.Commit();

        Assert.Equal(1, SemanticCorpus.AuditVectors(path, _embedder));
        var hit = index.Search("lighthouse keeper", new SearchOptions { Mode = SearchMode.Semantic, Passages = true, Top = 1 }).Hits.Single();
        Assert.Equal(399, hit.Paragraphs[0].Index);
    }

    /// <summary>Reports on the calling thread, so the last report is there when the run returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
