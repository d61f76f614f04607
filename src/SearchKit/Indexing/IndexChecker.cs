using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace SearchKit.Indexing;

/// <summary>Runs Lucene's CheckIndex over an index folder and, when asked, drops unreadable segments.</summary>
internal static partial class IndexChecker
{
    /// <summary>Problem lines longer than this are cut: they go to a terminal.</summary>
    private const int MaxReasonLength = 200;

    public static IndexCheckReport Check(string path, bool repair, TextWriter? log)
    {
        if (!System.IO.Directory.Exists(path))
        {
            throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here (the folder does not exist)");
        }

        using var directory = new NIOFSDirectory(new DirectoryInfo(Path.GetFullPath(path)), new ExclusiveFileLockFactory());
        if (!DirectoryReader.IndexExists(directory) && !directory.ListAll().Any(f => f != IndexWriter.WRITE_LOCK_NAME))
        {
            throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here");
        }

        // A repair rewrites the commit point: no writer may run meanwhile, in this process or another.
        using var writeLock = directory.MakeLock(IndexWriter.WRITE_LOCK_NAME);
        if (repair && !writeLock.Obtain())
        {
            throw new SearchKitIndexException(IndexProblem.Locked, $"{path}: the index is locked by a writer; stop it before repairing");
        }

        // CheckIndex explains what is wrong only in its log: keep a copy to pick the problems from.
        var captured = new StringWriter();
        var checker = new CheckIndex(directory) { InfoStream = captured };

        CheckIndex.Status status;
        try
        {
            status = checker.DoCheckIndex();
        }
        catch (Exception e) when (e is IOException or CorruptIndexException)
        {
            log?.Write(captured.ToString());
            return new IndexCheckReport { Healthy = false, Problems = [$"the index cannot be read: {Reason(e.Message)}"] };
        }
        finally
        {
            log?.Write(captured.ToString());
        }

        var problems = new List<string>();
        if (status.MissingSegments)
        {
            problems.Add("no readable commit point (the segments_N file is missing or damaged): nothing can be repaired; restore a backup or re-index");
        }
        else if (status.CantOpenSegments)
        {
            problems.Add("the commit point (segments_N) cannot be read: nothing can be repaired; restore a backup or re-index");
        }

        problems.AddRange(SegmentProblems(captured.ToString()));
        if (!status.Clean && status.NumBadSegments > 0)
        {
            problems.Add($"{status.NumBadSegments} of {status.NumSegments} segments cannot be read; repairing drops them and loses {status.TotLoseDocCount} articles");
        }

        var report = new IndexCheckReport
        {
            Healthy = status.Clean,
            Segments = status.NumSegments,
            BadSegments = status.NumBadSegments,
            ArticlesLost = status.TotLoseDocCount,
            Problems = status.Clean ? [] : (problems.Count > 0 ? problems : ["the index is not clean (run the check with a log for details)"]),
        };

        if (repair && !status.Clean && !status.MissingSegments && !status.CantOpenSegments)
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
