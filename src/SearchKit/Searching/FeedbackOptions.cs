namespace SearchKit;

/// <summary>
/// Pseudo-relevance feedback with relevance model 3 (RM3; Abdul-Jaleel et al., UMass at TREC 2004): the words of
/// the top <see cref="Documents"/> articles, weighted by article score, form a feedback model whose best
/// <see cref="Terms"/> words are mixed with the query's own words.
/// </summary>
public sealed record FeedbackOptions
{
    /// <summary>The defaults (those of Anserini's RM3: 10 articles, 10 words, half original query).</summary>
    public static FeedbackOptions Default { get; } = new();

    /// <summary>Top-ranked articles the feedback model is built from. Default 10.</summary>
    public int Documents { get; init; } = 10;

    /// <summary>Words the feedback model contributes. Default 10.</summary>
    public int Terms { get; init; } = 10;

    /// <summary>The weight of the original query in the mix, 0 to 1. Default 0.5.</summary>
    public float OriginalQueryWeight { get; init; } = 0.5f;

    internal void Validate()
    {
        if (Documents < 1 || Terms < 1 || OriginalQueryWeight is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FeedbackOptions), "feedback: documents and terms must be ≥ 1 and the original query weight between 0 and 1");
        }
    }
}
