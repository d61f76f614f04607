using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>Runs a parsed query on a searcher and builds the hits: article ranking, passage ranking, paragraph attribution.</summary>
internal sealed partial class ArticleSearcher(QueryFactory queries, RankingOptions ranking, QueryLimits limits, Vectors.VectorSearch vectors)
{
    private readonly Vectors.VectorSearch _vectors = vectors;
    private readonly RankingQueryBuilder _ranker = new(queries.Analyzer, ranking);
    private readonly QuerySuggester _suggester = new(queries.Analyzer);
    private readonly FilterBuilder _filters = new();
    private readonly OrdinalMaps _ordinalMaps = new();

    /// <summary>The per-segment filter cache (for tests and diagnostics).</summary>
    internal FilterBuilder Filters => _filters;

    /// <summary>Passage mode ranks the paragraphs of this many top articles at least.</summary>
    private const int MinPassageCandidates = 50;

    public SearchResults Search(IndexSearcher searcher, string text, SearchOptions options, FieldSchema schema, CancellationToken cancellation) =>
        Guarded(text, cancellation, (budget, clock) =>
        {
            CheckPassageOptions(text, options);
            if (options.Mode != SearchMode.Keyword)
            {
                return SearchByMeaning(searcher, text, options, schema, budget, clock);
            }

            var filter = _filters.Build(options.Filters, schema, text);
            var facets = FacetPlan.Create(options, schema, text, _ordinalMaps);
            if (filter is not null && string.IsNullOrWhiteSpace(text))
            {
                if (options.Passages)
                {
                    throw new SearchKitQueryException("passage mode needs words to rank paragraphs by; without a query, list articles", text);
                }

                // Browse: every article that passes the filters, in the chosen sort; no words, so no paragraphs to show.
                var browse = new FacetPass(facets, new MatchAllDocsQuery());
                return SearchArticles(searcher, text, new ConstantScoreQuery(filter), null, options, schema, browse, budget, clock);
            }

            var expansions = new ConstantScoreExpansions();
            var query = queries.Parse(text, options.Syntax, options.DefaultAnd, expansions, budget, schema);
            budget.Check(text);
            var results = Run(searcher, text, query, filter, expansions, options, schema, facets, budget, clock);
            return WithSuggestion(searcher, results, options, schema, filter, budget) with { Took = clock.Elapsed };
        });

    // A query built elsewhere (related articles) runs through the same filters, ranking, paging and hit building as a
    // parsed one; label is what SearchResults.Query says and what a time-out names.
    public SearchResults Search(IndexSearcher searcher, string label, Query query, SearchOptions options, FieldSchema schema, CancellationToken cancellation) =>
        Guarded(label, cancellation, (budget, clock) =>
        {
            CheckPassageOptions(label, options);
            var filter = _filters.Build(options.Filters, schema, label);
            var facets = FacetPlan.Create(options, schema, label, _ordinalMaps);
            return Run(searcher, label, query, filter, new ConstantScoreExpansions(), options with { Syntax = QuerySyntax.Lucene }, schema, facets, budget, clock);
        });

    private static void CheckPassageOptions(string text, SearchOptions options)
    {
        if (options.Passages && (options.Sort.Field is not null || options.After is not null))
        {
            throw new SearchKitQueryException("passage mode ranks paragraphs by relevance only: it takes no sort and no cursor (page it with skip)", text);
        }
    }

    private SearchResults Guarded(string text, CancellationToken cancellation, Func<QueryBudget, Stopwatch, SearchResults> body)
    {
        var clock = Stopwatch.StartNew();
        var budget = new QueryBudget(limits.Timeout, cancellation);
        try
        {
            return body(budget, clock);
        }
        catch (QueryBudgetExceededException e)
        {
            cancellation.ThrowIfCancellationRequested();
            throw budget.TimedOut(text, e);
        }
        catch (TimeLimitingCollector.TimeExceededException e)
        {
            throw budget.TimedOut(text, e);
        }
    }

