using System.Globalization;
using SearchKit.Indexing;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>Indexing runs on screen: the summary of a run, a line per watched batch, and the <c>--json</c> object of either.</summary>
internal static class IndexRenderer
{
    /// <summary>
    /// The <c>--json</c> summary: <c>{"added", "updated", "unchanged", "removed", "failed": [{"file", "line", "reason"}],
    /// "skipped": {"hidden", "folderLinks", "duplicates"}, "paragraphs", "bytes", "seconds", "mergeSeconds", "times" {"listing", "reading", "indexing", "waitingForInput", "commits", "commitCount", "finalCommit", "merge"} (seconds; indexing and waitingForInput summed over the indexing threads), "articlesPerSecond", "mbPerSecond", "cancelled"}</c>; <c>line</c> is null
    /// when the whole file failed; <c>mergeSeconds</c> (part of <c>seconds</c>) is 0 when the run did not merge.
    /// </summary>
    public static string ToJson(IndexingReport report) => Json.Write(w =>
    {
        double seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        w.WriteStartObject();
        w.WriteNumber("added", report.Added);
        w.WriteNumber("updated", report.Updated);
        w.WriteNumber("unchanged", report.Unchanged);
        w.WriteNumber("removed", report.Removed);
        w.ObjectArray("failed", report.Failures, (w, failure) =>
        {
            w.WriteString("file", failure.Source);
            if (failure.Line is { } line)
            {
                w.WriteNumber("line", line);
            }
            else
            {
                w.WriteNull("line");
            }

            w.WriteString("reason", failure.Reason);
        });
        w.WriteStartObject("skipped");
        w.WriteNumber("hidden", report.SkippedHidden);
        w.WriteNumber("folderLinks", report.SkippedFolderLinks);
        w.WriteNumber("duplicates", report.SkippedDuplicates);
        w.WriteEndObject();
        w.WriteNumber("paragraphs", report.Paragraphs);
        w.WriteNumber("bytes", report.Bytes);
        w.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        w.WriteNumber("mergeSeconds", Math.Round(report.MergeElapsed.TotalSeconds, 3));
        w.WriteStartObject("times");
        w.WriteNumber("listing", Math.Round(report.Times.Listing.TotalSeconds, 3));
        w.WriteNumber("reading", Math.Round(report.Times.Reading.TotalSeconds, 3));
        w.WriteNumber("indexing", Math.Round(report.Times.Indexing.TotalSeconds, 3));
        w.WriteNumber("waitingForInput", Math.Round(report.Times.WaitingForInput.TotalSeconds, 3));
        w.WriteNumber("commits", Math.Round(report.Times.Commits.TotalSeconds, 3));
        w.WriteNumber("commitCount", report.Times.CommitCount);
        w.WriteNumber("finalCommit", Math.Round(report.Times.FinalCommit.TotalSeconds, 3));
        w.WriteNumber("merge", Math.Round(report.Times.Merge.TotalSeconds, 3));
        w.WriteEndObject();
        w.WriteNumber("articlesPerSecond", Math.Round(report.Indexed / seconds, 1));
        w.WriteNumber("mbPerSecond", Math.Round(report.Bytes / 1e6 / seconds, 3));
        w.WriteBoolean("cancelled", report.Cancelled);
        w.WriteEndObject();
    });

    /// <summary>What the listing skipped on purpose, as one line ("skipped: 3 dot files or folders (--include-hidden reads them), ..."), or null.</summary>
    public static string? SkippedLine(IndexingReport report)
    {
        var parts = new List<string>();
        if (report.SkippedHidden > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{report.SkippedHidden:N0} dot file(s) or folder(s) (--include-hidden reads them)"));
        }

        if (report.SkippedFolderLinks > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{report.SkippedFolderLinks:N0} link(s) to folders (not followed)"));
        }

        if (report.SkippedDuplicates > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{report.SkippedDuplicates:N0} second path(s) to a file already read"));
        }

        return parts.Count == 0 ? null : "skipped: " + string.Join(", ", parts);
    }

    /// <summary>The run's summary: counts, throughput and each failure with its reason.</summary>
    public static void WriteSummary(Output output, IndexingReport report)
    {
        double seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]Indexed {report.Indexed:N0} articles[/] in {report.Elapsed.TotalSeconds:0.00} s ({report.Indexed / seconds:N1} articles/s, {report.Bytes / 1e6 / seconds:0.00} MB/s)");
        output.Line(line);
        output.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  {report.Added:N0} added, {report.Updated:N0} updated, {report.Unchanged:N0} unchanged, {report.Removed:N0} removed; {report.Paragraphs:N0} paragraphs, {report.Bytes:N0} bytes"));
        if (report.MergeElapsed > TimeSpan.Zero)
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"  merged the index for faster searches in {report.MergeElapsed.TotalSeconds:0.00} s (--no-merge skips it)"));
        }

        if (SkippedLine(report) is { } skipped)
        {
            output.Line($"  {Markup.Escape(TerminalText.Shorten(skipped))}");
        }

        if (report.Failures.Count > 0)
        {
            output.Line($"[red]{report.Failures.Count} failed:[/]");
            WriteFailures(output, report);
        }
    }

    /// <summary>
    /// One line per watched batch: the time and the counts, then each failure. Batches that changed nothing (the
    /// first sync, which repeats the run just summarised, and the periodic safety rescans) print nothing.
    /// </summary>
    public static void WriteBatch(Output output, IndexingReport report, bool json)
    {
        if (report.Added + report.Updated + report.Removed + report.Failures.Count == 0)
        {
            return;
        }

        if (json)
        {
            output.Raw(ToJson(report));
            return;
        }

        output.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss} {report.Added:N0} added, {report.Updated:N0} updated, {report.Removed:N0} removed, {report.Failures.Count:N0} failed ({report.Unchanged:N0} unchanged) in {report.Elapsed.TotalSeconds:0.00} s"));
        WriteFailures(output, report);
    }

    private static void WriteFailures(Output output, IndexingReport report)
    {
        foreach (var failure in report.Failures)
        {
            output.Line($"  [red]{Markup.Escape(TerminalText.Shorten(failure.Message))}[/]");
        }
    }
}
