using System.Globalization;
using System.Text.Json;
using SearchKit.Evaluation;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>Renders an evaluation report as a table for people or as one JSON object.</summary>
internal static class EvalRenderer
{
    /// <summary>
    /// The <c>--json</c> shape: <c>{"queries": N, "metrics": {"ndcg@10", "map", "mrr@10", "p@10", "recall@100", "recall@1000"}}</c>,
    /// plus <c>perQuery</c> (<c>[{"id", "relevant", "retrieved", "metrics", "error"}]</c>) when asked for.
    /// Values are rounded to six decimals, far below any difference that matters.
    /// </summary>
    public static string ToJson(EvaluationReport report, bool perQuery) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("queries", report.Queries);
        WriteMetrics(w, report.Metrics);
        if (perQuery)
        {
            w.ObjectArray("perQuery", report.PerQuery, (w, q) =>
            {
                w.WriteString("id", q.QueryId);
                w.WriteNumber("relevant", q.Relevant);
                w.WriteNumber("retrieved", q.Retrieved);
                WriteMetrics(w, q.Metrics);
                w.String("error", q.Error);
            });
        }

        w.WriteEndObject();
    });

    /// <summary>
    /// Writes a header line, then one table: a row per query when asked for, and the mean over all queries
    /// in the last row (<c>all</c>, as trec_eval names it). Plain aligned columns, so it pipes into other tools.
    /// </summary>
    public static void Write(Output output, EvaluationReport report, bool perQuery, string ranking)
    {
        string seconds = report.Took.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        output.Line($"[bold]{report.Queries:N0} judged queries[/] evaluated in {seconds} s (ranking: {Markup.Escape(ranking)})");
        output.Line();
        var rows = new List<string[]> { (string[])["query", "relevant", "retrieved", .. MetricSet.Names] };
        if (perQuery)
        {
            rows.AddRange(report.PerQuery.Select(q => Row(q.QueryId, q.Relevant, q.Retrieved, q.Metrics)));
        }

        rows.Add(Row("all", report.PerQuery.Sum(q => q.Relevant), report.PerQuery.Sum(q => q.Retrieved), report.Metrics));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            // The query id is left-aligned, the numbers right-aligned.
            var cells = rows[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            var line = Markup.Escape(string.Join("  ", cells).TrimEnd());
            output.Line(i == 0 || i == rows.Count - 1 ? $"[bold]{line}[/]" : line);
        }
    }

    private static string[] Row(string id, int relevant, int retrieved, MetricSet metrics) =>
    [
        id,
        relevant.ToString(CultureInfo.InvariantCulture),
        retrieved.ToString(CultureInfo.InvariantCulture),
        .. Values(metrics).Select(v => v.Value.ToString("0.0000", CultureInfo.InvariantCulture)),
    ];

    /// <summary>The measures in <see cref="MetricSet.Names"/> order (the dictionary itself promises no order).</summary>
    private static IEnumerable<(string Name, double Value)> Values(MetricSet metrics)
    {
        var byName = metrics.ToDictionary();
        return MetricSet.Names.Select(name => (name, byName[name]));
    }

    private static void WriteMetrics(Utf8JsonWriter w, MetricSet metrics)
    {
        w.WriteStartObject("metrics");
        foreach (var (name, value) in Values(metrics))
        {
            w.WriteNumber(name, Math.Round(value, 6));
        }

        w.WriteEndObject();
    }
}
