using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using SearchKit.Benchmarking;

namespace SearchKit.Cli.Rendering;

/// <summary>
/// Draws benchmark comparisons as SVG with OxyPlot. SVG only: OxyPlot's PNG renderers, like every raster renderer
/// on offer, bring native libraries for each platform, which made the tool package several times larger.
/// </summary>
internal static class BenchChart
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>The file name ending a chart must have.</summary>
    public const string Extension = ".svg";

    /// <summary>Median articles/s per configuration as bars, with a line from the slowest to the fastest run.</summary>
    public static PlotModel Index(IndexBenchmarkResult result)
    {
        var plot = NewPlot($"Indexing {result.Corpus}: articles/s (median; line: min to max of {result.Runs} runs)", "articles/s",
            result.Rows.Select(r => r.Settings.Label));
        var bars = new BarSeries { Title = "median", FillColor = plot.DefaultColors[0], XAxisKey = ValueKey, YAxisKey = CategoryKey };
        bars.Items.AddRange(result.Rows.Select(r => new BarItem(r.ArticlesPerSecond.Median)));
        plot.Series.Add(bars);

        // One series whose segments are separated by undefined points: one legend entry for all the ranges.
        var spread = new LineSeries { Title = "min to max", Color = OxyColors.Black, StrokeThickness = 2, XAxisKey = CategoryKey, YAxisKey = ValueKey };
        for (int i = 0; i < result.Rows.Count; i++)
        {
            var perSecond = result.Rows[i].ArticlesPerSecond;
            spread.Points.AddRange([new DataPoint(i, perSecond.Min), new DataPoint(i, perSecond.Max), DataPoint.Undefined]);
        }

        plot.Series.Add(spread);
        return plot;
    }

    /// <summary>p50, p95 and p99 latency as grouped bars, one group per phase (concurrency level).</summary>
    public static PlotModel Query(QueryBenchmarkResult result)
    {
        var plot = NewPlot($"Query latency, {result.Articles} articles", "ms",
            result.Phases.Select(p => $"concurrency {p.Concurrency} ({p.QueriesPerSecond:0} QPS)"));
        (string Name, Func<QueryPhaseResult, double> Value)[] series = [("p50", p => p.P50Ms), ("p95", p => p.P95Ms), ("p99", p => p.P99Ms)];
        for (int s = 0; s < series.Length; s++)
        {
            var bars = new BarSeries { Title = series[s].Name, FillColor = plot.DefaultColors[s], XAxisKey = ValueKey, YAxisKey = CategoryKey };
            bars.Items.AddRange(result.Phases.Select(p => new BarItem(series[s].Value(p))));
            plot.Series.Add(bars);
        }

        return plot;
    }

    /// <summary>Saves as SVG; a file that cannot be written is a usage error naming it.</summary>
    public static void Save(PlotModel plot, string fullPath, string given)
    {
        try
        {
            using var file = File.Create(fullPath);
            new SvgExporter { Width = Width, Height = Height }.Export(plot, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{given}: cannot write the chart ({e.Message})");
        }
    }

    private const string CategoryKey = "category";
    private const string ValueKey = "value";

    /// <summary>A plot with the categories along the bottom and the values up the side, starting at zero.</summary>
    private static PlotModel NewPlot(string title, string valueTitle, IEnumerable<string> categories)
    {
        var plot = new PlotModel { Title = title, TitleFontSize = 14, Background = OxyColors.White };
        var categoryAxis = new CategoryAxis { Position = AxisPosition.Bottom, Key = CategoryKey };
        categoryAxis.Labels.AddRange(categories);
        plot.Axes.Add(categoryAxis);
        plot.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Key = ValueKey, Title = valueTitle, Minimum = 0, MaximumPadding = 0.1,
            MajorGridlineStyle = LineStyle.Dot,
        });
        plot.Legends.Add(new Legend { LegendPosition = LegendPosition.TopLeft, LegendPlacement = LegendPlacement.Inside });
        return plot;
    }
}
