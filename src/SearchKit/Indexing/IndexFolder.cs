using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Lucene.Net.Index;

namespace SearchKit.Indexing;

/// <summary>
/// What a path given as an index location holds, told apart before Lucene touches it: Lucene's writer deletes
/// every file it takes for one of its own and no commit refers to, so a folder of someone's files must never
/// be mistaken for an index (a <c>_draft.txt</c> would be deleted), and a file or device is no folder at all.
/// </summary>
internal static partial class IndexFolder
{
    /// <summary>The extensions of the files Lucene 4.x writes for segments (all codecs SearchKit can read).</summary>
    private static readonly FrozenSet<string> SegmentExtensions = FrozenSet.ToFrozenSet(
    [
        "si", "cfs", "cfe", "fnm", "fdt", "fdx", "tim", "tip", "doc", "pos", "pay", "nvd", "nvm", "dvd", "dvm",
        "liv", "del", "tvx", "tvd", "tvf", "gen", "frq", "prx", "tis", "tii", "nrm", "len",
    ], StringComparer.Ordinal);

    /// <summary>Files Lucene writes for segments and commits; not the lock file, not a user's <c>_draft.txt</c>.</summary>
    public static bool IsIndexFile(string name)
    {
        if (name == IndexFileNames.SEGMENTS_GEN || IsCommitPoint(name))
        {
            return true;
        }

        var match = SegmentFile().Match(name);
        return match.Success && SegmentExtensions.Contains(match.Groups["ext"].Value);
    }

    /// <summary>A commit point: <c>segments_N</c> with N in base 36.</summary>
    public static bool IsCommitPoint(string name) => CommitPoint().IsMatch(name);

    /// <summary>
    /// Throws unless <paramref name="full"/> can be an index folder: it must be a folder (or not exist yet), be
    /// listable, and hold an index or nothing but harmless entries (dot files, <c>write.lock</c>).
    /// </summary>
    /// <returns>Whether the folder exists.</returns>
    /// <exception cref="SearchKitIndexException"><see cref="IndexProblem.NotAnIndex"/> or <see cref="IndexProblem.Unwritable"/>.</exception>
    public static bool Inspect(string full, string location)
    {
        if (File.Exists(full))
        {
            throw new SearchKitIndexException(IndexProblem.NotAnIndex, $"{location}: not an index: it is a file, not a folder (give the folder an index lives in, or a new one)");
        }

        if (!Directory.Exists(full))
        {
            return false;
        }

        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(full).Select(e => Path.GetFileName(e)!)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SearchKitIndexException(IndexProblem.Unwritable, $"{location}: the folder cannot be listed ({OneLine(e.Message)})", e);
        }

        if (!entries.Any(IsIndexFile) && entries.FirstOrDefault(IsForeign) is { } foreign)
        {
            throw new SearchKitIndexException(IndexProblem.NotAnIndex, $"{location}: not an index: the folder holds other files (such as '{foreign}') and no index files; give an empty or new folder for the index");
        }

        return true;
    }

    /// <summary>An entry that belongs neither to an index nor to no one: a user's file or folder.</summary>
    private static bool IsForeign(string name) =>
        !IsIndexFile(name) && name != IndexWriter.WRITE_LOCK_NAME && !name.StartsWith('.');

    private static string OneLine(string text) => text.Split('\n')[0].Trim();

    [GeneratedRegex(@"^segments_[0-9a-z]+$")]
    private static partial Regex CommitPoint();

    // Segment names are '_' and a base-36 counter; per-field or per-generation files add '_' and more.
    [GeneratedRegex(@"^_[0-9a-z]+(?:_[0-9A-Za-z_]+)?\.(?<ext>[a-z]{2,4})$")]
    private static partial Regex SegmentFile();
}
