using SearchKit.Searching.Vectors;

namespace SearchKit.Tests.Searching.Vectors;

/// <summary>The approximate index (USearch's HNSW) on a small clustered set: fast, but big enough that a broken
/// graph or filter shows as lost recall.</summary>
public sealed class HnswNeighboursTests
{
    private const int Rows = 4_000;
    private const int Dims = 48;
    private const int Clusters = 40;
    private static readonly HnswOptions Options = new() { BuildThreads = 2 };

    [Fact]
    public void Search_ShouldFindNineTenthsOfTheExactTopTen()
    {
        var block = TestVectors.Clustered(Rows, Dims, Clusters, seed: 11);
        var queries = TestVectors.Queries(60, Dims, Clusters, seed: 11);
        using var graph = HnswNeighbours.Build(block, Options);
        double recall = queries.Average(q => TestVectors.Recall(graph.Search(q, 10), TestVectors.NaiveTop(block, q, 10)));
        Assert.True(recall >= 0.9, $"recall@10 {recall:0.000}");
    }

    [Fact]
    public void Search_ShouldScoreWithTheExactDotProduct_BestFirst()
    {
        var block = TestVectors.Clustered(Rows, Dims, Clusters, seed: 12);
        var query = TestVectors.Queries(1, Dims, Clusters, seed: 12)[0];
        using var graph = HnswNeighbours.Build(block, Options);
        var found = graph.Search(query, 10);
        Assert.Equal(10, found.Count);
        Assert.All(found, n => Assert.Equal(VectorMath.Dot(query, block.Row(n.Row)), n.Similarity));
        Assert.Equal(found.OrderByDescending(n => n.Similarity).ThenBy(n => n.Row), found);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(50)]
    public void Search_WithAFilter_ShouldReturnOnlyAcceptedRows_AndFindThem(int keepOneIn)
    {
        var block = TestVectors.Clustered(Rows, Dims, Clusters, seed: 13);
        var queries = TestVectors.Queries(30, Dims, Clusters, seed: 13);
        using var graph = HnswNeighbours.Build(block, Options);
        Func<int, bool> accept = row => row % keepOneIn == 0;
        double recall = 0;
        foreach (var q in queries)
        {
            var found = graph.Search(q, 10, accept);
            Assert.All(found, n => Assert.Equal(0, n.Row % keepOneIn));
            recall += TestVectors.Recall(found, TestVectors.NaiveTop(block, q, 10, accept)) / queries.Length;
        }

        Assert.True(recall >= 0.9, $"recall@10 {recall:0.000} keeping one row in {keepOneIn}");
    }

    [Fact]
    public void Search_WhenTheFilterThrows_ShouldThrowAManagedErrorAndStayUsable()
    {
        var block = TestVectors.Clustered(500, Dims, 5, seed: 14);
        var query = TestVectors.Queries(1, Dims, 5, seed: 14)[0];
        using var graph = HnswNeighbours.Build(block, Options);
        // Past the sample that judges the filter's selectivity, so that it throws inside the native graph walk.
        int calls = 0;
        var error = Assert.Throws<InvalidOperationException>(() => graph.Search(query, 5, _ => ++calls < 100 ? true : throw new FormatException("bad filter")));
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Equal(5, graph.Search(query, 5).Count);
    }

    [Fact]
    public void Search_WithAFilterThatKeepsFewRows_ShouldScanThemExactly()
    {
        var block = TestVectors.Clustered(Rows, Dims, Clusters, seed: 16);
        using var graph = HnswNeighbours.Build(block, Options);
        Func<int, bool> few = row => row % 40 == 3;
        foreach (var q in TestVectors.Queries(10, Dims, Clusters, seed: 16))
        {
            Assert.Equal(TestVectors.NaiveTop(block, q, 10, few), graph.Search(q, 10, few));
        }
    }

    [Fact]
    public void Search_ConcurrentlyFromManyThreads_ShouldGiveEachTheSingleThreadedAnswer()
    {
        var block = TestVectors.Clustered(2_000, Dims, 20, seed: 15);
        var queries = TestVectors.Queries(64, Dims, 20, seed: 15);
        using var graph = HnswNeighbours.Build(block, Options);
        var expected = queries.Select(q => graph.Search(q, 10)).ToArray();
        var actual = new IReadOnlyList<Neighbour>[queries.Length];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => actual[i] = graph.Search(queries[i], 10));
        for (int i = 0; i < queries.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }
}
