namespace SearchKit.Benchmarking;

/// <summary>Progress of an index benchmark: which combination and run is about to start.</summary>
/// <param name="Settings">The combination.</param>
/// <param name="Run">The run number from 1; warm-up runs are numbered 0.</param>
/// <param name="Done">Runs finished so far (warm-ups included).</param>
/// <param name="Total">Runs in the whole benchmark (warm-ups included).</param>
public sealed record IndexBenchmarkProgress(IndexBenchmarkSettings Settings, int Run, int Done, int Total);
