using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace SearchKit.Indexing;

/// <summary>Runs Lucene's CheckIndex over an index folder and, when asked, drops unreadable segments.</summary>
internal static partial class IndexChecker
{
    /// <summary>Problem lines longer than this are cut: they go to a terminal.</summary>
    private const int MaxReasonLength = 200;

    /// <summary>How often a check starts again because a writer replaced the commit while its files were opened.</summary>
    private const int MaxAttempts = 20;

    public static IndexCheckReport Check(string path, bool repair, TextWriter? log)
    {
        var full = Path.GetFullPath(path);
        if (!IndexFolder.Inspect(full, path))
        {
            throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here (the folder does not exist)");
        }

        using var directory = new NIOFSDirectory(new DirectoryInfo(full), new ExclusiveFileLockFactory());
        if (!directory.ListAll().Any(IndexFolder.IsIndexFile))
        {
            // Nothing but a lock file or dot files: no index, and nothing a repair could (or may) write into.
            throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here");
        }

        // A repair rewrites the commit point: no writer may run meanwhile, in this process or another.
        using var writeLock = directory.MakeLock(IndexWriter.WRITE_LOCK_NAME);
        try
        {
            if (repair)
            {
                writeLock.Obtain(0);
            }
        }
        catch (LockObtainFailedException e)
        {
            var failure = WriterHost.LockFailed(path, e.InnerException);
            throw failure.Problem == IndexProblem.Locked
                ? new SearchKitIndexException(IndexProblem.Locked, $"{path}: the index is locked by a writer; stop it before repairing", e)
                : failure;
        }

        if (repair)
        {
            // The lock keeps writers out: the newest commit stays put while it is checked and fixed.
            return Run(directory, repair: true, log);
        }

        // A writer in another process may commit and delete the files of the commit being checked: Lucene
        // deletes what no commit needs, it knows nothing of readers elsewhere. Every file of one commit is
        // opened first and the check reads only through those handles; an open file stays readable after it
        // is deleted (POSIX), or cannot be deleted (Windows, where the writer retries later).
        for (int attempt = 1; ; attempt++)
        {
            var pin = PinnedCommit.TryPin(directory);
            if (pin is null)
            {
                if (attempt >= MaxAttempts)
                {
                    return new IndexCheckReport
                    {
                        Healthy = false,
                        Inconclusive = true,
                        Problems = [$"the index changed {MaxAttempts} times while the check opened its files (a writer is committing very often); nothing is known to be wrong, check again"],
                    };
                }

                Thread.Sleep(attempt);
                continue;
            }

            using (pin)
            {
                return Run(pin.Directory ?? directory, repair: false, log);
            }
        }
    }

    internal static IndexCheckReport Run(Lucene.Net.Store.Directory directory, bool repair, TextWriter? log)
    {
        // CheckIndex explains what is wrong only in its log: keep a copy to pick the problems from.
        var captured = new StringWriter();
        var checker = new CheckIndex(directory) { InfoStream = captured };

        CheckIndex.Status status;
        try
        {
            status = checker.DoCheckIndex();
        }
        catch (Exception e) when (IndexDamage.IsReadFailure(e))
        {
            return new IndexCheckReport { Healthy = false, Problems = [$"the index cannot be read: {Reason(e.Message)}"] };
        }
        finally
        {
            log?.Write(captured.ToString());
        }

        bool repairable = !status.MissingSegments && !status.CantOpenSegments;
        var problems = new List<string>();
        if (status.MissingSegments)
        {
            problems.Add("no readable commit point (the segments_N file is missing or damaged): nothing can be repaired; restore a backup or re-index");
        }
        else if (status.CantOpenSegments)
        {
            problems.Add("the commit point (segments_N) cannot be read: nothing can be repaired; restore a backup or re-index");
        }

        long articles = status.SegmentInfos.Sum(s => (long)s.DocCount - (s.HasDeletions ? s.NumDeleted : 0));
        problems.AddRange(SegmentProblems(captured.ToString()));
        if (!status.Clean && status.NumBadSegments > 0)
        {
            problems.Add(status.TotLoseDocCount >= articles
                ? $"{status.NumBadSegments} of {status.NumSegments} segments cannot be read, and they hold every article of the index: repairing leaves it empty (re-index the sources to get the articles back)"
                : $"{status.NumBadSegments} of {status.NumSegments} segments cannot be read; repairing drops them and loses {status.TotLoseDocCount} articles of {articles}");
        }

        var report = new IndexCheckReport
        {
            Healthy = status.Clean,
            Segments = status.NumSegments,
            BadSegments = status.NumBadSegments,
            Articles = articles,
            ArticlesLost = status.TotLoseDocCount,
            Repairable = !status.Clean && repairable,
            CommitPoint = status.SegmentsFileName,
            Problems = status.Clean ? [] : (problems.Count > 0 ? problems : ["the index is not clean (run the check with a log for details)"]),
        };

        if (repair && !status.Clean && repairable)
        {
            checker.FixIndex(status);
            report = report with { Repaired = true };
        }

        return report;
    }

    /// <summary>
    /// One line per failed segment test in CheckIndex's log: which segment, how many articles it holds,
    /// which test failed and the first line of the exception.
    /// </summary>
    internal static IEnumerable<string> SegmentProblems(string checkLog)
    {
        string segment = "?";
        string docs = "?";
        string? test = null;
        bool exceptionNext = false;
        foreach (var raw in checkLog.Split('\n'))
        {
            var line = raw.Trim();
            if (SegmentHeader().Match(line) is { Success: true } header)
            {
                segment = header.Groups["name"].Value;
                docs = header.Groups["docs"].Value;
                test = null;
                exceptionNext = false;
            }
            else if (FailedTest().Match(line) is { Success: true } failed)
            {
                test = failed.Groups["test"].Value;
            }
            else if (line.Contains("full exception:", StringComparison.Ordinal))
            {
                exceptionNext = true;
            }
            else if (exceptionNext && line.Length > 0)
            {
                exceptionNext = false;
                yield return $"segment {segment} ({docs} articles): {(test is null ? "the check" : "'" + test + "'")} failed: {Reason(line)}";
                test = null;
            }
        }
    }

    /// <summary>The message of an exception line without its type names, shortened.</summary>
    private static string Reason(string message)
    {
        var first = message.Split('\n')[0].Trim();
        first = TypePrefix().Replace(first, string.Empty);
        return first.Length <= MaxReasonLength ? first : first[..MaxReasonLength] + "…";
    }

    [GeneratedRegex(@"^\d+ of \d+: name=(?<name>\S+) docCount=(?<docs>\d+)")]
    private static partial Regex SegmentHeader();

    [GeneratedRegex(@"^test: (?<test>[^.]+)\.{2,}FAILED")]
    private static partial Regex FailedTest();

    // "System.IO.IOException: Lucene.Net.Index.CorruptIndexException: checksum failed..." → "checksum failed..."
    [GeneratedRegex(@"^(?:(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Exception|Error): )+")]
    private static partial Regex TypePrefix();
}
