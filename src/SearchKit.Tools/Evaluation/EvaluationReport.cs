namespace SearchKit.Evaluation;

/// <summary>The result of evaluating a run against judgements.</summary>
/// <param name="Metrics">The mean of each measure over the evaluated queries.</param>
/// <param name="PerQuery">Each evaluated query's measures, in run order.</param>
public sealed record EvaluationReport(MetricSet Metrics, IReadOnlyList<QueryEvaluation> PerQuery)
{
    /// <summary>How many queries were evaluated: those both run and judged.</summary>
    public int Queries => PerQuery.Count;

    /// <summary>Run queries that have no judgements and so do not count (as in trec_eval).</summary>
    public int UnjudgedQueries { get; init; }

    /// <summary>Judged queries that were not run (absent from the queries file), which therefore do not count.</summary>
    public IReadOnlyList<string> MissingQueries { get; init; } = [];

    /// <summary>The runs of the evaluated queries, best first, for writing a run file with <see cref="TrecRunWriter"/>.</summary>
    public IReadOnlyList<QueryRun> Runs { get; init; } = [];

    /// <summary>Time spent searching.</summary>
    public TimeSpan Took { get; init; }
}
