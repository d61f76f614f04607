using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchKit.Searching;

/// <summary>
/// The rewrite of one query's prefix, wildcard, regular-expression and range terms: a constant score, as Lucene
/// does by default, because scoring each of their up to 1,024 words in four fields made them the slowest queries
/// (docs/benchmarks.md). A constant-score filter no longer lists its words, so this remembers which term each
/// rewritten query came from; <see cref="ParagraphMatcher"/> expands just those for the hits it attributes.
/// One instance per query: it is not shared between threads.
/// </summary>
internal sealed class ConstantScoreExpansions : MultiTermQuery.RewriteMethod
{
    private readonly Dictionary<Query, MultiTermQuery> _sources = new(ReferenceEqualityComparer.Instance);

    public override Query Rewrite(IndexReader reader, MultiTermQuery query)
    {
        var rewritten = MultiTermQuery.CONSTANT_SCORE_AUTO_REWRITE_DEFAULT.Rewrite(reader, query);
        _sources[rewritten] = query;
        return rewritten;
    }

    /// <summary>The term a rewritten query came from, if it came from one.</summary>
    public MultiTermQuery? SourceOf(Query rewritten) => _sources.GetValueOrDefault(rewritten);
}
