namespace SearchKit.Benchmarking;

/// <summary>Options for <see cref="SyntheticCorpus"/>. Immutable; the same options always give the same articles.</summary>
public sealed record SyntheticCorpusOptions
{
    /// <summary>The defaults.</summary>
    public static SyntheticCorpusOptions Default { get; } = new();

    /// <summary>How many articles to generate. Default 10,000.</summary>
    public int Articles { get; init; } = 10_000;

    /// <summary>The random seed: the corpus is a pure function of the options. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Distinct invented words in the vocabulary. Default 50,000.</summary>
    public int VocabularySize { get; init; } = 50_000;

    /// <summary>
    /// The Zipf exponent s: the word of rank r is drawn with probability ∝ 1/r^s. Default 1.07 (close to what
    /// English news text shows).
    /// </summary>
    public double ZipfExponent { get; init; } = 1.07;

    internal void Validate()
    {
        if (Articles < 0 || VocabularySize < 10 || ZipfExponent <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SyntheticCorpusOptions), "synthetic corpus: articles ≥ 0, vocabulary ≥ 10 words and a positive Zipf exponent");
        }
    }
}
