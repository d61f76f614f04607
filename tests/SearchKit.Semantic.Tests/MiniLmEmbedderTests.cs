using SearchKit.Analysis;

namespace SearchKit.Semantic.Tests;

public sealed class MiniLmEmbedderTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private readonly ITextEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void Model_ShouldNameTheDefaultModelItsPackageVersionAndDimension()
    {
        Assert.Equal(EmbeddingModels.DefaultName, _embedder.Model.Name);
        Assert.Equal(384, _embedder.Model.Dimensions);
        Assert.Equal("24.9.52193-int8", _embedder.Model.Version);
        Assert.Equal(EmbeddingModels.DefaultName, EmbeddingModels.Names[0]);
    }

    [Fact]
    public void EmbedPassages_ShouldReturnUnitVectorsOfTheModelsDimension()
    {
        var vectors = _embedder.EmbedPassages(["The committee met on Tuesday.", "", "Rain is expected in the north."]);

        Assert.Equal(3, vectors.Count);
        foreach (var v in vectors)
        {
            Assert.Equal(_embedder.Model.Dimensions, v.Length);
            Assert.InRange(Vectors.Norm(v), 0.999f, 1.001f);
        }
    }

    [Fact]
    public void Paraphrase_ShouldBeMoreSimilarThanAnUnrelatedSentence()
    {
        var v = _embedder.EmbedPassages([
            "He was taken to hospital after a heart attack.",
            "The patient was admitted with a myocardial infarction.",
            "The orchestra played a symphony by Brahms.",
        ]);

        float paraphrase = Vectors.Dot(v[0], v[1]);
        float unrelated = Vectors.Dot(v[0], v[2]);
        Assert.True(paraphrase > unrelated + 0.2f, $"paraphrase {paraphrase}, unrelated {unrelated}");
    }

    [Fact]
    public void EmbedQuery_ShouldRankTheAnsweringPassageFirst()
    {
        var passages = _embedder.EmbedPassages([
            "The central bank raised interest rates by a quarter point.",
            "Myocardial infarction occurs when blood flow to the heart stops.",
            "The striker scored twice in the second half.",
        ]);
        var query = _embedder.EmbedQuery("what causes a heart attack");

        var best = Enumerable.Range(0, passages.Count).MaxBy(i => Vectors.Dot(query, passages[i]));
        Assert.Equal(1, best);
    }

    [Fact]
    public void EmbedQuery_ShouldEqualThePassageVector_ForAModelWithoutPrefixes()
    {
        const string text = "solar power in small villages";
        Vectors.AssertClose(_embedder.EmbedPassages([text])[0], _embedder.EmbedQuery(text));
    }

    [Fact]
    public void Tokenisation_ShouldLowerCaseAndStripAccents_AsTheModelWasTrained()
    {
        var v = _embedder.EmbedPassages(["Café Society In PARIS", "cafe society in paris"]);
        Vectors.AssertClose(v[1], v[0]);
    }

    [Fact]
    public void VeryLongText_ShouldBeTruncatedToTheModelsLimit_NotFail()
    {
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i % 97} library"));
        var embedder = Assert.IsType<OnnxTextEmbedder>(_embedder);

        var tokens = embedder.Tokenize(words);
        var vectors = _embedder.EmbedPassages([words, "short"]);
        var longer = _embedder.EmbedPassages([words + " completely different ending about volcanoes", "short"]);

        Assert.Equal(256, tokens.Length);
        Assert.Equal(102, tokens[^1]); // [SEP] closes a truncated input too
        Assert.InRange(Vectors.Norm(vectors[0]), 0.999f, 1.001f);
        // Only the first 256 word pieces count: text past them changes nothing.
        Vectors.AssertClose(vectors[0], longer[0]);
    }

    [Fact]
    public void Batch_ShouldMatchSingleCalls_InTheCallersOrder()
    {
        var texts = BatchTexts.All;

        var batch = _embedder.EmbedPassages(texts);

        // int8 activations are quantised per batch, so a vector moves a little with its batch-mates (cosine about
        // 0.99, docs/ranking.md); each must still be its own single call's nearest, in the caller's order.
        Assert.Equal(texts.Length, batch.Count);
        var singles = texts.Select(t => _embedder.EmbedPassages([t])[0]).ToArray();
        for (int i = 0; i < texts.Length; i++)
        {
            float cosine = Vectors.Dot(singles[i], batch[i]);
            Assert.True(cosine > 0.98f, $"passage {i}: cosine {cosine} between its batched and single vectors");
            Assert.Equal(i, Enumerable.Range(0, texts.Length).MaxBy(j => Vectors.Dot(singles[j], batch[i])));
        }
    }

    [Fact]
    public void ParallelCalls_ShouldGiveTheSameVectorsAsSequentialOnes()
    {
        var texts = Enumerable.Range(0, 16).Select(i => $"Paragraph {i} is about topic number {i * 7 % 5} and nothing else.").ToArray();
        var sequential = texts.Select(t => _embedder.EmbedPassages([t, t + " Again."])).ToArray();

        var parallel = new IReadOnlyList<float[]>[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = _embedder.EmbedPassages([texts[i], texts[i] + " Again."]));

        for (int i = 0; i < texts.Length; i++)
        {
            Vectors.AssertClose(sequential[i][0], parallel[i][0]);
            Vectors.AssertClose(sequential[i][1], parallel[i][1]);
        }
    }

    [Fact]
    public void EmbedPassages_ShouldStop_WhenCancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _embedder.EmbedPassages(["one", "two"], cancel.Token));
    }

    [Fact]
    public void EmbedPassages_ShouldReturnNothing_ForNoPassages() => Assert.Empty(_embedder.EmbedPassages([]));
}
