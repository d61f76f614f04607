using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchKit.Indexing;
using SearchKit.Searching.Vectors;

namespace SearchKit.Searching;

/// <summary>Semantic and hybrid search (<see cref="SearchOptions.Mode"/>): ranking by the vectors, fusion with BM25, and the hits' nearest paragraphs.</summary>
internal sealed partial class ArticleSearcher
{
    /// <summary>A semantic hit shows at most this many of its nearest paragraphs (besides any its words match).</summary>
    internal const int NearestParagraphsPerHit = 3;

    /// <summary>The query's words, parsed and rewritten: the keyword ranking of hybrid search and the highlights of both modes.</summary>
    private readonly record struct QueryWordsPlan(Query Rewritten, ParagraphMatcher Matcher);

    private SearchResults SearchByMeaning(IndexSearcher searcher, string text, SearchOptions options, FieldSchema schema, QueryBudget budget, Stopwatch clock)
    {
        string name = options.Mode == SearchMode.Hybrid ? "hybrid" : "semantic";
        if (options.Sort.Field is not null || options.After is not null)
        {
            throw new SearchKitQueryException($"{name} search ranks by relevance only: it takes no sort and no cursor (page it with skip)", text);
        }

        var filter = _filters.Build(options.Filters, schema, text);
        var query = _vectors.EmbedQuery(text, options.Mode, budget.Cancellation);
        budget.Check(text);
        int candidates = Math.Max(options.Hybrid.Candidates, options.Skip + options.Top);
        var words = Words(searcher, text, options, schema, budget, required: options.Mode == SearchMode.Hybrid);
        var results = options.Passages
            ? MeaningPassages(searcher, text, query, words, filter, candidates, options, schema, budget, clock)
            : MeaningArticles(searcher, text, query, words, filter, candidates, options, schema, budget, clock);
        return results with { Mode = options.Mode, Took = clock.Elapsed };
    }

    /// <summary>
    /// The query's words. Semantic search takes any text, so there a query that does not parse as keywords just
    /// highlights nothing; hybrid search ranks by the words too, so there it fails as a keyword search would.
    /// </summary>
    private QueryWordsPlan? Words(IndexSearcher searcher, string text, SearchOptions options, FieldSchema schema, QueryBudget budget, bool required)
    {
        try
        {
            var expansions = new ConstantScoreExpansions();
            var parsed = queries.Parse(text, options.Syntax, options.DefaultAnd, expansions, budget, schema);
            var rewritten = RewriteChecked(searcher, parsed, text, budget);
            return new QueryWordsPlan(rewritten, new ParagraphMatcher(searcher, rewritten, expansions, limits.MaxClauses));
        }
        catch (SearchKitQueryException) when (!required)
        {
            return null;
        }
    }

    private SearchResults MeaningArticles(IndexSearcher searcher, string text, float[] query, QueryWordsPlan? words, Filter? filter, int candidates, SearchOptions options, FieldSchema schema, QueryBudget budget, Stopwatch clock)
    {
        var (semantic, more) = _vectors.RankArticles(searcher, query, candidates, filter, budget, text);
        List<(int Key, float Score)> ranking = [.. semantic.Select(s => (s.Doc, s.Score))];
        var facets = System.Collections.ObjectModel.ReadOnlyDictionary<string, FacetResult>.Empty as IReadOnlyDictionary<string, FacetResult>;
        if (options.Mode == SearchMode.Hybrid)
        {
            var (keyword, keywordTotal, counts) = KeywordCandidates(searcher, text, words!.Value, filter, candidates, options, schema, budget);
            facets = counts;
            more |= keywordTotal > keyword.Count;
            ranking = RankFusion.Fuse(keyword, ranking, options.Hybrid, Comparer<int>.Default);
        }

        var page = ranking.Skip(options.Skip).Take(options.Top).ToArray();
        var hits = new List<SearchHit>(page.Length);
        var texts = options.Paragraphs ? LoadTexts(searcher, page.Select(p => p.Key).ToArray(), words, budget) : default;
        for (int i = 0; i < page.Length; i++)
        {
            budget.Check(text);
            var (doc, score) = page[i];
            if (!options.Paragraphs)
            {
                hits.Add(LightHit(searcher, new ScoreDoc(doc, score)));
                continue;
            }

            var similarities = _vectors.ParagraphSimilarities(searcher, doc, query);
            var matched = texts.Matched?[i] ?? [];
            var shown = Nearest(similarities, NearestParagraphsPerHit).Union(matched.Select(m => m.Index)).Order().ToList();
            var layout = new HeadingLayout(texts.Docs![i], texts.Texts![i].Length);
            var paragraphs = shown.Select(p => MeaningMatch(layout, texts.Texts[i], p, matched, similarities, options)).ToList();
            hits.Add(HitOf(texts.Docs[i], score, paragraphs));
        }

        return new SearchResults(text, ranking.Count, hits, clock.Elapsed) { TotalIsLowerBound = more, Facets = facets };
    }

