using SearchKit.Indexing;

namespace SearchKit.Benchmarking;

/// <summary>
/// Where the time of a combination's runs went, in seconds (medians over the runs; see <see cref="IndexingTimes"/>):
/// listing, commits and the merge are wall time on the critical path; reading runs beside the indexing threads;
/// indexing and waiting are summed over the indexing threads.
/// </summary>
/// <param name="Listing">Listing files and folders.</param>
/// <param name="Reading">The reader thread reading, hashing and splitting input.</param>
/// <param name="Indexing">Thread-seconds parsing, analysing and writing.</param>
/// <param name="WaitingForInput">Thread-seconds the indexing threads waited for the reader.</param>
/// <param name="Commits">All commits, the final one included.</param>
/// <param name="FinalCommit">The final commit, which runs alone.</param>
/// <param name="Merge">The merge after the run.</param>
/// <param name="CommitCount">Commits per run (of the last run).</param>
public sealed record IndexBenchmarkBreakdown(double Listing, double Reading, double Indexing, double WaitingForInput, double Commits, double FinalCommit, double Merge, int CommitCount)
{
    internal static IndexBenchmarkBreakdown Of(IReadOnlyList<IndexingTimes> runs)
    {
        double Median(Func<IndexingTimes, TimeSpan> part) => runs.Count == 0 ? 0 : Spread.Of(runs.Select(r => part(r).TotalSeconds)).Median;
        return new(
            Median(t => t.Listing),
            Median(t => t.Reading),
            Median(t => t.Indexing),
            Median(t => t.WaitingForInput),
            Median(t => t.Commits),
            Median(t => t.FinalCommit),
            Median(t => t.Merge),
            runs.Count == 0 ? 0 : runs[^1].CommitCount);
    }
}
