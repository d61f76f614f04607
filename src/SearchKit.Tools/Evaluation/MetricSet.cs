namespace SearchKit.Evaluation;

/// <summary>The six standard measures, for one query or averaged over queries. Each is between 0 and 1.</summary>
public sealed record MetricSet
{
    /// <summary>The measure names, in report order, as used in <see cref="ToDictionary"/> and JSON output.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ndcg@10", "map", "mrr@10", "p@10", "recall@100", "recall@1000"];

    /// <summary>nDCG over the top 10, with graded gains.</summary>
    public double Ndcg10 { get; init; }

    /// <summary>Average precision over the top 1000 (its mean over queries is MAP).</summary>
    public double Map { get; init; }

    /// <summary>Reciprocal rank of the first relevant document in the top 10 (its mean is MRR@10).</summary>
    public double Mrr10 { get; init; }

    /// <summary>Precision at 10.</summary>
    public double P10 { get; init; }

    /// <summary>Recall at 100.</summary>
    public double Recall100 { get; init; }

    /// <summary>Recall at 1000.</summary>
    public double Recall1000 { get; init; }

    /// <summary>The measures by name (see <see cref="Names"/>), in report order.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["ndcg@10"] = Ndcg10,
        ["map"] = Map,
        ["mrr@10"] = Mrr10,
        ["p@10"] = P10,
        ["recall@100"] = Recall100,
        ["recall@1000"] = Recall1000,
    };

    /// <summary>The arithmetic mean of each measure over the given sets; all zero when there are none.</summary>
    public static MetricSet Mean(IReadOnlyCollection<MetricSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0)
        {
            return new MetricSet();
        }

        return new MetricSet
        {
            Ndcg10 = sets.Average(s => s.Ndcg10),
            Map = sets.Average(s => s.Map),
            Mrr10 = sets.Average(s => s.Mrr10),
            P10 = sets.Average(s => s.P10),
            Recall100 = sets.Average(s => s.Recall100),
            Recall1000 = sets.Average(s => s.Recall1000),
        };
    }
}
