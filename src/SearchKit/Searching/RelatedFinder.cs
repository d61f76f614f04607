using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>How related articles are looked for: measured against each other in docs/benchmarks.md ("Related articles").</summary>
internal enum RelatedMethod
{
    /// <summary>
    /// The default: Lucene's MoreLikeThis query as it builds it, each interesting term searched in the field it was
    /// found in. As good as <see cref="Words"/> on the BBC categories and twice as fast.
    /// </summary>
    MoreLikeThis,

    /// <summary>
    /// MoreLikeThis picks the article's most distinctive words, which are then searched like typed
    /// words, in title, lead and body with the index's field weights and field combination, each boosted by its weight in the article.
    /// </summary>
    Words,
}

/// <summary>
/// Builds the query for "articles like this one" from the article's stored title, lead and body, analysed as the
/// index analyses them; the article itself is excluded. The query then runs through the search path, so paging,
/// hits, paragraphs and filters are those of a search.
/// </summary>
internal sealed class RelatedFinder(Analyzer analyzer, RankingOptions ranking)
{
    private static readonly string[] Fields = [ArticleFields.Title, ArticleFields.Lead, ArticleFields.Body];

    /// <summary>The most distinctive words taken from the article.</summary>
    internal const int MaxWords = 30;

    internal RelatedMethod Method { get; set; } = RelatedMethod.MoreLikeThis;

    /// <summary>The query for articles like <paramref name="id"/>, or a <see cref="SearchKitQueryException"/> when no article has that id.</summary>
    public Query Build(IndexSearcher searcher, string id)
    {
        var idTerm = ArticleDocumentMapper.IdTerm(id);
        var top = searcher.Search(new TermQuery(idTerm), 1);
        if (top.TotalHits == 0)
        {
            throw new SearchKitQueryException($"no article has the id '{id}'", id);
        }

        var reader = searcher.IndexReader;
        var mlt = new MoreLikeThis(reader)
        {
            Analyzer = analyzer,
            FieldNames = Fields,
            // An article's words are mostly said once; a word in no other article cannot find one.
            MinTermFreq = 1,
            MinDocFreq = 2,
            // Words in more than half the articles say nothing about this one.
            MaxDocFreq = Math.Max(2, reader.NumDocs / 2),
            MaxQueryTerms = MaxWords,
            MinWordLen = 2,
            ApplyBoost = true,
        };

        int doc = top.ScoreDocs[0].Doc;
        var like = Method == RelatedMethod.MoreLikeThis ? mlt.Like(doc) : Words(mlt, doc);
        return new BooleanQuery
        {
            { like, Occur.MUST },
            { new TermQuery(idTerm), Occur.MUST_NOT },
        };
    }

    /// <summary>Each distinctive word searched in every field, as a typed word is, boosted by its share of the best word's score.</summary>
    private BooleanQuery Words(MoreLikeThis mlt, int doc)
    {
        var scored = new List<ScoreTerm>();
        var queue = mlt.RetrieveTerms(doc);
        while (queue.Count > 0)
        {
            scored.Add(queue.Pop());
        }

        var query = new BooleanQuery();
        if (scored.Count == 0)
        {
            return query;
        }

        float best = scored.Max(t => t.Score);
        foreach (var word in scored.GroupBy(t => t.Word, StringComparer.Ordinal).Take(MaxWords))
        {
            float boost = word.Max(t => t.Score) / best;
            Query perWord;
            if (ranking.FieldCombination == FieldCombination.BestField)
            {
                var dismax = new DisjunctionMaxQuery(ranking.TieBreaker);
                foreach (var field in Fields)
                {
                    dismax.Add(new TermQuery(new Term(field, word.Key)) { Boost = ArticleFields.Weight(ranking, field) });
                }

                perWord = dismax;
            }
            else
            {
                var sum = new BooleanQuery();
                foreach (var field in Fields)
                {
                    sum.Add(new TermQuery(new Term(field, word.Key)) { Boost = ArticleFields.Weight(ranking, field) }, Occur.SHOULD);
                }

                perWord = sum;
            }

            perWord.Boost = boost;
            query.Add(perWord, Occur.SHOULD);
        }

        return query;
    }
}
