namespace SearchKit.Searching;

/// <summary>How <see cref="SearchMode.Hybrid"/> fuses the keyword and the semantic ranking.</summary>
public enum HybridFusion
{
    /// <summary>
    /// Reciprocal rank fusion: each hit scores the sum over the rankings it is in of <c>1 / (k + rank)</c>, rank from 1
    /// (<see cref="HybridOptions.RrfK"/>). Needs no score scale, as Elasticsearch's RRF.
    /// </summary>
    ReciprocalRank,

    /// <summary>
    /// A weighted sum of the two scores, each min-max normalised to 0–1 over its own candidates of this query
    /// (<see cref="HybridOptions.KeywordWeight"/>); a hit missing from one ranking scores 0 there.
    /// </summary>
    ScoreBlend,
}
