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
/// <param name="Times">Where the run's time went, as the run reported it.</param>
public sealed record IndexBenchmarkRun(double Seconds, long Articles, long Paragraphs, long Bytes, int Failures, long IndexSizeBytes, int Segments, long PeakManagedBytes, long PeakProcessBytes, long PeakPrivateBytes, SearchKit.Indexing.IndexingTimes Times)
{
    /// <summary>Articles per second.</summary>
    public double ArticlesPerSecond => Articles / Math.Max(Seconds, 1e-9);

    /// <summary>Megabytes (10⁶ bytes) of text per second.</summary>
    public double MBPerSecond => Bytes / 1e6 / Math.Max(Seconds, 1e-9);

    /// <summary>Paragraphs per second.</summary>
    public double ParagraphsPerSecond => Paragraphs / Math.Max(Seconds, 1e-9);
}
