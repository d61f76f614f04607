using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchKit.Indexing;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// Reads an on-disk index below SearchKit, with Lucene itself, to see what a crash left: which commit points
/// exist and every live document's id (so a duplicate id cannot hide behind an id lookup that stops at the first hit).
/// </summary>
internal static class IndexAudit
{
    /// <summary>The newest commit generation whose <c>segments_N</c> is in the folder; 0 when there is none.</summary>
    public static long LatestGeneration(string path)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return 0;
        }

        // A writer may delete files while we list; the listing is only a snapshot, which is all a poll needs.
        var files = System.IO.Directory.GetFiles(path).Select(f => Path.GetFileName(f)).ToArray();
        return Math.Max(0, SegmentInfos.GetLastCommitGeneration(files));
    }

    /// <summary>
    /// True while the newest <c>segments_N</c> is unfinished: Lucene 4.8 writes the commit point in place and adds
    /// its checksum footer last, when the commit completes. A process killed in between leaves it so.
    /// </summary>
    public static bool CommitInProgress(string path)
    {
        long newest = LatestGeneration(path);
        return newest > 0 && !IsWhole(path, newest) && File.Exists(Path.Combine(path, SegmentsFile(newest)));
    }

    /// <summary>The newest generation whose commit point is whole (checksum footer present and right); 0 when none.</summary>
    public static long NewestWholeGeneration(string path)
    {
        for (long generation = LatestGeneration(path); generation > 0; generation--)
        {
            if (IsWhole(path, generation))
            {
                return generation;
            }
        }

        return 0;
    }

    private static bool IsWhole(string path, long generation)
    {
        try
        {
            using var directory = FSDirectory.Open(path);
            using var input = directory.OpenInput(SegmentsFile(generation), IOContext.READ_ONCE);
            CodecUtil.ChecksumEntireFile(input);
            return true;
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string SegmentsFile(long generation) =>
        IndexFileNames.FileNameFromGeneration(IndexFileNames.SEGMENTS, string.Empty, generation);

    /// <summary>The generation of the commit a reader opens, and the id of every live document in it.</summary>
    public static (long Generation, IReadOnlyList<string> Ids) ReadIds(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(directory);
        var live = MultiFields.GetLiveDocs(reader);
        var ids = new List<string>(reader.NumDocs);
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is null || live.Get(doc))
            {
                ids.Add(reader.Document(doc).Get(ArticleFields.Id));
            }
        }

        return (reader.IndexCommit.Generation, ids);
    }

    /// <summary>The source file and content hash of every live document of the commit a reader opens.</summary>
    public static IReadOnlyList<(string Id, string? Path, string? Hash)> ReadSources(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(directory);
        var live = MultiFields.GetLiveDocs(reader);
        var documents = new List<(string, string?, string?)>(reader.NumDocs);
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is null || live.Get(doc))
            {
                var stored = reader.Document(doc);
                documents.Add((stored.Get(ArticleFields.Id), stored.Get(ArticleFields.Path), stored.Get(ArticleFields.Hash)));
            }
        }

        return documents;
    }
}
