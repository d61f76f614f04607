namespace SearchKit.Benchmarking;

/// <summary>One query's figures in a phase.</summary>
/// <param name="Query">The query text.</param>
/// <param name="Runs">How often it ran in the measured window.</param>
/// <param name="MeanMs">Its mean latency in milliseconds.</param>
/// <param name="Hits">Its total hit count.</param>
public sealed record QueryStat(string Query, long Runs, double MeanMs, long Hits);
