using System.Globalization;
using System.Text;

namespace SearchKit.Benchmarking;

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
