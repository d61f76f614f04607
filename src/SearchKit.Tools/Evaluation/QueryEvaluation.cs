namespace SearchKit.Evaluation;

/// <summary>One judged query's measures.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Metrics">Its measures.</param>
/// <param name="Relevant">How many documents are judged relevant to it.</param>
/// <param name="Retrieved">How many documents it retrieved.</param>
/// <param name="Error">Why it could not be run, or <see langword="null"/>.</param>
public sealed record QueryEvaluation(string QueryId, MetricSet Metrics, int Relevant, int Retrieved, string? Error = null);
