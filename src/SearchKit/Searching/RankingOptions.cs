namespace SearchKit;

/// <summary>
/// How articles are ranked: BM25 over the title, lead, headings and body, each field with a weight; the
/// fields combined by best field or by sum, and optionally pseudo-relevance feedback. See docs/ranking.md
/// for what each choice measured.
/// </summary>
public sealed record RankingOptions
{
    /// <summary>
    /// The defaults: BM25 (k1 1.2, b 0.75) in each field, the title weighted 1.2, the lead 1.1, headings 1.05
    /// and the body 1, fields combined by <see cref="FieldCombination.BestField"/>, no feedback.
    /// </summary>
    public static RankingOptions Default { get; } = new();

    /// <summary>
    /// Plain BM25 per field with the scores summed and the title, lead and headings weighted 3, 2 and 1.5: SearchKit's
    /// first ranking, kept as the baseline the others are measured against (it ranks worse, see docs/ranking.md).
    /// </summary>
    public static RankingOptions WeightedSum { get; } = new()
    {
        TitleWeight = 3f,
        LeadWeight = 2f,
        HeadingWeight = 1.5f,
        FieldCombination = FieldCombination.Sum,
    };

    /// <summary>The defaults plus RM3 pseudo-relevance feedback (<see cref="FeedbackOptions.Default"/>): better recall and MAP, about twice the search time.</summary>
    public static RankingOptions DefaultWithFeedback { get; } = new() { Feedback = FeedbackOptions.Default };

    /// <summary>BM25 term-frequency saturation. Default 1.2.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation, 0 (none) to 1 (full). Default 0.75.</summary>
    public float B { get; init; } = 0.75f;

    // Why the weights are so mild: each field has its own BM25 length normalisation, so a word in a short
    // field (a title) already scores near the maximum; a large boost on top over-rewards title matches
    // (title 3 or 1.5 ranked significantly worse in docs/ranking.md). The small steps keep a title match
    // ahead of the same match in the lead, and the lead ahead of the body, at no significant cost there.

    /// <summary>Weight of a match in the title. Default 1.2.</summary>
    public float TitleWeight { get; init; } = 1.2f;

    /// <summary>Weight of a match in the lead. Default 1.1.</summary>
    public float LeadWeight { get; init; } = 1.1f;

    /// <summary>Weight of a match in a section heading. Default 1.05.</summary>
    public float HeadingWeight { get; init; } = 1.05f;

    /// <summary>Weight of a match in the body paragraphs. Default 1.</summary>
    public float BodyWeight { get; init; } = 1f;

    /// <summary>How one query term's scores in the several fields add up. Default <see cref="FieldCombination.BestField"/>.</summary>
    public FieldCombination FieldCombination { get; init; } = FieldCombination.BestField;

    /// <summary>
    /// With <see cref="FieldCombination.BestField"/>, the share of the other fields' scores added to the best
    /// field's, 0 to 1. Default 0.1.
    /// </summary>
    public float TieBreaker { get; init; } = 0.1f;

    /// <summary>
    /// Pseudo-relevance feedback (RM3) for plain-word queries: the query is expanded with words of its first
    /// top-ranked articles and run again. <see langword="null"/> turns it off. Default off.
    /// </summary>
    public FeedbackOptions? Feedback { get; init; }

    internal void Validate()
    {
        if (K1 < 0 || B is < 0 or > 1 || TitleWeight < 0 || LeadWeight < 0 || HeadingWeight < 0 || BodyWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RankingOptions), "ranking: k1 and weights must be ≥ 0 and b between 0 and 1");
        }

        if (TieBreaker is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RankingOptions), "ranking: the tie breaker must be between 0 and 1");
        }

        Feedback?.Validate();
    }
}
