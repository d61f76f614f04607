using SearchKit.Analysis;

namespace SearchKit.Semantic.Tests;

public sealed class ArcticEmbedderTests(ArcticFixture fixture) : IClassFixture<ArcticFixture>
{
    private readonly ITextEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void EmbedQuery_ShouldApplyTheModelsQueryPrefix_AndPassagesShouldNot()
    {
        const string text = "effects of drought on wheat yields";
        var embedder = Assert.IsType<OnnxTextEmbedder>(_embedder);
        var prefixed = embedder.QueryText(text);

        Assert.StartsWith("Represent this sentence for searching relevant passages: ", prefixed, StringComparison.Ordinal);
        Assert.EndsWith(text, prefixed, StringComparison.Ordinal);
        var query = _embedder.EmbedQuery(text);
        Vectors.AssertClose(_embedder.EmbedPassages([prefixed])[0], query);
        Assert.True(Vectors.Dot(query, _embedder.EmbedPassages([text])[0]) < 0.99f, "the query vector should differ from the bare passage's");
    }

    [Fact]
    public void Vectors_ShouldBeUnitLength_WithClsPooling()
    {
        var v = _embedder.EmbedPassages(["Drought cut the wheat harvest by a third.", "A new bridge opened downtown."]);
        var q = _embedder.EmbedQuery("effects of drought on wheat yields");

        Assert.All(v, x => Assert.InRange(Vectors.Norm(x), 0.999f, 1.001f));
        Assert.True(Vectors.Dot(q, v[0]) > Vectors.Dot(q, v[1]));
    }

    [Fact]
    public void Batch_ShouldEqualSingleCalls_InTheCallersOrder()
    {
        // A float32 model: padding and batch-mates change nothing but rounding, so batching must be exact up to it.
        var batch = _embedder.EmbedPassages(BatchTexts.All);

        Assert.Equal(BatchTexts.All.Length, batch.Count);
        for (int i = 0; i < BatchTexts.All.Length; i++)
        {
            Vectors.AssertClose(_embedder.EmbedPassages([BatchTexts.All[i]])[0], batch[i]);
        }
    }

    [Fact]
    public void Tokenize_ShouldTruncateAt512WordPieces()
    {
        var embedder = Assert.IsType<OnnxTextEmbedder>(_embedder);
        Assert.Equal(512, embedder.Tokenize(string.Join(' ', Enumerable.Repeat("archive", 2000))).Length);
    }
}
