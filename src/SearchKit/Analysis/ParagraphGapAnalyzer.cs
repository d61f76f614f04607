using Lucene.Net.Analysis;

namespace SearchKit.Analysis;

/// <summary>
/// Wraps the article analyzer so that consecutive values of a repeated field sit far apart in
/// position space: no phrase or proximity query (up to <see cref="MaxSlop"/>) can match across two paragraphs.
/// </summary>
internal sealed class ParagraphGapAnalyzer(Analyzer inner) : AnalyzerWrapper(inner.Strategy)
{
    /// <summary>The positions left empty between two values of a field.</summary>
    public const int PositionGap = 1000;

    /// <summary>The largest proximity slop a query may use; the parser clamps larger ones.</summary>
    public const int MaxSlop = PositionGap / 2;

    /// <summary>The characters between two values in offset space; paragraph boundaries are computed from it.</summary>
    public const int OffsetGap = 1;

    public Analyzer Inner { get; } = inner;

    protected override Analyzer GetWrappedAnalyzer(string fieldName) => Inner;

    public override int GetPositionIncrementGap(string fieldName) => PositionGap;

    public override int GetOffsetGap(string fieldName) => OffsetGap;
}
