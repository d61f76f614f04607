using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Semantic;

/// <summary>Semantic and hybrid search through a real in-memory index, with the deterministic fake embedder.</summary>
public sealed class SemanticSearchTests : IDisposable
{
    private readonly FakeEmbedder _embedder = new();
    private readonly SearchIndex _index;

    public SemanticSearchTests()
    {
        _index = SearchIndex.CreateInMemory(new SearchIndexOptions { Embedder = _embedder });
        _index.Add(SemanticCorpus.All);
    }

    public void Dispose()
    {
        _index.Dispose();
        _embedder.Dispose();
    }

    private SearchResults Search(string query, SearchMode mode, SearchOptions? options = null) =>
        _index.Search(query, (options ?? new SearchOptions()) with { Mode = mode, Syntax = QuerySyntax.Natural });

    [Fact]
    public void Paraphrase_WithNoSharedWord_ShouldBeFoundBySemanticSearchButNotByKeywords()
    {
        var keyword = Search("heart attack", SearchMode.Keyword);
        Assert.DoesNotContain(keyword.Hits, h => h.Id == "cardiology");

        var semantic = Search("heart attack", SearchMode.Semantic);
        Assert.Equal(SearchMode.Semantic, semantic.Mode);
        Assert.Equal("cardiology", semantic.Hits[0].Id);

        // The paragraph that says it in other words is the one named, with its similarity.
        var nearest = semantic.Hits[0].Paragraphs.MaxBy(p => p.Similarity)!;
        Assert.Equal(1, nearest.Index);
        Assert.Equal("Treatment", nearest.Heading);
        Assert.InRange(nearest.Similarity!.Value, 0.4f, 1.001f);
        Assert.All(semantic.Hits[0].Paragraphs.Where(p => p != nearest), p => Assert.True(p.Similarity < nearest.Similarity));
        Assert.Equal(nearest.Similarity!.Value, semantic.Hits[0].Score, 3);
    }

    [Fact]
    public void SemanticHit_ShouldShowItsNearestParagraphsInOrderWithSimilarities()
    {
        var hit = Search("myocardial infarction", SearchMode.Semantic).Hits[0];

        Assert.Equal("cardiology", hit.Id);
        Assert.InRange(hit.Paragraphs.Count, 1, 3);
        Assert.Equal(hit.Paragraphs.Select(p => p.Index).Order(), hit.Paragraphs.Select(p => p.Index));
        Assert.All(hit.Paragraphs, p => Assert.NotNull(p.Similarity));

        // Its words also match: highlighted as in keyword search.
        var treated = Assert.Single(hit.Paragraphs, p => p.Index == 1);
        Assert.Contains("«myocardial»", treated.Snippet, StringComparison.Ordinal);
        Assert.NotEmpty(treated.Highlights);
    }

    [Fact]
    public void Semantic_ShouldEmbedTheQueryOncePerSearch()
    {
        long before = _embedder.Queries;
        Search("heart attack", SearchMode.Semantic, new SearchOptions { Passages = true });
        Search("heart attack", SearchMode.Hybrid);
        Assert.Equal(before + 2, _embedder.Queries);
    }

    [Fact]
    public void Keyword_ShouldNotEmbedTheQueryAndShouldSayItsMode()
    {
        long before = _embedder.Queries;
        var results = Search("harbour", SearchMode.Keyword);
        Assert.Equal(before, _embedder.Queries);
        Assert.Equal(SearchMode.Keyword, results.Mode);
        Assert.All(results.Hits.SelectMany(h => h.Paragraphs), p => Assert.Null(p.Similarity));
    }

