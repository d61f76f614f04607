namespace SearchKit.Benchmarking;

/// <summary>The figures of one phase (one concurrency level).</summary>
/// <param name="Concurrency">Client threads.</param>
/// <param name="Queries">Queries run in the measured window.</param>
/// <param name="Seconds">The measured window.</param>
/// <param name="QueriesPerSecond">Throughput over all clients.</param>
/// <param name="MeanMs">Mean latency.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P95Ms">95th percentile latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="PerQuery">Each query's figures, in the order given.</param>
/// <param name="Slowest">The slowest queries by mean latency, slowest first.</param>
/// <param name="CpuMsPerQuery">
/// Process CPU time (all threads) in the measured window divided by the queries run: on a machine shared with
/// other work this moves far less than latency does, so it is the figure to compare between runs.
/// </param>
public sealed record QueryPhaseResult(int Concurrency, long Queries, double Seconds, double QueriesPerSecond, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyList<QueryStat> PerQuery, IReadOnlyList<QueryStat> Slowest, double CpuMsPerQuery);
