using SearchKit.Cli.Rendering;
using SearchKit.Indexing;

namespace SearchKit.Tests.Cli;

/// <summary>The rate and time left that an indexing run with embeddings shows, on a clock the test moves.</summary>
public sealed class EmbeddingEstimateTests
{
    private TimeSpan _now;

    private static IndexingProgress Progress(long articles, long embedded, long articlesTotal = 0, int filesDone = 0, int filesTotal = 0) =>
        new(filesDone, filesTotal, articles, Bytes: articles * 3000, Failed: 0) { Embedded = embedded, ArticlesTotal = articlesTotal };

    [Fact]
    public void Estimate_ShouldMeasureTheRateAfterTheFirstBatchAndScaleThePassagesLeft()
    {
        var estimate = new EmbeddingEstimate(() => _now);
        estimate.Observe(Progress(articles: 10, embedded: 0, articlesTotal: 1000));
        Assert.Null(estimate.Rate);

        // The first batch also paid for the model's warm-up: the rate starts after it.
        _now = TimeSpan.FromSeconds(5);
        estimate.Observe(Progress(articles: 16, embedded: 128, articlesTotal: 1000));
        Assert.Null(estimate.Rate);
        Assert.Equal(string.Empty, estimate.Describe());

        // 1,000 passages in 10 s: 100 a second; 200 of 1,000 articles done with 1,128 passages, so 5,640 in all.
        _now = TimeSpan.FromSeconds(15);
        estimate.Observe(Progress(articles: 200, embedded: 1128, articlesTotal: 1000));
        Assert.Equal(100, estimate.Rate!.Value, 3);
        Assert.Equal(5640, estimate.Passages);
        Assert.Equal(45.12, estimate.Remaining!.Value.TotalSeconds, 2);
        Assert.Equal(", 100 passages/s, about 45 s left", estimate.Describe());
    }

    [Fact]
    public void Estimate_ShouldUseFilesWhenTheArticlesAreNotKnownAndGiveOnlyTheRateWithNeither()
    {
        var byFiles = new EmbeddingEstimate(() => _now);
        var single = new EmbeddingEstimate(() => _now);
        byFiles.Observe(Progress(articles: 5, embedded: 100, filesDone: 5, filesTotal: 100));
        single.Observe(Progress(articles: 5, embedded: 100, filesDone: 0, filesTotal: 1));
        _now = TimeSpan.FromMinutes(1);
        byFiles.Observe(Progress(articles: 10, embedded: 700, filesDone: 10, filesTotal: 100));
        single.Observe(Progress(articles: 10, embedded: 700, filesDone: 0, filesTotal: 1));

        // 600 passages a minute; 10 % of the files gave 700 passages, so about 6,300 are left: 630 s.
        Assert.Equal(", 10 passages/s, about 10 min left", byFiles.Describe());
        Assert.Equal(", 10 passages/s", single.Describe());
        Assert.Null(single.Remaining);
    }

    [Theory]
    [InlineData(0.4, "1 s")]
    [InlineData(42, "42 s")]
    [InlineData(600, "10 min")]
    [InlineData(7500, "2 h 5 min")]
    public void Duration_ShouldReadAsPeopleSayIt(double seconds, string expected) =>
        Assert.Equal(expected, EmbeddingEstimate.Duration(TimeSpan.FromSeconds(seconds)));
}
