using Microsoft.Extensions.Logging;

namespace SearchKit.Indexing;

/// <summary>
/// Every message the library logs, in one place, so their ids, levels and wording stay consistent.
/// Logging never replaces an exception: failures are still thrown or reported; the log only tells.
/// </summary>
internal static partial class IndexLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Opened index {Location} (analyzer {Analyzer}, read-only {ReadOnly})")]
    public static partial void Opened(ILogger logger, string location, string analyzer, bool readOnly);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Indexing run on {Location} started")]
    public static partial void RunStarted(ILogger logger, string location);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Indexing run on {Location} finished in {ElapsedMs} ms: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Failed} failed{CancelledNote}")]
    public static partial void RunFinished(ILogger logger, string location, long elapsedMs, long added, long updated, long unchanged, long removed, int failed, string cancelledNote);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Article not indexed: {Source}{LineNote}: {Reason}")]
    public static partial void ArticleFailed(ILogger logger, string source, string lineNote, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Indexing run on {Location} failed; the index stays at its last commit")]
    public static partial void RunFailed(ILogger logger, Exception error, string location);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Committed {Location}")]
    public static partial void Committed(ILogger logger, string location);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Merging {Location} down to {MaxSegments} segment(s)")]
    public static partial void ForceMerge(ILogger logger, string location, int maxSegments);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Lucene {Component}: {Message}")]
    public static partial void Lucene(ILogger logger, string component, string message);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Watching {Folder} for article changes")]
    public static partial void WatchStarted(ILogger logger, string folder);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Syncing {Folder} after {Events} change event(s){RescanNote}")]
    public static partial void WatchBatch(ILogger logger, string folder, int events, string rescanNote);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Lost track of changes in {Folder} ({Reason}); rescanning the whole folder")]
    public static partial void WatchOverflow(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Syncing {Folder} failed; retrying on the next change or rescan")]
    public static partial void WatchSyncFailed(ILogger logger, Exception error, string folder);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Stopped watching {Folder}")]
    public static partial void WatchStopped(ILogger logger, string folder);

    /// <summary>Logs a finished run and each of its failures.</summary>
    public static void Report(ILogger logger, string location, IndexingReport report)
    {
        foreach (var failure in report.Failures)
        {
            ArticleFailed(logger, failure.Source, failure.Line is { } line ? $" line {line}" : "", failure.Reason);
        }

        RunFinished(logger, location, (long)report.Elapsed.TotalMilliseconds, report.Added, report.Updated, report.Unchanged, report.Removed, report.Failures.Count, report.Cancelled ? " (cancelled)" : "");
    }
}
