using System.Diagnostics;
using SearchKit.Searching;

namespace SearchKit.Evaluation;

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
        var search = new SearchOptions { Top = options.Depth, Syntax = options.Syntax, Paragraphs = false, Mode = options.Mode, Hybrid = options.Hybrid };
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
