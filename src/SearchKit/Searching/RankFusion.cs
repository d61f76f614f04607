namespace SearchKit.Searching;

/// <summary>Fuses a keyword and a semantic ranking of the same kind of hit (articles, or paragraphs) as <see cref="HybridOptions"/> say.</summary>
internal static class RankFusion
{
    /// <summary>
    /// The union of both rankings (each best first), scored by the fusion, best first. Ties go to the better keyword
    /// rank, then the better semantic rank, then <paramref name="order"/>, so every run orders the same.
    /// </summary>
    public static List<(TKey Key, float Score)> Fuse<TKey>(IReadOnlyList<(TKey Key, float Score)> keyword, IReadOnlyList<(TKey Key, float Score)> semantic, HybridOptions options, IComparer<TKey> order)
        where TKey : notnull
    {
        var byKey = new Dictionary<TKey, (double Score, int KeywordRank, int SemanticRank)>();
        void Add(IReadOnlyList<(TKey Key, float Score)> ranking, bool isKeyword, double weight)
        {
            var (min, max) = ranking.Count == 0 ? (0f, 0f) : (ranking.Min(r => r.Score), ranking.Max(r => r.Score));
            for (int rank = 0; rank < ranking.Count; rank++)
            {
                var (key, score) = ranking[rank];
                double part = options.Fusion == HybridFusion.ReciprocalRank
                    ? 1.0 / (options.RrfK + rank + 1)
                    : weight * (max > min ? (score - min) / (max - min) : 1.0);
                var current = byKey.TryGetValue(key, out var c) ? c : (0.0, int.MaxValue, int.MaxValue);
                byKey[key] = isKeyword
                    ? (current.Item1 + part, Math.Min(current.Item2, rank), current.Item3)
                    : (current.Item1 + part, current.Item2, Math.Min(current.Item3, rank));
            }
        }

        Add(keyword, isKeyword: true, options.KeywordWeight);
        Add(semantic, isKeyword: false, 1 - options.KeywordWeight);
        return [.. byKey
            .OrderByDescending(kv => kv.Value.Score)
            .ThenBy(kv => kv.Value.KeywordRank)
            .ThenBy(kv => kv.Value.SemanticRank)
            .ThenBy(kv => kv.Key, order)
            .Select(kv => (kv.Key, (float)kv.Value.Score))];
    }
}
