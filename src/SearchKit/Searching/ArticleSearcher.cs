using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>Runs a parsed query on a searcher and builds the hits: article ranking, passage ranking, paragraph attribution.</summary>
internal sealed class ArticleSearcher(QueryFactory queries, RankingOptions ranking, QueryLimits limits)
{
    private readonly RankingQueryBuilder _ranker = new(queries.Analyzer, ranking);

    /// <summary>Passage mode ranks the paragraphs of this many top articles at least.</summary>
    private const int MinPassageCandidates = 50;

    public SearchResults Search(IndexSearcher searcher, string text, SearchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var expansions = new ConstantScoreExpansions();
        var query = queries.Parse(text, options.Syntax, options.DefaultAnd, expansions);
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
        // Paragraph matches come from the query as written; the ranking query may add feedback words.
        var ranked = _ranker.Build(searcher, rewritten, options);
        return options.Passages
            ? SearchPassages(searcher, text, ranked, new ParagraphMatcher(searcher, rewritten, expansions, limits.MaxClauses), options, clock)
            : SearchArticles(searcher, text, ranked, options.Paragraphs ? new ParagraphMatcher(searcher, rewritten, expansions, limits.MaxClauses) : null, options, clock);
    }

    /// <summary>Ranks articles; with a <paramref name="matcher"/> each hit gets its paragraphs, without one only id, title and path.</summary>
    private SearchResults SearchArticles(IndexSearcher searcher, string text, Query query, ParagraphMatcher? matcher, SearchOptions options, Stopwatch clock)
    {
        // An out-of-order collector lets a pure disjunction (every multi-field query is one) use Lucene's bulk
        // BooleanScorer instead of the doc-at-a-time BooleanScorer2, as IndexSearcher.Search(query, n) does; ties
        // still go to the lower doc id, so the ranking is the same.
        var collector = TopScoreDocCollector.Create(Math.Max(1, options.Skip + options.Top), docsScoredInOrder: false);
        Collect(searcher, query, collector, text);
        var page = collector.GetTopDocs(options.Skip, options.Top).ScoreDocs;
        var full = matcher is null ? null : FullHits(searcher, page, matcher, options);
        var hits = new List<SearchHit>(page.Length);
        for (int i = 0; i < page.Length; i++)
        {
            var sd = page[i];
            var hit = full is not null ? full[i] : LightHit(searcher.IndexReader, sd);
            if (options.Explain)
            {
                hit = hit with { Explanation = searcher.Explain(query, sd.Doc).ToString() };
            }

            hits.Add(hit);
        }

        return new SearchResults(text, collector.TotalHits, hits, clock.Elapsed);
    }

    private SearchResults SearchPassages(IndexSearcher searcher, string text, Query query, ParagraphMatcher matcher, SearchOptions options, Stopwatch clock)
    {
        int candidates = Math.Max(MinPassageCandidates, 3 * (options.Skip + options.Top));
        var collector = TopScoreDocCollector.Create(candidates, docsScoredInOrder: false);
        Collect(searcher, query, collector, text);
        var reader = searcher.IndexReader;
        var idf = matcher.Terms.ToDictionary(t => t, t => Idf(reader.DocFreq(t), reader.MaxDoc));

        var articles = collector.GetTopDocs().ScoreDocs;
        var (docs, texts, matched) = LoadAndMatch(searcher, articles, matcher);
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
        foreach (var (doc, article, paragraphs, hits, score) in ranked)
        {
            var paragraph = ToMatch(doc, paragraphs, hits, options) with { Score = score };
            var hit = HitOf(doc, score, [paragraph]);
            results.Add(options.Explain ? hit with { Explanation = searcher.Explain(query, article.Doc).ToString() } : hit);
        }

        return new SearchResults(text, found.Count, results, clock.Elapsed);
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

    private void Collect(IndexSearcher searcher, Query query, ICollector collector, string text)
    {
        var limited = new TimeLimitingCollector(collector, TimeLimitingCollector.GlobalCounter, (long)limits.Timeout.TotalMilliseconds);
        try
        {
            searcher.Search(query, limited);
        }
        catch (TimeLimitingCollector.TimeExceededException e)
        {
            throw new SearchKitQueryException($"the query ran longer than {limits.Timeout.TotalSeconds:0.###} s and was stopped", text, inner: e);
        }
    }

    /// <summary>The hits' stored documents and paragraph texts, and their matched paragraphs, attributed in one pass.</summary>
    private static (List<Lucene.Net.Documents.Document> Docs, List<string[]> Texts, IReadOnlyList<ParagraphHits>[] Matched) LoadAndMatch(IndexSearcher searcher, ScoreDoc[] hits, ParagraphMatcher matcher)
    {
        var docs = hits.Select(sd => searcher.Doc(sd.Doc)).ToList();
        var texts = docs.Select(d => d.GetValues(ArticleFields.Body)).ToList();
        return (docs, texts, matcher.Match(searcher.IndexReader, [.. hits.Select(sd => sd.Doc)], texts));
    }

    /// <summary>The hits of a page with their stored text and matched paragraphs.</summary>
    private static SearchHit[] FullHits(IndexSearcher searcher, ScoreDoc[] page, ParagraphMatcher matcher, SearchOptions options)
    {
        var (docs, texts, matched) = LoadAndMatch(searcher, page, matcher);
        var hits = new SearchHit[page.Length];
        for (int i = 0; i < page.Length; i++)
        {
            var paragraphs = matched[i].Select(h => ToMatch(docs[i], texts[i], h, options)).ToList();
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
        };
    }

    private static ParagraphMatch ToMatch(Lucene.Net.Documents.Document doc, string[] texts, ParagraphHits hits, SearchOptions options)
    {
        var layout = ArticleDocumentMapper.ParseLayout(doc.Get(ArticleFields.Layout), texts.Length);
        var heading = ArticleDocumentMapper.HeadingAt(doc.GetValues(ArticleFields.Heading), layout, hits.Index);
        var text = texts[hits.Index];
        var snippet = SnippetBuilder.Build(text, hits.Spans, options.SnippetLength, options.HighlightStart, options.HighlightEnd);
        return new ParagraphMatch(hits.Index, heading, text, snippet, hits.Spans);
    }

    /// <summary>A hit without paragraphs, read from doc values: no stored-field decompression.</summary>
    private static SearchHit LightHit(IndexReader reader, ScoreDoc sd)
    {
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
        return new SearchHit(Read(ArticleFields.Id), Read(ArticleFields.Title), path.Length == 0 ? null : path, sd.Score, []);
    }
}
