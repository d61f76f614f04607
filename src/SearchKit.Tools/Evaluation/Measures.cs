namespace SearchKit.Evaluation;

/// <summary>
/// The standard ranking measures, as trec_eval computes them, for one query: a ranked list of document ids
/// (best first) against that query's judgements. A grade above 0 is relevant; nDCG uses the grade as the
/// gain (linear gains, trec_eval's <c>ndcg_cut</c>) and a log2(rank + 1) discount. A document id that repeats
/// in the ranking counts once, at its first rank. Every measure is 0 when the query has no relevant document.
/// </summary>
public static class Measures
{
    /// <summary>Normalised discounted cumulative gain over the first <paramref name="k"/> ranks.</summary>
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements, int k = 10)
    {
        Check(ranking, judgements, k);
        double dcg = 0;
        int rank = 0;
        foreach (var id in Distinct(ranking, k))
        {
            rank++;
            dcg += Gain(judgements, id) / Math.Log2(rank + 1);
        }

        double ideal = 0;
        rank = 0;
        foreach (var grade in judgements.Values.Where(g => g > 0).OrderDescending().Take(k))
        {
            rank++;
            ideal += grade / Math.Log2(rank + 1);
        }

        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Average precision over the first <paramref name="k"/> ranks (trec_eval's <c>map</c> with its default depth of 1000).</summary>
    public static double AveragePrecision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements, int k = 1000)
    {
        Check(ranking, judgements, k);
        int relevant = Relevant(judgements);
        if (relevant == 0)
        {
            return 0;
        }

        double sum = 0;
        int found = 0;
        int rank = 0;
        foreach (var id in Distinct(ranking, k))
        {
            rank++;
            if (Gain(judgements, id) > 0)
            {
                found++;
                sum += (double)found / rank;
            }
        }

        return sum / relevant;
    }

    /// <summary>The reciprocal of the rank of the first relevant document within the first <paramref name="k"/> ranks, else 0.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements, int k = 10)
    {
        Check(ranking, judgements, k);
        int rank = 0;
        foreach (var id in Distinct(ranking, k))
        {
            rank++;
            if (Gain(judgements, id) > 0)
            {
                return 1.0 / rank;
            }
        }

        return 0;
    }

    /// <summary>The relevant documents among the first <paramref name="k"/> ranks, divided by <paramref name="k"/> (even when fewer were retrieved).</summary>
    public static double Precision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements, int k = 10)
    {
        Check(ranking, judgements, k);
        return Relevant(judgements) == 0 ? 0 : (double)Distinct(ranking, k).Count(id => Gain(judgements, id) > 0) / k;
    }

    /// <summary>The share of all relevant documents found among the first <paramref name="k"/> ranks.</summary>
    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements, int k)
    {
        Check(ranking, judgements, k);
        int relevant = Relevant(judgements);
        return relevant == 0 ? 0 : (double)Distinct(ranking, k).Count(id => Gain(judgements, id) > 0) / relevant;
    }

    /// <summary>All six standard measures of one query.</summary>
    public static MetricSet All(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements) => new()
    {
        Ndcg10 = Ndcg(ranking, judgements, 10),
        Map = AveragePrecision(ranking, judgements, 1000),
        Mrr10 = ReciprocalRank(ranking, judgements, 10),
        P10 = Precision(ranking, judgements, 10),
        Recall100 = Recall(ranking, judgements, 100),
        Recall1000 = Recall(ranking, judgements, 1000),
    };

    private static int Gain(IReadOnlyDictionary<string, int> judgements, string id) =>
        judgements.TryGetValue(id, out var grade) && grade > 0 ? grade : 0;

    private static int Relevant(IReadOnlyDictionary<string, int> judgements) => judgements.Values.Count(g => g > 0);

    private static IEnumerable<string> Distinct(IReadOnlyList<string> ranking, int k)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ranking)
        {
            if (seen.Count >= k)
            {
                yield break;
            }

            if (seen.Add(id))
            {
                yield return id;
            }
        }
    }

    private static void Check(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judgements, int k)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(judgements);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
    }
}
