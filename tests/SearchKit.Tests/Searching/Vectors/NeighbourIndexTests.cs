using SearchKit.Searching.Vectors;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching.Vectors;

public sealed class NeighbourIndexTests
{
    private const int Dims = 32;
    private static readonly NeighbourIndexOptions Small = new() { ExactBelowRows = 1_000, Hnsw = new HnswOptions { BuildThreads = 2 } };

    [Fact]
    public void For_ShouldPickExactBelowTheThreshold_AndTheGraphAtOrAboveIt_UnlessExactIsForced()
    {
        using var small = NeighbourIndex.For(TestVectors.Clustered(999, Dims, 5, seed: 1), null, "_0", exact: false, Small);
        using var big = NeighbourIndex.For(TestVectors.Clustered(1_000, Dims, 5, seed: 1), null, "_1", exact: false, Small);
        using var forced = NeighbourIndex.For(TestVectors.Clustered(1_000, Dims, 5, seed: 1), null, "_1", exact: true, Small);
        Assert.IsType<ExactNeighbours>(small);
        Assert.IsType<HnswNeighbours>(big);
        Assert.IsType<ExactNeighbours>(forced);
        Assert.True(NeighbourIndexOptions.Default.ExactBelowRows > 1_000);
    }

    [Fact]
    public void For_ShouldSaveTheGraphInTheCacheFolder_AndMapItOnTheNextOpenWithoutRebuilding()
    {
        using var folder = new TempFolder("ann");
        string cache = folder["vectors"];
        var block = TestVectors.Clustered(3_000, Dims, 20, seed: 2);
        var queries = TestVectors.Queries(20, Dims, 20, seed: 2);
        IReadOnlyList<Neighbour>[] first;
        using (var built = NeighbourIndex.For(block, cache, "_4", exact: false, Small))
        {
            Assert.IsType<HnswNeighbours>(built);
            first = [.. queries.Select(q => built.Search(q, 10))];
        }

        string graph = Assert.Single(Directory.GetFiles(cache, "*.usearch"));
        Assert.StartsWith("hnsw-_4-", Path.GetFileName(graph), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.ChangeExtension(graph, ".check")));
        var written = File.GetLastWriteTimeUtc(graph);
        File.SetLastWriteTimeUtc(graph, written.AddMinutes(-5)); // a rebuild would move it forward again

        using (var mapped = NeighbourIndex.For(block, cache, "_4", exact: false, Small))
        {
            Assert.Equal(first, queries.Select(q => mapped.Search(q, 10)));
        }

        Assert.Equal(written.AddMinutes(-5), File.GetLastWriteTimeUtc(graph));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("no-check")]
    public void For_WithADamagedGraphFile_ShouldRebuildIt(string damage)
    {
        using var folder = new TempFolder("ann");
        string cache = folder["vectors"];
        var block = TestVectors.Clustered(2_000, Dims, 20, seed: 3);
        var query = TestVectors.Queries(1, Dims, 20, seed: 3)[0];
        NeighbourIndex.For(block, cache, "_7", exact: false, Small).Dispose();
        string graph = Assert.Single(Directory.GetFiles(cache, "*.usearch"));
        byte[] bytes = File.ReadAllBytes(graph);
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0xFF;
                File.WriteAllBytes(graph, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(graph, bytes[..(bytes.Length / 3)]);
                break;
            case "empty":
                File.WriteAllBytes(graph, []);
                break;
            default:
                File.Delete(Path.ChangeExtension(graph, ".check"));
                break;
        }

        using var index = NeighbourIndex.For(block, cache, "_7", exact: false, Small);
        Assert.IsType<HnswNeighbours>(index);
        Assert.True(TestVectors.Recall(index.Search(query, 10), TestVectors.NaiveTop(block, query, 10)) >= 0.8);
        Assert.True(GraphFiles.IsIntact(graph), "the rebuilt graph was saved again");
        Assert.True(new FileInfo(graph).Length > bytes.Length / 2);
    }

    [Fact]
    public void For_WithAnIntactGraphOfOtherVectors_ShouldNotUseIt()
    {
        // Lucene reuses segment names when an index is created anew: the same key, other vectors.
        using var folder = new TempFolder("ann");
        string cache = folder["vectors"];
        var before = TestVectors.Clustered(1_500, Dims, 10, seed: 4);
        var after = TestVectors.Clustered(1_500, Dims, 10, seed: 5);
        NeighbourIndex.For(before, cache, "_0", exact: false, Small).Dispose();
        string old = Assert.Single(Directory.GetFiles(cache, "*.usearch"));

        using var index = NeighbourIndex.For(after, cache, "_0", exact: false, Small);
        var query = TestVectors.Queries(1, Dims, 10, seed: 5)[0];
        Assert.True(TestVectors.Recall(index.Search(query, 10), TestVectors.NaiveTop(after, query, 10)) >= 0.8);
        string current = Assert.Single(Directory.GetFiles(cache, "*.usearch"));
        Assert.NotEqual(old, current);
        Assert.False(File.Exists(Path.ChangeExtension(old, ".check")));
    }

    [Fact]
    public void RemoveStale_ShouldDeleteTheGraphsOfGoneSegments_AndOldTemporaryFiles_Only()
    {
        using var folder = new TempFolder("ann");
        string cache = folder["vectors"];
        foreach (string key in new[] { "_0 all-MiniLM 384", "_1 all-MiniLM 384", "_2 all-MiniLM 384" })
        {
            NeighbourIndex.For(TestVectors.Clustered(1_000, Dims, 5, seed: key[1]), cache, key, exact: false, Small).Dispose();
        }

        string oldTemporary = folder.Write("vectors/.tmp-1-old.usearch", "x");
        File.SetLastWriteTimeUtc(oldTemporary, DateTime.UtcNow.AddDays(-1));
        string freshTemporary = folder.Write("vectors/.tmp-2-fresh.usearch", "x");
        string other = folder.Write("vectors/notes.txt", "not ours");

        int deleted = NeighbourIndex.RemoveStale(cache, ["_1 all-MiniLM 384"]);

        Assert.Equal(5, deleted); // two graphs, their two check files, the old temporary file
        var left = Directory.GetFiles(cache).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(4, left.Length);
        Assert.Contains(left, f => f!.StartsWith("hnsw-_1~all~MiniLM~384-", StringComparison.Ordinal) && f.EndsWith(".usearch", StringComparison.Ordinal));
        Assert.True(File.Exists(freshTemporary));
        Assert.True(File.Exists(other));
        Assert.False(File.Exists(oldTemporary));
    }

    [PosixFact]
    public void For_WhenTheCacheFolderCannotBeWritten_ShouldSearchFromAGraphInMemory()
    {
        using var folder = new TempFolder("ann");
        string notAFolder = folder.Write("vectors", "a file where the folder should be");
        var block = TestVectors.Clustered(1_200, Dims, 10, seed: 6);
        using var index = NeighbourIndex.For(block, notAFolder, "_3", exact: false, Small);
        var query = TestVectors.Queries(1, Dims, 10, seed: 6)[0];
        Assert.IsType<HnswNeighbours>(index);
        Assert.Equal(10, index.Search(query, 10).Count);
    }
}
