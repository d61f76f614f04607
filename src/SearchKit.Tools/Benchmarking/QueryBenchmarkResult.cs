using System.Text;

namespace SearchKit.Benchmarking;

/// <summary>The result of <see cref="QueryBenchmark.Run"/>.</summary>
/// <param name="Index">The index location.</param>
/// <param name="Articles">Articles in the index.</param>
/// <param name="Environment">The machine and runtime.</param>
/// <param name="Paragraphs">Whether hits carried paragraph attribution and snippets.</param>
/// <param name="Passages">Whether passage mode was on.</param>
/// <param name="Phases">The single-threaded phase, then the concurrent one (when concurrency &gt; 1).</param>
public sealed record QueryBenchmarkResult(string Index, long Articles, BenchmarkEnvironment Environment, bool Paragraphs, bool Passages, IReadOnlyList<QueryPhaseResult> Phases)
{
    /// <summary>The result as indented JSON (camelCase names).</summary>
    public string ToJson() => BenchmarkSerializer.ToJson(this);

    /// <summary>
    /// CSV: one <c>summary</c> line per phase (QPS and latency percentiles), then one <c>query</c> line per query
    /// and phase (runs, mean time, hits). Numbers use the invariant culture.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("kind,concurrency,query,queries,seconds,qps,mean_ms,p50_ms,p95_ms,p99_ms,max_ms,hits,cpu_ms_per_query\n");
        foreach (var p in Phases)
        {
            BenchmarkSerializer.CsvLine(sb, "summary", p.Concurrency, string.Empty, p.Queries, p.Seconds, p.QueriesPerSecond, p.MeanMs, p.P50Ms, p.P95Ms, p.P99Ms, p.MaxMs, string.Empty, p.CpuMsPerQuery);
            foreach (var q in p.PerQuery)
            {
                BenchmarkSerializer.CsvLine(sb, "query", p.Concurrency, q.Query, q.Runs, string.Empty, string.Empty, q.MeanMs, string.Empty, string.Empty, string.Empty, string.Empty, q.Hits, string.Empty);
            }
        }

        return sb.ToString();
    }
}
