using CsCheck;
using SearchKit.Searching.Vectors;

namespace SearchKit.Tests.Searching.Vectors;

public sealed class ExactNeighboursTests
{
    [Fact]
    public void Dot_ShouldEqualAScalarSumInDouble()
    {
        Gen.Int[1, 700].SelectMany(n => Gen.Float[-1, 1].Array[n].Select(Gen.Float[-1, 1].Array[n])).Sample((a, b) =>
        {
            double expected = a.Zip(b, (x, y) => (double)x * y).Sum();
            Assert.Equal(expected, VectorMath.Dot(a, b), 3);
        }, iter: 200);
    }

    [Fact]
    public void Search_ShouldEqualANaiveSort_WithTiesBrokenByRow()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[1, 40], Gen.Int[0, 50], Gen.Int[1, 8], Gen.Int).Sample((rows, dims, k, distinct, seed) =>
        {
            var block = TestVectors.WithTies(rows, dims, distinct, seed);
            var query = TestVectors.Unit(dims, new Random(seed + 1), null);
            using var exact = new ExactNeighbours(block);
            Assert.Equal(TestVectors.NaiveTop(block, query, k), exact.Search(query, k));
        }, iter: 150);
    }

    [Fact]
    public void Search_OfABigBlock_ShouldSplitIntoRangesAndMergeToTheSameAnswer()
    {
        // Over ParallelFloats, so the parallel path runs; ties across range borders must merge by row.
        var block = TestVectors.WithTies(9_000, 256, 40, seed: 5);
        Assert.True((long)block.Count * block.Dimensions >= ExactNeighbours.ParallelFloats);
        var query = TestVectors.Unit(256, new Random(6), null);
        using var parallel = new ExactNeighbours(block, parallelism: 3);
        using var single = new ExactNeighbours(block, parallelism: 1);
        var expected = TestVectors.NaiveTop(block, query, 25);
        Assert.Equal(expected, parallel.Search(query, 25));
        Assert.Equal(expected, single.Search(query, 25));
    }

    [Fact]
    public void Search_ShouldReturnOnlyAcceptedRows_AndAllOfThemWhenFewerThanK()
    {
        var block = TestVectors.Clustered(2_000, 32, 10, seed: 3);
        var query = TestVectors.Queries(1, 32, 10, seed: 3)[0];
        using var exact = new ExactNeighbours(block);
        Func<int, bool> odd = row => row % 2 == 1;
        var found = exact.Search(query, 50, odd);
        Assert.All(found, n => Assert.True(n.Row % 2 == 1));
        Assert.Equal(TestVectors.NaiveTop(block, query, 50, odd), found);

        Func<int, bool> three = row => row is 7 or 700 or 1_999;
        Assert.Equal([7, 700, 1_999], exact.Search(query, 10, three).Select(n => n.Row).Order());
        Assert.Empty(exact.Search(query, 10, _ => false));
    }

    [Theory]
    [InlineData(100_000, 2, false)]   // an even sample stride from an odd start used to see no even row at all
    [InlineData(100_000, 4, false)]
    [InlineData(50_000, 2, false)]
    [InlineData(100_000, 100, true)]
    [InlineData(100_000, 1_000_000, true)]
    [InlineData(10, 2, false)]
    public void IsSelective_ShouldJudgeAPeriodicFilterByItsShare(int rows, int keepOneIn, bool selective)
    {
        Assert.Equal(selective, ExactNeighbours.IsSelective(rows, row => row % keepOneIn == 0));
    }

    [Fact]
    public void Search_WithAQueryOfOtherDimensions_ShouldSayBothCounts()
    {
        using var exact = new ExactNeighbours(TestVectors.Clustered(10, 8, 2, seed: 1));
        var error = Assert.Throws<ArgumentException>(() => exact.Search(new float[7], 3));
        Assert.Contains("7 dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("have 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VectorBlock_OfInconsistentArrays_ShouldBeRefused()
    {
        Assert.Throws<ArgumentException>(() => new VectorBlock(4, new float[12], [0, 1, 2], [0, 0]));
        Assert.Throws<ArgumentException>(() => new VectorBlock(4, new float[11], [0, 1, 2], [0, 0, 0]));
    }
}
