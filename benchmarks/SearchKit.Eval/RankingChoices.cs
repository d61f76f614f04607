using SearchKit;

/// <summary>The ranking choices the driver compares, by name.</summary>
internal static class RankingChoices
{
    private static readonly RankingOptions Flat = RankingOptions.Default with { TitleWeight = 1, LeadWeight = 1, HeadingWeight = 1 };

    private static readonly RankingOptions BestFlat = Flat with { FieldCombination = FieldCombination.BestField };

    public static IReadOnlyDictionary<string, RankingOptions> All { get; } = new Dictionary<string, RankingOptions>
    {
        ["default"] = RankingOptions.Default,
        ["sum-3/2/1.5/1"] = RankingOptions.Default with { TitleWeight = 3, LeadWeight = 2, HeadingWeight = 1.5f, FieldCombination = FieldCombination.Sum },
        ["sum-flat"] = Flat,
        ["sum-title1.5"] = RankingOptions.Default with { TitleWeight = 1.5f },
        ["best-3/2/1.5/1"] = RankingOptions.Default with { FieldCombination = FieldCombination.BestField },
        ["best-flat"] = Flat with { FieldCombination = FieldCombination.BestField },
        ["best-title1.5"] = RankingOptions.Default with { TitleWeight = 1.5f, FieldCombination = FieldCombination.BestField },
        ["best-tie0.3"] = RankingOptions.Default with { FieldCombination = FieldCombination.BestField, TieBreaker = 0.3f },
        ["best-flat-tie0"] = BestFlat with { TieBreaker = 0 },
        ["best-flat-tie0.3"] = BestFlat with { TieBreaker = 0.3f },
        ["best-flat-tie0.5"] = BestFlat with { TieBreaker = 0.5f },
        ["best-flat-k0.9-b0.4"] = BestFlat with { K1 = 0.9f, B = 0.4f },
        ["best-flat-k1.2-b0.5"] = BestFlat with { B = 0.5f },
        ["best-flat-k1.5-b0.75"] = BestFlat with { K1 = 1.5f },
        ["best-flat-k2-b0.75"] = BestFlat with { K1 = 2f },
        ["best-flat-prox0.1"] = BestFlat with { ProximityWeight = 0.1f },
        ["best-flat-prox0.3"] = BestFlat with { ProximityWeight = 0.3f },
        ["best-flat-prox1"] = BestFlat with { ProximityWeight = 1f },
        ["best-flat-rm3"] = BestFlat with { Feedback = FeedbackOptions.Default },
        ["best-flat-rm3-fb20"] = BestFlat with { Feedback = FeedbackOptions.Default with { Terms = 20 } },
        ["best-flat-rm3-w0.7"] = BestFlat with { Feedback = FeedbackOptions.Default with { OriginalQueryWeight = 0.7f } },
    };
}