    private SearchResults MeaningPassages(IndexSearcher searcher, string text, float[] query, QueryWordsPlan? words, Filter? filter, int candidates, SearchOptions options, FieldSchema schema, QueryBudget budget, Stopwatch clock)
    {
        var (semantic, more) = _vectors.RankParagraphs(searcher, query, candidates, filter, budget, text);
        if (options.Mode == SearchMode.Semantic)
        {
            var page = semantic.Skip(options.Skip).Take(options.Top).ToList();
            var hits = page.Select(p => PassageHit(searcher, p.Doc, p.Paragraph, p.Similarity, p.Similarity, words, options, budget)).ToList();
            return new SearchResults(text, semantic.Count, hits, clock.Elapsed) { TotalIsLowerBound = more };
        }

        // The keyword passages come from the keyword passage search itself (its paragraph scoring and its highlights);
        // both rankings are keyed by article id and paragraph.
        var ranked = _ranker.Build(searcher, words!.Value.Rewritten, options);
        var facets = new FacetPass(FacetPlan.Create(options, schema, text, _ordinalMaps), ranked);
        var keywordOptions = options with { Mode = SearchMode.Keyword, Skip = 0, Top = candidates };
        var keyword = SearchPassages(searcher, text, filter is null ? ranked : new FilteredQuery(ranked, filter), words.Value.Matcher, keywordOptions, schema, facets, budget, clock);
        var keywordHits = keyword.Hits.ToDictionary(h => (h.Id, h.Paragraphs[0].Index));
        var semanticByKey = new Dictionary<(string, int), VectorSearch.ScoredParagraph>();
        foreach (var p in semantic)
        {
            semanticByKey[(IdOf(searcher, p.Doc), p.Paragraph)] = p;
        }

        var fused = RankFusion.Fuse(
            [.. keyword.Hits.Select(h => ((h.Id, h.Paragraphs[0].Index), h.Score))],
            [.. semanticByKey.Select(kv => (kv.Key, kv.Value.Similarity))],
            options.Hybrid,
            Comparer<(string Id, int Paragraph)>.Create((a, b) => string.CompareOrdinal(a.Id, b.Id) is var c && c != 0 ? c : a.Paragraph.CompareTo(b.Paragraph)));
        var results = new List<SearchHit>();
        foreach (var (key, score) in fused.Skip(options.Skip).Take(options.Top))
        {
            budget.Check(text);
            if (semanticByKey.TryGetValue(key, out var near))
            {
                results.Add(PassageHit(searcher, near.Doc, near.Paragraph, score, near.Similarity, words, options, budget));
                continue;
            }

            // Found by its words alone: the keyword hit, with the fused score and its paragraph's similarity.
            var hit = keywordHits[key];
            float? similarity = DocOf(searcher, key.Item1) is int doc && _vectors.ParagraphSimilarities(searcher, doc, query) is { } all && key.Item2 < all.Length ? all[key.Item2] : null;
            results.Add(hit with { Score = score, Paragraphs = [hit.Paragraphs[0] with { Score = score, Similarity = similarity }] });
        }

        bool lowerBound = more || keyword.TotalIsLowerBound || keyword.Total > keyword.Hits.Count;
        return new SearchResults(text, fused.Count, results, clock.Elapsed) { TotalIsLowerBound = lowerBound, Facets = keyword.Facets };
    }

