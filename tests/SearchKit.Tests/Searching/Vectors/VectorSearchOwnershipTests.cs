using SearchKit.Searching;
using SearchKit.Searching.Vectors;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching.Vectors;

/// <summary>The native HNSW graphs of an index's segments are freed with their segments and with the index.</summary>
public sealed class VectorSearchOwnershipTests
{
    private static readonly SearchOptions Semantic = new() { Mode = SearchMode.Semantic, Syntax = QuerySyntax.Natural };

    [Fact]
    public void Graphs_ShouldBeFreedWhenTheirSegmentIsMergedAwayAndWhenTheIndexCloses()
    {
        using var embedder = new FakeEmbedder();
        // A graph for every segment, however small (the default threshold is 10,000 rows).
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { Embedder = embedder, Neighbours = new NeighbourIndexOptions { ExactBelowRows = 1, BuildInBackground = false } });
        HnswNeighbours merged;
        try
        {
            index.Add(SemanticCorpus.All.Take(3));
            index.Upsert(SemanticCorpus.Clinic);
            index.Commit();
            Assert.NotEmpty(index.Search("heart attack", Semantic).Hits);
            var before = index.Vectors.CachedNeighbours.Select(n => Assert.IsType<HnswNeighbours>(n)).ToList();
            Assert.Equal(2, before.Count);

            // The merge closes both old segments' cores: their graphs go with them, the merged segment gets its own.
            index.Optimize(maxSegments: 1);
            Assert.Equal("cardiology", index.Search("heart attack", Semantic).Hits[0].Id);
            Assert.All(before, graph => Assert.True(graph.IsDisposed));
            merged = Assert.IsType<HnswNeighbours>(Assert.Single(index.Vectors.CachedNeighbours));
            Assert.False(merged.IsDisposed);
        }
        finally
        {
            index.Dispose();
        }

        Assert.True(merged.IsDisposed);
        Assert.Empty(index.Vectors.CachedNeighbours);
    }

    [Fact]
    public void FirstSearch_ShouldNotWaitForTheGraph_WhichTakesOverWhenBuilt()
    {
        using var embedder = new FakeEmbedder();
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { Embedder = embedder, Neighbours = new NeighbourIndexOptions { ExactBelowRows = 1 } });
        index.Add(SemanticCorpus.All);

        // Answered at once by exact search while the graph is built on another thread, then by the graph.
        var first = index.Search("heart attack", Semantic).Hits.Select(h => h.Id).ToList();
        Assert.Equal("cardiology", first[0]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (index.Vectors.CachedNeighbours.Any(n => n is not HnswNeighbours) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.All(index.Vectors.CachedNeighbours, n => Assert.IsType<HnswNeighbours>(n));
        Assert.Equal(first, index.Search("heart attack", Semantic).Hits.Select(h => h.Id).ToList());
    }
}
