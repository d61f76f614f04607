using System.Diagnostics;
using SearchKit.Searching;

namespace SearchKit.Evaluation;

/// <summary>Options for an evaluation run. Immutable.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The defaults.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>How many documents each query retrieves (the depth of MAP and of a run file). Default 1000.</summary>
    public int Depth { get; init; } = 1000;

    /// <summary>
    /// How query text is read. Default <see cref="QuerySyntax.Natural"/>: test queries are plain words, and a stray
    /// <c>:</c> <c>(</c> <c>"</c> or <c>-</c> in them must not be read as syntax.
    /// </summary>
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Natural;

    internal void Validate()
    {
        if (Depth is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "the depth must be between 1 and 100,000");
        }
    }
}

/// <summary>One retrieved document of a run.</summary>
/// <param name="Id">The article id.</param>
/// <param name="Score">Its ranking score.</param>
public readonly record struct RankedDocument(string Id, float Score);

/// <summary>The ranking one query produced.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Ranking">The retrieved documents, best first.</param>
/// <param name="Error">Why the query could not be run (for example it is empty), or <see langword="null"/>; a failed query retrieves nothing.</param>
public sealed record QueryRun(string QueryId, IReadOnlyList<RankedDocument> Ranking, string? Error = null);

/// <summary>One judged query's measures.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Metrics">Its measures.</param>
/// <param name="Relevant">How many documents are judged relevant to it.</param>
/// <param name="Retrieved">How many documents it retrieved.</param>
/// <param name="Error">Why it could not be run, or <see langword="null"/>.</param>
public sealed record QueryEvaluation(string QueryId, MetricSet Metrics, int Relevant, int Retrieved, string? Error = null);

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

/// <summary>
/// Runs test queries against an index and scores the rankings against relevance judgements, as trec_eval does:
/// only queries that are both run and judged count, each with equal weight. A judged query that fails or
/// retrieves nothing counts with all measures 0.
/// </summary>
public static class Evaluator
{
    /// <summary>Runs the judged queries against the index and scores them.</summary>
    /// <param name="index">The index to search; its <see cref="SearchIndexOptions.Ranking"/> decides the ranking.</param>
    /// <param name="queries">The test queries; those without judgements are skipped and counted in <see cref="EvaluationReport.UnjudgedQueries"/>.</param>
    /// <param name="qrels">The relevance judgements.</param>
    /// <param name="options">Depth and query syntax; <see cref="EvaluationOptions.Default"/> when null.</param>
    /// <param name="progress">Told the number of queries run so far.</param>
    /// <param name="cancellation">Stops between queries.</param>
    /// <exception cref="SearchKitIndexException">The index is damaged.</exception>
    public static EvaluationReport Evaluate(
        SearchIndex index,
        IEnumerable<EvaluationQuery> queries,
        Qrels qrels,
        EvaluationOptions? options = null,
        IProgress<int>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(qrels);
        var all = queries.ToList();
        var judged = all.Where(q => qrels.IsJudged(q.Id)).ToList();
        var clock = Stopwatch.StartNew();
        var runs = Run(index, judged, options, progress, cancellation);
        var took = clock.Elapsed;
        return Score(runs, qrels) with { UnjudgedQueries = all.Count - judged.Count, Took = took };
    }

    /// <summary>Runs queries against the index (judged or not), for a run file or for <see cref="Score"/>.</summary>
    /// <exception cref="SearchKitIndexException">The index is damaged.</exception>
    public static IReadOnlyList<QueryRun> Run(
        SearchIndex index,
        IEnumerable<EvaluationQuery> queries,
        EvaluationOptions? options = null,
        IProgress<int>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        options ??= EvaluationOptions.Default;
        options.Validate();

        // Only ids and scores are needed: skipping paragraph attribution makes a run several times faster.
        var search = new SearchOptions { Top = options.Depth, Syntax = options.Syntax, Paragraphs = false };
        var runs = new List<QueryRun>();
        foreach (var query in queries)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                var results = index.Search(query.Text, search);
                runs.Add(new QueryRun(query.Id, [.. results.Hits.Select(h => new RankedDocument(h.Id, h.Score))]));
            }
            catch (SearchKitQueryException e)
            {
                runs.Add(new QueryRun(query.Id, [], e.Message));
            }

            progress?.Report(runs.Count);
        }

        return runs;
    }

    /// <summary>Scores rankings against judgements. Pure: runs of unjudged queries are skipped and counted.</summary>
    public static EvaluationReport Score(IReadOnlyList<QueryRun> runs, Qrels qrels)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(qrels);
        var perQuery = new List<QueryEvaluation>();
        var evaluated = new List<QueryRun>();
        var ran = new HashSet<string>(StringComparer.Ordinal);
        int unjudged = 0;
        foreach (var run in runs)
        {
            ran.Add(run.QueryId);
            if (!qrels.IsJudged(run.QueryId))
            {
                unjudged++;
                continue;
            }

            var judgements = qrels.For(run.QueryId);
            var ids = run.Ranking.Select(d => d.Id).ToList();
            perQuery.Add(new QueryEvaluation(run.QueryId, Measures.All(ids, judgements), judgements.Values.Count(g => g > 0), ids.Count, run.Error));
            evaluated.Add(run);
        }

        return new EvaluationReport(MetricSet.Mean(perQuery.Select(q => q.Metrics).ToList()), perQuery)
        {
            UnjudgedQueries = unjudged,
            MissingQueries = [.. qrels.QueryIds.Where(q => !ran.Contains(q))],
            Runs = evaluated,
        };
    }
}
