using SearchKit.Benchmarking;
using ScottPlot;

namespace SearchKit.Cli.Rendering;

/// <summary>
/// Draws benchmark comparisons with ScottPlot (which renders through SkiaSharp and ships its own native Linux
/// assets, so it works headless on a server).
/// </summary>
internal static class BenchChart
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>Median articles/s per configuration as bars, with a line from the slowest to the fastest run.</summary>
    public static Plot Index(IndexBenchmarkResult result)
    {
        var plot = new Plot();
        var bars = result.Rows.Select((r, i) => new Bar { Position = i, Value = r.ArticlesPerSecond.Median }).ToArray();
        plot.Add.Bars(bars).Color = plot.Add.Palette.GetColor(0);
        for (int i = 0; i < result.Rows.Count; i++)
        {
            var spread = result.Rows[i].ArticlesPerSecond;
            var range = plot.Add.Line(i, spread.Min, i, spread.Max);
            range.Color = Colors.Black;
            range.LineWidth = 2;
        }

        plot.Axes.Bottom.SetTicks([.. result.Rows.Select((_, i) => (double)i)], [.. result.Rows.Select(r => r.Settings.Label)]);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"Indexing {result.Corpus}: articles/s (median; line: min to max of {result.Runs} runs)");
        plot.YLabel("articles/s");
        return plot;
    }

    /// <summary>p50, p95 and p99 latency as grouped bars, one group per phase (concurrency level).</summary>
    public static Plot Query(QueryBenchmarkResult result)
    {
        var plot = new Plot();
        (string Name, Func<QueryPhaseResult, double> Value)[] series = [("p50", p => p.P50Ms), ("p95", p => p.P95Ms), ("p99", p => p.P99Ms)];
        double groupWidth = series.Length + 1;
        for (int s = 0; s < series.Length; s++)
        {
            var bars = result.Phases.Select((p, g) => new Bar { Position = (g * groupWidth) + s, Value = series[s].Value(p) }).ToArray();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series[s].Name;
            plottable.Color = plot.Add.Palette.GetColor(s);
        }

        plot.Axes.Bottom.SetTicks(
            [.. result.Phases.Select((_, g) => (g * groupWidth) + ((series.Length - 1) / 2.0))],
            [.. result.Phases.Select(p => $"concurrency {p.Concurrency} ({p.QueriesPerSecond:0} QPS)")]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title($"Query latency, {result.Articles} articles");
        plot.YLabel("ms");
        return plot;
    }

    /// <summary>Saves as SVG or PNG by the file's extension; a file that cannot be written is a usage error naming it.</summary>
    public static void Save(Plot plot, string fullPath, string given)
    {
        try
        {
            if (fullPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                plot.SavePng(fullPath, Width, Height);
            }
            else
            {
                plot.SaveSvg(fullPath, Width, Height);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{given}: cannot write the chart ({e.Message})");
        }
    }
}
