namespace SearchKit.Benchmarking;

/// <summary>One indexing configuration of an <see cref="IndexBenchmark"/> matrix.</summary>
/// <param name="Threads">Indexing threads.</param>
/// <param name="RamBufferMB">The writer's RAM buffer in MB.</param>
/// <param name="Analyzer">The analyzer name (see <see cref="Analysis.AnalyzerCatalog"/>).</param>
/// <param name="Directory">The on-disk directory implementation, or <see langword="null"/> for an in-memory index.</param>
public sealed record IndexBenchmarkSettings(int Threads, double RamBufferMB, string Analyzer, DirectoryKind? Directory)
{
    /// <summary>A short label such as <c>t2 ram64 english nio</c>.</summary>
    public string Label => $"t{Threads} ram{RamBufferMB:0.##} {Analyzer} {Directory?.ToString().ToLowerInvariant() ?? "memory"}";
}