    /// <summary>
    /// Adds a "Did you mean" to results that found fewer articles than <see cref="SearchOptions.SuggestBelow"/>. The
    /// suggestion shares the search's budget: when the time runs out while suggesting, the results go back without
    /// one (the search itself succeeded); a cancellation still cancels.
    /// </summary>
    private SearchResults WithSuggestion(IndexSearcher searcher, SearchResults results, SearchOptions options, FieldSchema schema, Filter? filter, QueryBudget budget)
    {
        long articles = options.Passages ? -1 : results.Total;
        if (options.SuggestBelow == 0 || (!options.Passages && articles >= options.SuggestBelow))
        {
            return results;
        }

        try
        {
            articles = articles >= 0 ? articles : Count(searcher, results.Query, options, schema, filter, budget);
            if (articles >= options.SuggestBelow)
            {
                return results;
            }

            var suggestion = _suggester.Suggest(searcher, results.Query, options.Syntax, articles, corrected => Count(searcher, corrected, options, schema, filter, budget), budget);
            return results with { Suggestion = suggestion };
        }
        catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException && !IndexDamage.IsReadFailure(e))
        {
            // The time ran out while suggesting (or a corrected query could not be read): the search itself
            // succeeded, and a suggestion is an extra it goes without. A cancellation still cancels.
            budget.Cancellation.ThrowIfCancellationRequested();
            return results;
        }
    }

    /// <summary>How many articles a query finds under the filter, read and ranked as a search would; 0 when it cannot be read.</summary>
    private long Count(IndexSearcher searcher, string text, SearchOptions options, FieldSchema schema, Filter? filter, QueryBudget budget)
    {
        Query ranked;
        try
        {
            var query = queries.Parse(text, options.Syntax, options.DefaultAnd, new ConstantScoreExpansions(), budget, schema);
            ranked = _ranker.Build(searcher, searcher.Rewrite(query), options);
        }
        catch (Exception e) when (e is SearchKitQueryException or BooleanQuery.TooManyClausesException)
        {
            return 0;
        }

        var counter = new TotalHitCountCollector();
        Collect(searcher, filter is null ? ranked : new FilteredQuery(ranked, filter), counter, budget);
        return counter.TotalHits;
    }

    private SearchResults Run(IndexSearcher searcher, string text, Query query, Filter? filter, ConstantScoreExpansions expansions, SearchOptions options, FieldSchema schema, FacetPlan? facetPlan, QueryBudget budget, Stopwatch clock)
    {
        var rewritten = RewriteChecked(searcher, query, text, budget);

        // Paragraph matches come from the query as written; the ranking query may add feedback words.
        var ranked = _ranker.Build(searcher, rewritten, options);
        var facets = new FacetPass(facetPlan, ranked);
        if (filter is not null)
        {
            // Filtered, never scored by the filter: the scores are the query's alone.
            ranked = new FilteredQuery(ranked, filter);
        }

        return options.Passages
            ? SearchPassages(searcher, text, ranked, new ParagraphMatcher(searcher, rewritten, expansions, limits.MaxClauses), options, schema, facets, budget, clock)
            : SearchArticles(searcher, text, ranked, options.Paragraphs ? new ParagraphMatcher(searcher, rewritten, expansions, limits.MaxClauses) : null, options, schema, facets, budget, clock);
    }

    /// <summary>The query rewritten for searching (fuzzy and wildcard terms expanded), within the clause limit and the budget.</summary>
    private Query RewriteChecked(IndexSearcher searcher, Query query, string text, QueryBudget budget)
    {
        Query rewritten;
        try
        {
            rewritten = searcher.Rewrite(query);
        }
        catch (BooleanQuery.TooManyClausesException e)
        {
            throw new SearchKitQueryException($"the query expands to more than {BooleanQuery.MaxClauseCount} terms (a wildcard, prefix or fuzzy term matches too many words)", text, inner: e);
        }

        queries.CheckClauses(rewritten, text);
        budget.Check(text);
        return rewritten;
    }

    /// <summary>Ranks articles; with a <paramref name="matcher"/> each hit gets its paragraphs, without one only id, title and path.</summary>
    private SearchResults SearchArticles(IndexSearcher searcher, string text, Query query, ParagraphMatcher? matcher, SearchOptions options, FieldSchema schema, FacetPass facets, QueryBudget budget, Stopwatch clock)
    {
        // Always a total order (sort values, score, id), so that pages by skip or by cursor never repeat or miss a
        // hit. One hit more than the page is collected: it tells whether there is a next page. An out-of-order
        // collector still lets a pure disjunction use Lucene's bulk BooleanScorer.
        var sort = SortBuilder.Build(options.Sort, schema, text);
        string signature = Cursor.Signature(text, options);
        var after = options.After is null ? null : Cursor.Decode(options.After, sort, signature, text);
        int wanted = options.Skip + options.Top;
        var (collector, topDocs, totalHits) = ArticleCollector(sort, wanted + 1, after, options);
        var counts = CollectWithFacets(searcher, text, query, collector, facets, options, schema, budget);
        var top = topDocs();
        var page = top.ScoreDocs.Skip(options.Skip).Take(options.Top).ToArray();
        string? next = options.Top > 0 && top.ScoreDocs.Length > wanted && top.ScoreDocs[wanted - 1] is FieldDoc last ? Cursor.Encode(last, sort, signature) : null;
        var full = matcher is null ? null : FullHits(searcher, page, matcher, options, budget);
        var hits = new List<SearchHit>(page.Length);
        for (int i = 0; i < page.Length; i++)
        {
            var sd = page[i];
            var hit = full is not null ? full[i] : LightHit(searcher, sd);
            if (options.Explain)
            {
                hit = hit with { Explanation = searcher.Explain(query, sd.Doc).ToString() };
            }

            hits.Add(hit);
        }

        return new SearchResults(text, totalHits(), hits, clock.Elapsed) { NextCursor = next, Facets = counts };
    }

    private SearchResults SearchPassages(IndexSearcher searcher, string text, Query query, ParagraphMatcher matcher, SearchOptions options, FieldSchema schema, FacetPass facets, QueryBudget budget, Stopwatch clock)
    {
        int candidates = Math.Max(MinPassageCandidates, 3 * (options.Skip + options.Top));
        var collector = TopScoreDocCollector.Create(candidates, docsScoredInOrder: false);
        var counts = CollectWithFacets(searcher, text, query, collector, facets, options, schema, budget);
        var reader = searcher.IndexReader;
        var idf = matcher.Terms.ToDictionary(t => t, t => Idf(reader.DocFreq(t), reader.MaxDoc));

        var articles = collector.GetTopDocs().ScoreDocs;
        var (docs, texts, matched) = LoadAndMatch(searcher, articles, matcher, budget);
        var found = new List<(Lucene.Net.Documents.Document Doc, ScoreDoc Article, string[] Texts, ParagraphHits Hits)>();
        for (int i = 0; i < articles.Length; i++)
        {
            found.AddRange(matched[i].Select(hits => (docs[i], articles[i], texts[i], hits)));
        }

        double avgLength = found.Count == 0 ? 1 : Math.Max(1, found.Average(f => (double)f.Texts[f.Hits.Index].Length));
        var ranked = found
            .Select(f => (f.Doc, f.Article, f.Texts, f.Hits, Score: ParagraphScore(f.Hits, f.Texts[f.Hits.Index].Length, avgLength, idf)))
            .OrderByDescending(f => f.Score)
            .ThenByDescending(f => f.Article.Score)
            .ThenBy(f => f.Article.Doc)
            .ThenBy(f => f.Hits.Index)
            .Skip(options.Skip)
            .Take(options.Top);

        var results = new List<SearchHit>();
        var layouts = new Dictionary<Lucene.Net.Documents.Document, HeadingLayout>(ReferenceEqualityComparer.Instance);
        foreach (var (doc, article, paragraphs, hits, score) in ranked)
        {
            budget.Check(text);
            if (!layouts.TryGetValue(doc, out var layout))
            {
                layouts[doc] = layout = new HeadingLayout(doc, paragraphs.Length);
            }

            var paragraph = ToMatch(layout, paragraphs, hits, options) with { Score = score };
            var hit = HitOf(doc, score, [paragraph]);
            results.Add(options.Explain ? hit with { Explanation = searcher.Explain(query, article.Doc).ToString() } : hit);
        }

        // The paragraphs of every matching article were counted only when every matching article was a candidate;
        // otherwise the count covers the candidates alone and is a lower bound.
        bool exact = collector.TotalHits <= articles.Length;
        return new SearchResults(text, found.Count, results, clock.Elapsed) { TotalIsLowerBound = !exact, Facets = counts };
    }

    private float ParagraphScore(ParagraphHits hits, int length, double avgLength, Dictionary<Term, double> idf)
    {
        double k1 = ranking.K1;
        double b = ranking.B;
        double norm = k1 * (1 - b + (b * length / avgLength));
        double score = 0;
        foreach (var (term, tf) in hits.Frequencies)
        {
            score += idf[term] * tf * (k1 + 1) / (tf + norm);
        }

        return (float)score;
    }

    private static double Idf(int docFreq, int docCount) => Math.Log(1 + ((docCount - docFreq + 0.5) / (docFreq + 0.5)));

    private static void Collect(IndexSearcher searcher, Query query, ICollector collector, QueryBudget budget) =>
        searcher.Search(query, new BudgetedCollector(collector, budget));

    /// <summary>The hits' stored documents and paragraph texts, and their matched paragraphs, attributed in one pass.</summary>
    private static (List<Lucene.Net.Documents.Document> Docs, List<string[]> Texts, IReadOnlyList<ParagraphHits>[] Matched) LoadAndMatch(IndexSearcher searcher, ScoreDoc[] hits, ParagraphMatcher matcher, QueryBudget budget)
    {
        var docs = new List<Lucene.Net.Documents.Document>(hits.Length);
        foreach (var sd in hits)
        {
            if (budget.Expired())
            {
                throw new QueryBudgetExceededException();
            }

            docs.Add(searcher.Doc(sd.Doc));
        }

        var texts = docs.Select(d => d.GetValues(ArticleFields.Body)).ToList();
        return (docs, texts, matcher.Match(searcher.IndexReader, [.. hits.Select(sd => sd.Doc)], texts, budget));
    }

    /// <summary>The hits of a page with their stored text and matched paragraphs.</summary>
    private static SearchHit[] FullHits(IndexSearcher searcher, ScoreDoc[] page, ParagraphMatcher matcher, SearchOptions options, QueryBudget budget)
    {
        var (docs, texts, matched) = LoadAndMatch(searcher, page, matcher, budget);
        var hits = new SearchHit[page.Length];
        for (int i = 0; i < page.Length; i++)
        {
            // The heading layout is read once per article, not once per matched paragraph (that was quadratic).
            var layout = new HeadingLayout(docs[i], texts[i].Length);
            var paragraphs = new List<ParagraphMatch>(matched[i].Count);
            foreach (var h in matched[i])
            {
                if (budget.Expired())
                {
                    throw new QueryBudgetExceededException();
                }

                paragraphs.Add(ToMatch(layout, texts[i], h, options));
            }

            hits[i] = HitOf(docs[i], page[i].Score, paragraphs);
        }

        return hits;
    }

    private static SearchHit HitOf(Lucene.Net.Documents.Document doc, float score, IReadOnlyList<ParagraphMatch> paragraphs)
    {
        var path = doc.Get(ArticleFields.Path);
        return new SearchHit(doc.Get(ArticleFields.Id), doc.Get(ArticleFields.Title) ?? string.Empty, string.IsNullOrEmpty(path) ? null : path, score, paragraphs)
        {
            Lead = doc.Get(ArticleFields.Lead),
            Fields = MetadataLayout.Read(doc),
        };
    }

    private static ParagraphMatch ToMatch(HeadingLayout layout, string[] texts, ParagraphHits hits, SearchOptions options)
    {
        var heading = layout.HeadingOf(hits.Index);
        var text = texts[hits.Index];
        var snippet = SnippetBuilder.Build(text, hits.Spans, options.SnippetLength, options.HighlightStart, options.HighlightEnd);
        return new ParagraphMatch(hits.Index, heading, text, snippet, hits.Spans);
    }

    /// <summary>Which heading each paragraph of one article falls under, read once per article.</summary>
    private sealed class HeadingLayout(Lucene.Net.Documents.Document doc, int paragraphs)
    {
        private readonly int[] _layout = ArticleDocumentMapper.ParseLayout(doc.Get(ArticleFields.Layout), paragraphs);
        private readonly string[] _headings = doc.GetValues(ArticleFields.Heading);

        public string? HeadingOf(int paragraph) => ArticleDocumentMapper.HeadingAt(_headings, _layout, paragraph);
    }

    /// <summary>A hit without paragraphs: id, title and path from doc values, the metadata from the stored metadata fields alone.</summary>
    private static SearchHit LightHit(IndexSearcher searcher, ScoreDoc sd)
    {
        var reader = searcher.IndexReader;
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(sd.Doc, leaves)];
        int local = sd.Doc - leaf.DocBase;
        string Read(string field)
        {
            var values = leaf.AtomicReader.GetBinaryDocValues(field);
            if (values is null)
            {
                return string.Empty;
            }

            var bytes = new BytesRef();
            values.Get(local, bytes);
            return bytes.Utf8ToString();
        }

        var path = Read(ArticleFields.Path);
        var metadata = new MetadataVisitor();
        searcher.Doc(sd.Doc, metadata);
        return new SearchHit(Read(ArticleFields.Id), Read(ArticleFields.Title), path.Length == 0 ? null : path, sd.Score, [])
        {
            Lead = metadata.Document.Get(ArticleFields.Lead),
            Fields = MetadataLayout.Read(metadata.Document),
        };
    }

    /// <summary>Loads only the stored metadata fields of a document, not its text.</summary>
    private sealed class MetadataVisitor : Lucene.Net.Documents.DocumentStoredFieldVisitor
    {
        public override StoredFieldVisitor.Status NeedsField(FieldInfo fieldInfo) =>
            MetadataLayout.IsMetadata(fieldInfo.Name) || fieldInfo.Name == ArticleFields.Lead ? StoredFieldVisitor.Status.YES : StoredFieldVisitor.Status.NO;
    }
}
