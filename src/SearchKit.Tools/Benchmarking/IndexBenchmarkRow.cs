namespace SearchKit.Benchmarking;

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
/// <param name="Breakdown">Where the runs' time went (medians).</param>
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
    string? KeptIndexPath,
    IndexBenchmarkBreakdown Breakdown)
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
        kept,
        IndexBenchmarkBreakdown.Of([.. runs.Select(r => r.Times)]));
}
