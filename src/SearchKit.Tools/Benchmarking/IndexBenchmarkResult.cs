using System.Globalization;
using System.Text;

namespace SearchKit.Benchmarking;

/// <summary>One measured indexing run.</summary>
/// <param name="Seconds">Wall time from opening the scratch index to the final commit.</param>
/// <param name="Articles">Articles indexed.</param>
/// <param name="Paragraphs">Body paragraphs indexed.</param>
/// <param name="Bytes">UTF-8 bytes of article text indexed.</param>
/// <param name="Failures">Files or lines that could not be read.</param>
/// <param name="IndexSizeBytes">The index size on disk (or in memory) after the run.</param>
/// <param name="Segments">Segments after the run.</param>
/// <param name="PeakManagedBytes">The largest managed heap seen during the run.</param>
/// <param name="PeakProcessBytes">The largest process working set seen during the run (with mapped index files).</param>
/// <param name="PeakPrivateBytes">The largest private memory seen during the run: the working set without memory-mapped files (Linux: RssAnon).</param>
public sealed record IndexBenchmarkRun(double Seconds, long Articles, long Paragraphs, long Bytes, int Failures, long IndexSizeBytes, int Segments, long PeakManagedBytes, long PeakProcessBytes, long PeakPrivateBytes)
{
    /// <summary>Articles per second.</summary>
    public double ArticlesPerSecond => Articles / Math.Max(Seconds, 1e-9);

    /// <summary>Megabytes (10⁶ bytes) of text per second.</summary>
    public double MBPerSecond => Bytes / 1e6 / Math.Max(Seconds, 1e-9);

    /// <summary>Paragraphs per second.</summary>
    public double ParagraphsPerSecond => Paragraphs / Math.Max(Seconds, 1e-9);
}

/// <summary>The runs of one combination, summarised.</summary>
/// <param name="Settings">The combination.</param>
/// <param name="Runs">Every measured run, in the order run.</param>
/// <param name="ArticlesPerSecond">Articles per second over the runs.</param>
/// <param name="MBPerSecond">MB of text per second over the runs.</param>
/// <param name="ParagraphsPerSecond">Paragraphs per second over the runs.</param>
/// <param name="Seconds">Wall time over the runs.</param>
/// <param name="IndexSizeBytes">The index size of the last run.</param>
/// <param name="Segments">The segment count of the last run.</param>
/// <param name="PeakManagedBytes">The largest managed heap over the runs.</param>
/// <param name="PeakProcessBytes">The largest process working set over the runs (with mapped index files).</param>
/// <param name="PeakPrivateBytes">The largest private memory (without memory-mapped files) over the runs.</param>
/// <param name="KeptIndexPath">Where the last run's index was kept, when asked.</param>
public sealed record IndexBenchmarkRow(
    IndexBenchmarkSettings Settings,
    IReadOnlyList<IndexBenchmarkRun> Runs,
    Spread ArticlesPerSecond,
    Spread MBPerSecond,
    Spread ParagraphsPerSecond,
    Spread Seconds,
    long IndexSizeBytes,
    int Segments,
    long PeakManagedBytes,
    long PeakProcessBytes,
    long PeakPrivateBytes,
    string? KeptIndexPath)
{
    internal static IndexBenchmarkRow From(IndexBenchmarkSettings settings, IReadOnlyList<IndexBenchmarkRun> runs, string? kept) => new(
        settings,
        runs,
        Spread.Of(runs.Select(r => r.ArticlesPerSecond)),
        Spread.Of(runs.Select(r => r.MBPerSecond)),
        Spread.Of(runs.Select(r => r.ParagraphsPerSecond)),
        Spread.Of(runs.Select(r => r.Seconds)),
        runs.Count == 0 ? 0 : runs[^1].IndexSizeBytes,
        runs.Count == 0 ? 0 : runs[^1].Segments,
        runs.Count == 0 ? 0 : runs.Max(r => r.PeakManagedBytes),
        runs.Count == 0 ? 0 : runs.Max(r => r.PeakProcessBytes),
        runs.Count == 0 ? 0 : runs.Max(r => r.PeakPrivateBytes),
        kept);
}

/// <summary>The result of <see cref="IndexBenchmark.Run"/>: one row per combination.</summary>
/// <param name="Corpus">The corpus name.</param>
/// <param name="Environment">The machine and runtime.</param>
/// <param name="Runs">Measured runs per combination.</param>
/// <param name="WarmupRuns">Warm-up runs per combination.</param>
/// <param name="Rows">One row per combination, in matrix order.</param>
public sealed record IndexBenchmarkResult(string Corpus, BenchmarkEnvironment Environment, int Runs, int WarmupRuns, IReadOnlyList<IndexBenchmarkRow> Rows)
{
    /// <summary>The result as indented JSON (camelCase names).</summary>
    public string ToJson() => BenchmarkSerializer.ToJson(this);

    /// <summary>
    /// The rows as CSV with a header line: settings, then median/min/max of articles/s, MB/s and paragraphs/s,
    /// index size, segments and peak memory. Numbers use the invariant culture.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("corpus,threads,ram_buffer_mb,analyzer,directory,runs,articles,articles_per_s_median,articles_per_s_min,articles_per_s_max,mb_per_s_median,mb_per_s_min,mb_per_s_max,paragraphs_per_s_median,paragraphs_per_s_min,paragraphs_per_s_max,seconds_median,index_bytes,segments,peak_managed_bytes,peak_process_bytes,peak_private_bytes\n");
        foreach (var r in Rows)
        {
            var s = r.Settings;
            BenchmarkSerializer.CsvLine(
                sb,
                Corpus,
                s.Threads,
                s.RamBufferMB,
                s.Analyzer,
                s.Directory?.ToString().ToLowerInvariant() ?? "memory",
                r.Runs.Count,
                r.Runs.Count == 0 ? 0 : r.Runs[^1].Articles,
                r.ArticlesPerSecond.Median,
                r.ArticlesPerSecond.Min,
                r.ArticlesPerSecond.Max,
                r.MBPerSecond.Median,
                r.MBPerSecond.Min,
                r.MBPerSecond.Max,
                r.ParagraphsPerSecond.Median,
                r.ParagraphsPerSecond.Min,
                r.ParagraphsPerSecond.Max,
                r.Seconds.Median,
                r.IndexSizeBytes,
                r.Segments,
                r.PeakManagedBytes,
                r.PeakProcessBytes,
                r.PeakPrivateBytes);
        }

        return sb.ToString();
    }
}

/// <summary>JSON and CSV writing shared by the result records.</summary>
internal static class BenchmarkSerializer
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Json);

    public static void CsvLine(StringBuilder sb, params object?[] cells)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Cell(cells[i]));
        }

        sb.Append('\n');
    }

    private static string Cell(object? value)
    {
        string text = value switch
        {
            null => string.Empty,
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
