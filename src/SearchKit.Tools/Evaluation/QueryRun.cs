namespace SearchKit.Evaluation;

/// <summary>The ranking one query produced.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Ranking">The retrieved documents, best first.</param>
/// <param name="Error">Why the query could not be run (for example it is empty), or <see langword="null"/>; a failed query retrieves nothing.</param>
public sealed record QueryRun(string QueryId, IReadOnlyList<RankedDocument> Ranking, string? Error = null);
