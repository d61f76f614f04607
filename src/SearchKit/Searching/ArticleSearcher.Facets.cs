using Lucene.Net.Search;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>The article collector, and the facets counted beside it (see <see cref="FacetPlan"/>).</summary>
internal sealed partial class ArticleSearcher
{
    /// <summary>
    /// Relevance pages from Lucene's plain score collector (ties by Lucene doc, no cursor) instead of the total order of
    /// score then id: only for the benchmark that measures what the total order costs (docs/benchmarks.md).
    /// </summary>
    internal bool RelevanceByScoreDocs { get; set; }

    /// <summary>The collector of a page of articles (plus one, to know of a next page) in the search's total order.</summary>
    private (ICollector Collector, Func<TopDocs> TopDocs, Func<int> TotalHits) ArticleCollector(Sort sort, int count, FieldDoc? after, SearchOptions options)
    {
        if (RelevanceByScoreDocs && options.Sort.Field is null && after is null)
        {
            // Only for the benchmark that compares the two collectors: ties by Lucene doc, no cursor.
            var byScore = TopScoreDocCollector.Create(count, docsScoredInOrder: false);
            return (byScore, () => byScore.GetTopDocs(), () => byScore.TotalHits);
        }

        var byFields = TopFieldCollector.Create(sort, count, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        return (byFields, () => byFields.GetTopDocs(), () => byFields.TotalHits);
    }

    /// <summary>
    /// Collects the search into <paramref name="collector"/>, counting in the same pass the facets whose field has no
    /// filter of its own; then one pass per faceted field with filters (see <see cref="FacetPlan"/>). The facets'
    /// passes share the search's budget.
    /// </summary>
    private IReadOnlyDictionary<string, FacetResult> CollectWithFacets(IndexSearcher searcher, string text, Query query, ICollector collector, FacetPass facets, SearchOptions options, FieldSchema schema, QueryBudget budget)
    {
        var main = facets.Plan?.MainCollector(options.Filters);
        Collect(searcher, query, main is null ? collector : MultiCollector.Wrap(collector, main), budget);
        if (facets.Plan is null)
        {
            return System.Collections.ObjectModel.ReadOnlyDictionary<string, FacetResult>.Empty;
        }

        budget.Check(text);
        return facets.Plan.Finish(
            searcher,
            facets.BaseQuery,
            options.Filters,
            main,
            others => _filters.Build(others, schema, text),
            (q, c) => Collect(searcher, q, c, budget));
    }

    /// <summary>The facets of a search and the query they count over: the search's query without filters (match-all when browsing).</summary>
    private readonly record struct FacetPass(FacetPlan? Plan, Query BaseQuery);
}
