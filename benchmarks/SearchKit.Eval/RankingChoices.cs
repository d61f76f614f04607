using SearchKit;

/// <summary>The ranking choices the driver compares, by name; docs/ranking.md reports them.</summary>
internal static class RankingChoices
{
    private static readonly RankingOptions Default = RankingOptions.Default;

    public static IReadOnlyDictionary<string, RankingOptions> All { get; } = new Dictionary<string, RankingOptions>
    {
        // Field combination and weights.
        ["weighted-sum"] = RankingOptions.WeightedSum,
        ["sum-flat"] = Default with { FieldCombination = FieldCombination.Sum },
        ["sum-title1.5"] = Default with { FieldCombination = FieldCombination.Sum, TitleWeight = 1.5f },
        ["best-weighted"] = RankingOptions.WeightedSum with { FieldCombination = FieldCombination.BestField },
        ["best-title1.5"] = Default with { TitleWeight = 1.5f, LeadWeight = 1f, HeadingWeight = 1f },
        ["best-title1.2"] = Default with { LeadWeight = 1f, HeadingWeight = 1f },
        ["best-flat"] = Default with { TitleWeight = 1f, LeadWeight = 1f, HeadingWeight = 1f },
        ["default"] = Default,
        ["default-tie0"] = Default with { TieBreaker = 0 },
        ["default-tie0.3"] = Default with { TieBreaker = 0.3f },

        // BM25 parameters.
        ["default-k0.9-b0.4"] = Default with { K1 = 0.9f, B = 0.4f },
        ["default-k1.2-b0.5"] = Default with { B = 0.5f },
        ["default-k1.5"] = Default with { K1 = 1.5f },
        ["default-k2"] = Default with { K1 = 2f },

        // RM3 pseudo-relevance feedback.
        ["default+rm3"] = RankingOptions.DefaultWithFeedback,
        ["default+rm3-terms20"] = Default with { Feedback = FeedbackOptions.Default with { Terms = 20 } },
        ["default+rm3-docs5"] = Default with { Feedback = FeedbackOptions.Default with { Documents = 5 } },
        ["default+rm3-w0.7"] = Default with { Feedback = FeedbackOptions.Default with { OriginalQueryWeight = 0.7f } },
        ["weighted-sum+rm3"] = RankingOptions.WeightedSum with { Feedback = FeedbackOptions.Default },
    };
}
