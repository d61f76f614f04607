using Lucene.Net.Util;

namespace SearchKit.Analysis;

/// <summary>The one Lucene compatibility version SearchKit uses everywhere.</summary>
internal static class LuceneInfo
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
}
