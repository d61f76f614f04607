using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace SearchKit.Searching.Vectors;

/// <summary>
/// Where the HNSW graphs of an index's segments live: one graph file per segment, in a folder of their own (never
/// the index directory itself, whose file deleter removes files named like Lucene's), named
/// <c>hnsw-KEY-FINGERPRINT.usearch</c> with a <c>.check</c> file beside it (length and XxHash3 of the graph).
/// The fingerprint hashes the block's shape, documents, paragraphs and a sample of its vectors, so a graph is never
/// used for other vectors than it was built from (Lucene reuses segment names after an index is re-created).
/// Graph files are written under a temporary name and renamed into place; the check file goes last, so a graph
/// without a matching check file is never trusted (it may be half-written or damaged) and is rebuilt.
/// </summary>
internal static class GraphFiles
{
    private const string Prefix = "hnsw-";
    private const string GraphExtension = ".usearch";
    private const string CheckExtension = ".check";
    private const string CheckFormat = "searchkit-hnsw 1";

    /// <summary>The graph file's path for this block of this segment.</summary>
    public static string PathFor(string directory, string segmentKey, VectorBlock block) =>
        Path.Combine(directory, $"{Prefix}{Safe(segmentKey)}-{Fingerprint(block):x16}{GraphExtension}");

    /// <summary>True when the graph file and its check file are there and agree (length and hash).</summary>
    public static bool IsIntact(string graphPath)
    {
        try
        {
            string checkPath = Path.ChangeExtension(graphPath, CheckExtension);
            if (!File.Exists(graphPath) || !File.Exists(checkPath))
            {
                return false;
            }

            string[] lines = File.ReadAllLines(checkPath);
            return lines.Length == 3 && lines[0] == CheckFormat &&
                lines[1] == new FileInfo(graphPath).Length.ToString(System.Globalization.CultureInfo.InvariantCulture) &&
                lines[2] == HashFile(graphPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Saves the graph under a temporary name, then moves it and its check file into place.</summary>
    public static void Save(HnswNeighbours graph, string graphPath)
    {
        string directory = Path.GetDirectoryName(graphPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            graph.Save(temporary + GraphExtension);
            string check = string.Join('\n', CheckFormat,
                new FileInfo(temporary + GraphExtension).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                HashFile(temporary + GraphExtension)) + "\n";
            File.WriteAllText(temporary + CheckExtension, check, Encoding.ASCII);
            File.Move(temporary + GraphExtension, graphPath, overwrite: true);
            File.Move(temporary + CheckExtension, Path.ChangeExtension(graphPath, CheckExtension), overwrite: true);
        }
        finally
        {
            TryDelete(temporary + GraphExtension);
            TryDelete(temporary + CheckExtension);
        }
    }

    /// <summary>Deletes a graph file and its check file (best effort: a file in use elsewhere stays).</summary>
    public static void Delete(string graphPath)
    {
        TryDelete(Path.ChangeExtension(graphPath, CheckExtension));
        TryDelete(graphPath);
    }

    /// <summary>
    /// Deletes the graphs of segments not in <paramref name="liveSegmentKeys"/> and temporary files left by an
    /// interrupted save. Best effort; returns the number of files deleted.
    /// </summary>
    public static int Prune(string directory, IEnumerable<string> liveSegmentKeys)
    {
        var live = liveSegmentKeys.Select(Safe).ToHashSet(StringComparer.Ordinal);
        return DeleteWhere(directory, name => name.StartsWith(Prefix, StringComparison.Ordinal) && !live.Contains(KeyOf(name)));
    }

    /// <summary>Deletes the other graphs of this segment key (built from other vectors) than <paramref name="graphPath"/>.</summary>
    public static int DeleteOthers(string graphPath)
    {
        string directory = Path.GetDirectoryName(graphPath)!;
        string key = KeyOf(Path.GetFileName(graphPath));
        string keep = Path.GetFileNameWithoutExtension(graphPath);
        return DeleteWhere(directory, name => name.StartsWith(Prefix, StringComparison.Ordinal) && KeyOf(name) == key &&
            Path.GetFileNameWithoutExtension(name) != keep);
    }

    private static int DeleteWhere(string directory, Func<string, bool> stale)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int deleted = 0;
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(file);
            // A temporary file younger than an hour may be another process's save in progress.
            bool old = name.StartsWith(".tmp-", StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-1);
            if ((old || stale(name)) && TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>A hash of what the graph is built from; cheap (documents, paragraphs and at most 4,096 rows).</summary>
    internal static ulong Fingerprint(VectorBlock block)
    {
        var hash = new XxHash3();
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, block.Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], block.Count);
        hash.Append(header);
        hash.Append(MemoryMarshal.AsBytes(block.Docs.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes(block.Paragraphs.AsSpan()));
        int step = Math.Max(1, block.Count / 4096);
        for (int row = 0; row < block.Count; row += step)
        {
            hash.Append(MemoryMarshal.AsBytes(block.Row(row)));
        }

        if (block.Count > 0)
        {
            hash.Append(MemoryMarshal.AsBytes(block.Row(block.Count - 1)));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    private static string KeyOf(string fileName)
    {
        string stem = Path.GetFileNameWithoutExtension(fileName);
        int dash = stem.LastIndexOf('-');
        return dash > Prefix.Length ? stem[Prefix.Length..dash] : stem;
    }

    // Segment keys become part of a file name: keep letters, digits, '_' and '.', replace the rest ('-' too, since
    // it separates the key from the fingerprint).
    private static string Safe(string segmentKey) =>
        string.Concat(segmentKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '~'));

    private static string HashFile(string path)
    {
        var hash = new XxHash3();
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20))
        {
            hash.Append(stream);
        }

        return hash.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // In use by another process (Windows) or read-only: left for a later prune.
        }

        return false;
    }
}
