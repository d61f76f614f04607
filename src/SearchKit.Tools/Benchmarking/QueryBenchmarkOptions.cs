using SearchKit.Searching;

namespace SearchKit.Benchmarking;

/// <summary>Options for <see cref="QueryBenchmark.Run"/>. Immutable.</summary>
public sealed record QueryBenchmarkOptions
{
    /// <summary>The defaults.</summary>
    public static QueryBenchmarkOptions Default { get; } = new();

    /// <summary>How long each phase measures. Default 10 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long each phase runs queries before it measures (JIT, caches). Default 2 s.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Client threads of the concurrent phase; a single-threaded phase always runs first. 1 runs only that.
    /// Default 2.
    /// </summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>How each query is run. Default: <see cref="SearchOptions.Default"/> (top 10 with paragraphs and snippets).</summary>
    public SearchOptions Search { get; init; } = SearchOptions.Default;

    /// <summary>How many of the slowest queries <see cref="QueryPhaseResult.Slowest"/> lists. Default 10.</summary>
    public int SlowestCount { get; init; } = 10;

    internal void Validate()
    {
        if (Duration <= TimeSpan.Zero || Warmup < TimeSpan.Zero || Concurrency < 1 || SlowestCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(QueryBenchmarkOptions), "a positive duration, a warm-up ≥ 0, concurrency ≥ 1");
        }

        ArgumentNullException.ThrowIfNull(Search);
    }
}