    [Fact]
    public void Hybrid_ReciprocalRank_ShouldPutAnArticleBothRankingsFindFirstAndScoreBySummedReciprocalRanks()
    {
        // "heart doctor": the clinic article has both words (keyword rank 1) and is nearest in meaning too.
        var keyword = Search("heart doctor", SearchMode.Keyword);
        var semantic = Search("heart doctor", SearchMode.Semantic);
        var hybrid = Search("heart doctor", SearchMode.Hybrid, new SearchOptions { Hybrid = new HybridOptions { Fusion = HybridFusion.ReciprocalRank } });

        Assert.Equal(SearchMode.Hybrid, hybrid.Mode);
        Assert.Equal("clinic", keyword.Hits[0].Id);
        Assert.Equal("clinic", hybrid.Hits[0].Id);
        var ids = keyword.Hits.Select(h => h.Id).Union(semantic.Hits.Select(h => h.Id)).ToHashSet();
        Assert.Equal(ids, hybrid.Hits.Select(h => h.Id).ToHashSet());
        Assert.Equal(ids.Count, hybrid.Total);

        // RRF with k = 60: each hit scores the sum of 1 / (60 + rank) over the rankings it is in.
        foreach (var hit in hybrid.Hits)
        {
            double expected = Reciprocal(keyword, hit.Id) + Reciprocal(semantic, hit.Id);
            Assert.Equal(expected, hit.Score, 5);
        }

        static double Reciprocal(SearchResults results, string id) =>
            results.Hits.Select((h, i) => (h.Id, Rank: i + 1)).Where(x => x.Id == id).Select(x => 1.0 / (60 + x.Rank)).SingleOrDefault();
    }

    [Fact]
    public void Hybrid_ScoreBlend_ShouldFollowTheKeywordRankingAtWeightOneAndTheSemanticAtZero()
    {
        var keyword = Search("harbour night", SearchMode.Keyword).Hits.Select(h => h.Id).ToList();
        var semantic = Search("harbour night", SearchMode.Semantic).Hits.Select(h => h.Id).ToList();

        var allWords = Search("harbour night", SearchMode.Hybrid, new SearchOptions { Hybrid = new HybridOptions { Fusion = HybridFusion.ScoreBlend, KeywordWeight = 1 } });
        var allMeaning = Search("harbour night", SearchMode.Hybrid, new SearchOptions { Hybrid = new HybridOptions { Fusion = HybridFusion.ScoreBlend, KeywordWeight = 0 } });

        Assert.Equal(keyword, allWords.Hits.Select(h => h.Id).Take(keyword.Count));
        Assert.Equal(semantic, allMeaning.Hits.Select(h => h.Id).Take(semantic.Count));

        // Min-max normalised: the best of the ranking followed scores 1, the worst of it 0.
        Assert.Equal(1f, allWords.Hits[0].Score, 5);
        Assert.Equal(1f, allMeaning.Hits[0].Score, 5);
    }

    [Fact]
    public void Semantic_WithFilters_ShouldRankOnlyArticlesThatPass()
    {
        var filtered = Search("heart attack", SearchMode.Semantic, new SearchOptions { Filters = [SearchFilter.Parse("category=transport")] });

        Assert.NotEmpty(filtered.Hits);
        Assert.All(filtered.Hits, h => Assert.Contains(h.Id, new[] { "ferry", "motoring" }));
        Assert.Equal(2, filtered.Total);
        Assert.False(filtered.TotalIsLowerBound);
    }

    [Fact]
    public void Semantic_Pages_ShouldTileTheWholeRanking()
    {
        var all = Search("harbour ferry at night", SearchMode.Semantic, new SearchOptions { Top = 5 });
        Assert.Equal(5, all.Total);
        Assert.Equal(5, all.Hits.Count);

        var pages = Enumerable.Range(0, 3).SelectMany(p => Search("harbour ferry at night", SearchMode.Semantic, new SearchOptions { Skip = 2 * p, Top = 2 }).Hits).ToList();
        Assert.Equal(all.Hits.Select(h => h.Id), pages.Select(h => h.Id));
        Assert.Equal(all.Hits.Select(h => h.Score), pages.Select(h => h.Score));
    }

