using System.Globalization;
using SearchKit.Benchmarking;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>Renders benchmark results as plain aligned tables for people (scripts take <c>--json</c> or <c>--csv</c>).</summary>
internal static class BenchRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A header line, then one row per configuration: median (min–max) of each rate, size, segments and peak memory.</summary>
    public static void WriteIndex(Output output, IndexBenchmarkResult result)
    {
        output.Line(Markup.Escape(string.Create(Invariant, $"corpus {result.Corpus}: {result.Runs} run(s) per configuration after {result.WarmupRuns} warm-up(s); median (min–max)")));
        output.Line(Markup.Escape(Machine(result.Environment)));
        output.Line();
        var rows = new List<string[]> { (string[])["configuration", "articles/s", "MB/s", "paragraphs/s", "index MB", "segments", "managed MB", "process MB", "private MB"] };
        rows.AddRange(result.Rows.Select(r => (string[])
        [
            r.Settings.Label,
            Spread(r.ArticlesPerSecond, "N0"),
            Spread(r.MBPerSecond, "0.00"),
            Spread(r.ParagraphsPerSecond, "N0"),
            Megabytes(r.IndexSizeBytes),
            r.Segments.ToString(Invariant),
            Megabytes(r.PeakManagedBytes),
            Megabytes(r.PeakProcessBytes),
            Megabytes(r.PeakPrivateBytes),
        ]));
        Columns(output, rows);

        // Where the time went: what runs alone (listing, the final commit, the merge) against what runs in parallel.
        output.Line();
        output.Line("where the time went, median seconds (indexing and waiting summed over the indexing threads; reading runs beside them):");
        var times = new List<string[]> { (string[])["configuration", "wall", "listing", "reading", "indexing", "waiting", "commits", "final commit", "merge"] };
        times.AddRange(result.Rows.Select(r => (string[])
        [
            r.Settings.Label,
            Seconds(r.Seconds.Median),
            Seconds(r.Breakdown.Listing),
            Seconds(r.Breakdown.Reading),
            Seconds(r.Breakdown.Indexing),
            Seconds(r.Breakdown.WaitingForInput),
            Seconds(r.Breakdown.Commits) + string.Create(Invariant, $" ({r.Breakdown.CommitCount})"),
            Seconds(r.Breakdown.FinalCommit),
            Seconds(r.Breakdown.Merge),
        ]));
        Columns(output, times);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.00", Invariant);

    /// <summary>One row per phase (QPS and latency percentiles), then each phase's slowest queries with mean time and hits.</summary>
    public static void WriteQuery(Output output, QueryBenchmarkResult result)
    {
        string mode = (result.Paragraphs ? "paragraphs and snippets" : "no paragraphs") + (result.Passages ? ", passages" : string.Empty);
        output.Line(Markup.Escape(string.Create(Invariant, $"index {result.Index}: {result.Articles:N0} articles; {mode}")));
        output.Line(Markup.Escape(Machine(result.Environment)));
        output.Line();
        var rows = new List<string[]> { (string[])["concurrency", "queries", "QPS", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU ms/query"] };
        rows.AddRange(result.Phases.Select(p => (string[])
        [
            p.Concurrency.ToString(Invariant),
            p.Queries.ToString("N0", Invariant),
            p.QueriesPerSecond.ToString("N0", Invariant),
            Ms(p.MeanMs),
            Ms(p.P50Ms),
            Ms(p.P95Ms),
            Ms(p.P99Ms),
            Ms(p.MaxMs),
            Ms(p.CpuMsPerQuery),
        ]));
        Columns(output, rows);
        foreach (var phase in result.Phases.Where(p => p.Slowest.Count > 0))
        {
            output.Line();
            output.Line(string.Create(Invariant, $"[bold]slowest queries, concurrency {phase.Concurrency}[/]"));
            var slow = new List<string[]> { (string[])["mean ms", "hits", "runs", "query"] };
            slow.AddRange(phase.Slowest.Select(q => (string[])[Ms(q.MeanMs), q.Hits.ToString("N0", Invariant), q.Runs.ToString("N0", Invariant), q.Query]));
            Columns(output, slow, lastLeft: true);
        }
    }

    private static string Machine(BenchmarkEnvironment e) =>
        string.Create(Invariant, $"{e.ProcessorCount} cores, {e.OperatingSystem}, {e.Runtime} ({e.Architecture}{(e.ServerGC ? ", server GC" : string.Empty)})");

    private static string Spread(Spread s, string format) =>
        string.Create(Invariant, $"{s.Median.ToString(format, Invariant)} ({s.Min.ToString(format, Invariant)}–{s.Max.ToString(format, Invariant)})");

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", Invariant);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", Invariant);

    /// <summary>Aligned columns, the header bold: the first column (or, with <paramref name="lastLeft"/>, the last) left-aligned, the rest right-aligned.</summary>
    private static void Columns(Output output, List<string[]> rows, bool lastLeft = false)
    {
        int n = rows[0].Length;
        int left = lastLeft ? n - 1 : 0;
        var widths = Enumerable.Range(0, n).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Select((cell, c) => c == left ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            var line = Markup.Escape(string.Join("  ", cells).TrimEnd());
            output.Line(i == 0 ? $"[bold]{line}[/]" : line);
        }
    }
}
