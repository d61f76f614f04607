using Lucene.Net.Index;

namespace SearchKit.Indexing;

/// <summary>
/// The one place that decides when a failure means the index's files are damaged, and words it. Three
/// degrees, from certain to suspected: the bytes say so (<see cref="IsCorrupt"/>), a file could not be read
/// (<see cref="IsReadFailure"/>), or damaged bytes were decoded as data and failed in an arbitrary way
/// (<see cref="IsDamage"/>).
/// </summary>
internal static class IndexDamage
{
    /// <summary>Lucene found the bytes themselves wrong: a bad checksum or header, an unknown format, a file cut short.</summary>
    public static bool IsCorrupt(Exception e) =>
        e is CorruptIndexException or IndexFormatTooNewException or IndexFormatTooOldException or EndOfStreamException;

    /// <summary>A file of the index could not be read, or read as corrupt.</summary>
    public static bool IsReadFailure(Exception e) => e is IOException || IsCorrupt(e);

    /// <summary>
    /// Whether a failure while reading the index's own files (opening it, parsing a commit, checking checksums)
    /// means they are damaged: damaged bytes decoded as data fail in arbitrary ways (an unknown codec name, an
    /// index past an array's end, a checksum reader seeking backwards in a file shorter than its footer).
    /// </summary>
    public static bool IsDamage(Exception e) =>
        IsReadFailure(e)
        || e is ArgumentException or IndexOutOfRangeException or FormatException or OverflowException or InvalidCastException or InvalidOperationException;

    /// <summary>The error for a damaged index at <paramref name="location"/>, naming the damaged <paramref name="file"/> when known.</summary>
    public static SearchKitIndexException Damaged(string location, Exception e, string? file = null) =>
        new(IndexProblem.Damaged, $"{location}: the index is damaged ({file ?? e.GetType().Name}: {FirstLine(e.Message)})", e);

    /// <summary>The error for a damaged index at <paramref name="location"/>, with what was found wrong.</summary>
    public static SearchKitIndexException Damaged(string location, string what) =>
        new(IndexProblem.Damaged, $"{location}: the index is damaged ({what})");

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
