using SearchKit.Evaluation;

/// <summary>Paired significance tests over per-query measures.</summary>
internal static class Significance
{
    /// <summary>
    /// Two-sided paired randomization (sign-flip) test of the mean difference of a measure between two runs over
    /// the same queries: the share of 20,000 random sign assignments whose mean difference is at least as large
    /// in magnitude as the observed one. Seeded, so a rerun prints the same p.
    /// </summary>
    public static double PairedRandomization(EvaluationReport a, EvaluationReport b, Func<MetricSet, double> measure)
    {
        const int Trials = 20_000;
        var byQuery = a.PerQuery.ToDictionary(q => q.QueryId, q => measure(q.Metrics), StringComparer.Ordinal);
        var diffs = b.PerQuery.Where(q => byQuery.ContainsKey(q.QueryId)).Select(q => measure(q.Metrics) - byQuery[q.QueryId]).ToArray();
        if (diffs.Length == 0)
        {
            return 1;
        }

        double observed = Math.Abs(diffs.Average());
        var random = new Random(20_04);
        int atLeast = 0;
        for (int t = 0; t < Trials; t++)
        {
            double sum = 0;
            foreach (var d in diffs)
            {
                sum += random.Next(2) == 0 ? d : -d;
            }

            if (Math.Abs(sum / diffs.Length) >= observed - 1e-12)
            {
                atLeast++;
            }
        }

        return (atLeast + 1.0) / (Trials + 1.0);
    }
}
