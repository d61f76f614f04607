using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace SearchKit.Indexing;

/// <summary>
/// Checks the checksums of an index's small files before Lucene parses them. Lucene reads counts and
/// lengths from these files and verifies their checksum only afterwards, so a damaged count can make it
/// allocate gigabytes (seen: 24 GB from four changed bytes in <c>segments_N</c>) before it notices.
/// </summary>
internal static class CommitVerifier
{
    /// <summary>Files up to this size are verified on every open: commit points, segment infos, compound-file tables, field infos, deletions.</summary>
    public const long SmallFileBytes = 1024 * 1024;

    /// <summary>How often a verification restarts because another process's commit changed the files under it.</summary>
    private const int MaxAttempts = 10;

    /// <exception cref="SearchKitIndexException">A small file is damaged (<see cref="IndexProblem.Damaged"/>).</exception>
    public static void VerifySmallFiles(Lucene.Net.Store.Directory directory, string location)
    {
        // Two things look like damage and are not, and Lucene's own readers (FindSegmentsFile) handle both:
        // a writer in another process commits and deletes the previous commit's files while we read them (we
        // start again on the new commit), and a writer killed inside a commit leaves its segments_N unfinished,
        // without the checksum footer, next to the previous, complete commit point (we fall back to that one,
        // as Lucene's readers and writers will).
        for (int attempt = 1; ; attempt++)
        {
            var generations = CommitGenerations(directory);
            try
            {
                VerifyNewestCommit(directory, generations, location);
                return;
            }
            catch (SearchKitIndexException) when (attempt < MaxAttempts && !generations.SequenceEqual(CommitGenerations(directory)))
            {
                Thread.Sleep(attempt); // let the other process's commit finish
            }
        }
    }

    /// <summary>The generations of the commit points (<c>segments_N</c>) in the folder, newest first.</summary>
    private static List<long> CommitGenerations(Lucene.Net.Store.Directory directory) =>
        [.. directory.ListAll()
            .Where(name => name.StartsWith(IndexFileNames.SEGMENTS + "_", StringComparison.Ordinal))
            .Select(SegmentInfos.GenerationFromSegmentsFileName)
            .OrderDescending()];

    private static void VerifyNewestCommit(Lucene.Net.Store.Directory directory, List<long> generations, string location)
    {
        if (generations.Count == 0)
        {
            return;
        }

        try
        {
            VerifyCommit(directory, generations[0], location);
        }
        catch (SearchKitIndexException) when (generations.Count > 1 && IsWhole(directory, generations[1], location))
        {
            // An unfinished newest commit point (a writer killed or still busy inside a commit) next to a whole
            // previous one: that one is the index's last commit. Without it, the newest one's error is the news.
        }
    }

    private static bool IsWhole(Lucene.Net.Store.Directory directory, long generation, string location)
    {
        try
        {
            VerifyCommit(directory, generation, location);
            return true;
        }
        catch (SearchKitIndexException)
        {
            return false;
        }
    }

    private static void VerifyCommit(Lucene.Net.Store.Directory directory, long generation, string location)
    {
        // Every file is verified before Lucene parses it. The commit point first, alone: only once it is known
        // good is it parsed for the list of its segments. Parsing it makes Lucene read each segment's info file
        // (.si); the directory below verifies each of those as Lucene opens it, before Lucene reads a byte. Then
        // the rest of the commit's files (compound-file tables, field infos, deletions), which Lucene parses
        // only when a reader opens. Files not in the commit (a live writer's unfinished segment, leftovers of a
        // repair) are not checked.
        var commit = IndexFileNames.FileNameFromGeneration(IndexFileNames.SEGMENTS, string.Empty, generation);
        Verify(directory, commit, location);
        var verifying = new VerifyingDirectory(directory, location);
        ICollection<string> files;
        try
        {
            var infos = new SegmentInfos();
            infos.Read(verifying, commit);
            files = infos.GetFiles(verifying, includeSegmentsFile: false); // the segments belong to the directory they were read from
        }
        catch (Exception e) when (IndexDamage.IsDamage(e))
        {
            // The commit point's checksum is right, yet it names something that cannot be read.
            throw IndexDamage.Damaged(location, e, commit);
        }

        foreach (var name in files)
        {
            if (!verifying.Verified.Contains(name))
            {
                Verify(directory, name, location);
            }
        }
    }

    private static void Verify(Lucene.Net.Store.Directory directory, string name, string location)
    {
        try
        {
            if (directory.FileLength(name) > SmallFileBytes)
            {
                return;
            }

            using var input = directory.OpenInput(name, IOContext.READ_ONCE);
            CodecUtil.ChecksumEntireFile(input);
        }

        // A file shorter than its footer makes the checksum reader seek backwards, which it reports as InvalidOperationException.
        catch (Exception e) when (IndexDamage.IsDamage(e))
        {
            throw IndexDamage.Damaged(location, e, name);
        }
    }

    /// <summary>Verifies each segment info file (.si) as it is opened, so that Lucene parses only verified ones.</summary>
    private sealed class VerifyingDirectory(Lucene.Net.Store.Directory inner, string location) : FilterDirectory(inner)
    {
        public HashSet<string> Verified { get; } = new(StringComparer.Ordinal);

        public override IndexInput OpenInput(string name, IOContext context)
        {
            VerifyFirst(name);
            return base.OpenInput(name, context);
        }

        public override ChecksumIndexInput OpenChecksumInput(string name, IOContext context)
        {
            VerifyFirst(name);
            return base.OpenChecksumInput(name, context);
        }

        // Only the segment infos are opened through here while the commit point is parsed.
        private void VerifyFirst(string name)
        {
            if (!name.EndsWith(".si", StringComparison.Ordinal))
            {
                return;
            }

            if (Verified.Add(name))
            {
                Verify(Delegate, name, location);
            }
        }
    }

    /// <summary>Whether the index's last commit passes the open-time checks, so that a rebuild can keep it readable.</summary>
    public static bool IsSound(Lucene.Net.Store.Directory directory, string location)
    {
        try
        {
            CommitVerifier.VerifySmallFiles(directory, location);
            return true;
        }
        catch (SearchKitIndexException)
        {
            return false;
        }
    }
}