    /// <summary>The best <paramref name="candidates"/> articles by BM25 under the filter, with their total and the facets of the keyword matches.</summary>
    private (List<(int Key, float Score)> Hits, int Total, IReadOnlyDictionary<string, FacetResult> Facets) KeywordCandidates(IndexSearcher searcher, string text, QueryWordsPlan words, Filter? filter, int candidates, SearchOptions options, FieldSchema schema, QueryBudget budget)
    {
        var ranked = _ranker.Build(searcher, words.Rewritten, options);
        var facets = new FacetPass(FacetPlan.Create(options, schema, text, _ordinalMaps), ranked);
        var collector = TopScoreDocCollector.Create(candidates, docsScoredInOrder: false);
        var counts = CollectWithFacets(searcher, text, filter is null ? ranked : new FilteredQuery(ranked, filter), collector, facets, options, schema, budget);
        var top = collector.GetTopDocs().ScoreDocs;
        return ([.. top.Select(sd => (sd.Doc, sd.Score))], collector.TotalHits, counts);
    }

    /// <summary>A passage hit: one paragraph of an article, found by meaning, highlighted where the query's words match it.</summary>
    private SearchHit PassageHit(IndexSearcher searcher, int doc, int paragraph, float score, float similarity, QueryWordsPlan? words, SearchOptions options, QueryBudget budget)
    {
        var texts = LoadTexts(searcher, [doc], words, budget);
        var layout = new HeadingLayout(texts.Docs![0], texts.Texts![0].Length);
        var match = MeaningMatch(layout, texts.Texts[0], paragraph, texts.Matched?[0] ?? [], null, options) with { Score = score, Similarity = similarity };
        return HitOf(texts.Docs[0], score, [match]);
    }

    /// <summary>The stored documents and paragraph texts of some hits, and the paragraphs the query's words match in each.</summary>
    private static (List<Lucene.Net.Documents.Document>? Docs, string[][]? Texts, IReadOnlyList<ParagraphHits>[]? Matched) LoadTexts(IndexSearcher searcher, int[] docs, QueryWordsPlan? words, QueryBudget budget)
    {
        var stored = new List<Lucene.Net.Documents.Document>(docs.Length);
        foreach (int doc in docs)
        {
            if (budget.Expired())
            {
                throw new QueryBudgetExceededException();
            }

            stored.Add(searcher.Doc(doc));
        }

        string[][] texts = [.. stored.Select(d => d.GetValues(ArticleFields.Body))];
        var matched = words is { } w ? w.Matcher.Match(searcher.IndexReader, docs, texts, budget) : null;
        return (stored, texts, matched);
    }

    /// <summary>A paragraph of a semantic hit: highlighted where the words match, with its similarity when known.</summary>
    private static ParagraphMatch MeaningMatch(HeadingLayout layout, string[] texts, int paragraph, IReadOnlyList<ParagraphHits> matched, float[]? similarities, SearchOptions options)
    {
        var hits = matched.FirstOrDefault(m => m.Index == paragraph) ?? new ParagraphHits(paragraph, [], new Dictionary<Term, int>());
        var match = ToMatch(layout, texts, hits, options);
        return similarities is not null && paragraph < similarities.Length ? match with { Similarity = similarities[paragraph] } : match;
    }

    /// <summary>The indexes of the <paramref name="count"/> most similar paragraphs (ties by position).</summary>
    private static IEnumerable<int> Nearest(float[]? similarities, int count) =>
        similarities is null ? [] : Enumerable.Range(0, similarities.Length).OrderByDescending(i => similarities[i]).ThenBy(i => i).Take(count);

    private static string IdOf(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var bytes = new Lucene.Net.Util.BytesRef();
        leaf.AtomicReader.GetBinaryDocValues(ArticleFields.Id)?.Get(doc - leaf.DocBase, bytes);
        return bytes.Utf8ToString();
    }

    private static int? DocOf(IndexSearcher searcher, string id)
    {
        var top = searcher.Search(new TermQuery(ArticleDocumentMapper.IdTerm(id)), 1);
        return top.TotalHits == 0 ? null : top.ScoreDocs[0].Doc;
    }
}