    [Fact]
    public void Semantic_WithFewerCandidatesThanArticles_ShouldSayTheTotalIsALowerBound()
    {
        var results = Search("harbour", SearchMode.Semantic, new SearchOptions { Top = 2, Hybrid = new HybridOptions { Candidates = 2 } });
        Assert.Equal(2, results.Total);
        Assert.True(results.TotalIsLowerBound);
    }

    [Fact]
    public void SemanticPassages_ShouldRankSingleBodyParagraphsBySimilarity()
    {
        var results = Search("heart attack", SearchMode.Semantic, new SearchOptions { Passages = true, Top = 4 });

        Assert.Equal(4, results.Hits.Count);
        Assert.All(results.Hits, h => Assert.Single(h.Paragraphs));
        var first = results.Hits[0];
        Assert.Equal(("cardiology", 1), (first.Id, first.Paragraphs[0].Index));
        var similarities = results.Hits.Select(h => h.Paragraphs[0].Similarity!.Value).ToList();
        Assert.Equal(similarities.OrderDescending(), similarities);
        Assert.All(results.Hits, h => Assert.Equal(h.Score, h.Paragraphs[0].Similarity!.Value));

        // Every body paragraph of the corpus is a candidate (no title rows): 11 of them.
        var all = Search("heart attack", SearchMode.Semantic, new SearchOptions { Passages = true, Top = 100 });
        Assert.Equal(11, all.Total);
    }

    [Fact]
    public void HybridPassages_ShouldFuseParagraphsOfBothRankings()
    {
        var results = Search("harbour night", SearchMode.Hybrid, new SearchOptions { Passages = true, Top = 20 });

        Assert.Equal(SearchMode.Hybrid, results.Mode);
        Assert.All(results.Hits, h => Assert.Single(h.Paragraphs));
        var keys = results.Hits.Select(h => (h.Id, h.Paragraphs[0].Index)).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);

        // A paragraph with both words ranks first, highlighted, with its similarity.
        var best = results.Hits[0].Paragraphs[0];
        Assert.Contains("«harbour»", best.Snippet, StringComparison.Ordinal);
        Assert.NotNull(best.Similarity);
        Assert.Equal(results.Hits.Select(h => h.Score).OrderDescending(), results.Hits.Select(h => h.Score));
    }

    [Fact]
    public void SemanticQuery_ThatIsNotValidLuceneSyntax_ShouldStillSearchByMeaning()
    {
        var results = _index.Search("heart attack (", new SearchOptions { Mode = SearchMode.Semantic });
        Assert.Equal("cardiology", results.Hits[0].Id);
    }

    [Fact]
    public void SemanticSearch_WithASort_ShouldBeRefused()
    {
        var e = Assert.Throws<SearchKitQueryException>(() => Search("heart", SearchMode.Semantic, new SearchOptions { Sort = SearchSort.Parse("newest") }));
        Assert.Contains("no sort", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SemanticSearch_OnAKeywordOnlyIndex_ShouldSayItHasNoEmbeddings()
    {
        using var plain = SearchIndex.CreateInMemory();
        plain.Add(SemanticCorpus.All);
        var e = Assert.Throws<SearchKitQueryException>(() => plain.Search("heart", new SearchOptions { Mode = SearchMode.Semantic }));
        Assert.Contains("no embeddings", e.Message, StringComparison.Ordinal);
        Assert.Null(plain.EmbeddingModel);
    }

    [Fact]
    public void WithoutParagraphs_ShouldReturnLightHitsInTheSameOrder()
    {
        var full = Search("heart attack", SearchMode.Semantic);
        var light = Search("heart attack", SearchMode.Semantic, new SearchOptions { Paragraphs = false });
        Assert.Equal(full.Hits.Select(h => h.Id), light.Hits.Select(h => h.Id));
        Assert.All(light.Hits, h => Assert.Empty(h.Paragraphs));
    }
}
