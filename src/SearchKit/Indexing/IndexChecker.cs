using Lucene.Net.Index;
using Lucene.Net.Store;

namespace SearchKit.Indexing;

/// <summary>Runs Lucene's CheckIndex over an index folder and, when asked, drops unreadable segments.</summary>
internal static class IndexChecker
{
    public static IndexCheckReport Check(string path, bool repair, TextWriter? log)
    {
        if (!System.IO.Directory.Exists(path))
        {
            throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here (the folder does not exist)");
        }

        using var directory = new NIOFSDirectory(new DirectoryInfo(Path.GetFullPath(path)));
        if (!DirectoryReader.IndexExists(directory) && directory.ListAll().Length == 0)
        {
            throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here");
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
            return new IndexCheckReport { Healthy = false, Problems = [$"the index cannot be read: {e.Message.Split('\n')[0]}"] };
        }

        var problems = new List<string>();
        if (status.MissingSegments)
        {
            problems.Add("the segments file (the index's table of contents) is missing or unreadable");
        }

        if (status.CantOpenSegments)
        {
            problems.Add("the segments file cannot be opened");
        }

        log?.Write(captured.ToString());
        var errors = captured.ToString().Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase) || l.StartsWith("FAILED", StringComparison.Ordinal) || l.StartsWith("WARNING", StringComparison.Ordinal))
            .Distinct()
            .Take(20);
        problems.AddRange(errors);

        var report = new IndexCheckReport
        {
            Healthy = status.Clean,
            Segments = status.NumSegments,
            BadSegments = status.NumBadSegments,
            ArticlesLost = status.TotLoseDocCount,
            Problems = status.Clean ? [] : (problems.Count > 0 ? problems : ["the index is not clean (see the log)"]),
        };

        if (repair && !status.Clean && !status.MissingSegments)
        {
            try
            {
                checker.FixIndex(status);
            }
            catch (LockObtainFailedException e)
            {
                throw new SearchKitIndexException(IndexProblem.Locked, $"{path}: the index is locked by a writer; stop it before repairing", e);
            }

            report = report with { Repaired = true };
        }

        return report;
    }
}
