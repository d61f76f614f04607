using Lucene.Net.Index;

namespace SearchKit.Indexing;

/// <summary>Which document layout an index was built with, and whether this version may write to it.</summary>
internal static class IndexFormat
{
    /// <summary>
    /// Refuses to write to a non-empty index built before the metadata layout (no <see cref="WriterHost.FormatKey"/>
    /// of <see cref="WriterHost.Format"/>): its articles lack the fields filters, sorting and facets read, and a mix
    /// of both layouts would answer some filters for some articles only. An empty one is simply upgraded at its next commit.
    /// </summary>
    /// <exception cref="SearchKitIndexException"><see cref="IndexProblem.OutdatedFormat"/>.</exception>
    public static void CheckWritable(Lucene.Net.Store.Directory directory, IDictionary<string, string> data, string location)
    {
        if (data.TryGetValue(WriterHost.FormatKey, out var format) && format == WriterHost.Format)
        {
            return;
        }

        var infos = new SegmentInfos();
        infos.Read(directory);
        long articles = infos.Segments.Sum(s => (long)s.Info.DocCount - s.DelCount);
        if (articles > 0)
        {
            string version = format is null ? "an older version of SearchKit" : $"layout version {format}";
            throw new SearchKitIndexException(
                IndexProblem.OutdatedFormat,
                $"{location}: the index was built by {version}, before metadata fields; it must be rebuilt from its sources before it can be written to (it can still be searched read-only)");
        }
    }
}
