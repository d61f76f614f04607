using SearchKit.Analysis;

namespace SearchKit.Semantic.Tests;

/// <summary>Loads a model once per test class: a load reads about 90 MB and builds an ONNX Runtime session.</summary>
public abstract class ModelFixture : IDisposable
{
    protected ModelFixture(string name) => Embedder = EmbeddingModels.Load(name, new EmbedderOptions { BatchSize = 4 });

    public ITextEmbedder Embedder { get; }

    public void Dispose()
    {
        Embedder.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class MiniLmFixture() : ModelFixture(EmbeddingModels.DefaultName);

public sealed class ArcticFixture() : ModelFixture("snowflake-arctic-embed-xs");

internal static class Vectors
{
    public static float Dot(float[] a, float[] b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static float Norm(float[] a) => MathF.Sqrt(Dot(a, a));

    /// <summary>Equal up to float noise: padding in a batch changes the shapes the kernels see, not the result.</summary>
    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance, $"component {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}

internal static class BatchTexts
{
    /// <summary>Lengths out of order and more texts than one batch (4 in the fixtures): sorting by length must be undone.</summary>
    public static readonly string[] All =
    [
        "A long sentence about the history of printing presses in northern European towns of the fifteenth century.",
        "Short.",
        "Libraries lend books.",
        "Another fairly long sentence, this one about the migration routes of birds across the Mediterranean sea.",
        "Tea.",
        "Indexing makes search fast.",
    ];
}
