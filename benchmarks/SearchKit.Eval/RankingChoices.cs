using SearchKit;

/// <summary>The ranking choices the driver compares, by name.</summary>
internal static class RankingChoices
{
    public static IReadOnlyDictionary<string, RankingOptions> All { get; } = new Dictionary<string, RankingOptions>
    {
        ["bm25-default"] = RankingOptions.Default,
        ["bm25-unweighted"] = RankingOptions.Default with { TitleWeight = 1, LeadWeight = 1, HeadingWeight = 1 },
        ["bm25-k0.9-b0.4"] = RankingOptions.Default with { K1 = 0.9f, B = 0.4f },
        ["bm25-k1.2-b0.5"] = RankingOptions.Default with { B = 0.5f },
        ["bm25-k1.5-b0.75"] = RankingOptions.Default with { K1 = 1.5f },
        ["bm25-title2"] = RankingOptions.Default with { TitleWeight = 2 },
    };
}
