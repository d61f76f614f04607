using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// Turns a parsed query into the query that ranks, following <see cref="RankingOptions"/>: how fields combine,
/// and for plain-word queries RM3 feedback. Which paragraphs match and what is
/// highlighted is still decided by the parsed query alone, so expansion words never show up as matches.
/// </summary>
internal sealed class RankingQueryBuilder(Analyzer analyzer, RankingOptions ranking)
{
    public Query Build(IndexSearcher searcher, Query query, SearchOptions options)
    {
        if (query is BooleanQuery { Clauses.Count: 0 })
        {
            return query;
        }

        var ranked = ranking.FieldCombination == FieldCombination.BestField ? ToBestField(query) : query;
        if (options.Syntax != QuerySyntax.Natural)
        {
            return ranked;
        }

        var words = QueryWords(query);
        if (ranking.Feedback is { } feedback && !options.DefaultAnd && words.Count > 0)
        {
            ranked = Expand(searcher, ranked, words, feedback);
        }

        return ranked;
    }

    private float Weight(string field) => ArticleFields.Weight(ranking, field);

    /// <summary>The analysed query words in query order (repeats kept): the body terms, since every plain word is searched in the body.</summary>
    private static List<string> QueryWords(Query query)
    {
        var words = new List<string>();
        void Walk(Query q)
        {
            switch (q)
            {
                case TermQuery t when t.Term.Field == ArticleFields.Body:
                    words.Add(t.Term.Text);
                    break;
                case BooleanQuery b:
                    foreach (var c in b.Clauses.Where(c => c.Occur != Occur.MUST_NOT))
                    {
                        Walk(c.Query);
                    }

                    break;
                case DisjunctionMaxQuery d:
                    foreach (var x in d.Disjuncts)
                    {
                        Walk(x);
                    }

                    break;
            }
        }

        Walk(query);
        return words;
    }

    /// <summary>Replaces each group "one word in every field" (SHOULD term queries, same text) by a DisjunctionMaxQuery.</summary>
    private Query ToBestField(Query query)
    {
        if (query is not BooleanQuery b)
        {
            return query;
        }

        if (b.Clauses.Count > 1
            && b.Clauses.All(c => c.Occur == Occur.SHOULD && c.Query is TermQuery)
            && b.Clauses.Select(c => ((TermQuery)c.Query).Term.Text).Distinct(StringComparer.Ordinal).Count() == 1
            && b.Clauses.Select(c => ((TermQuery)c.Query).Term.Field).Distinct(StringComparer.Ordinal).Count() == b.Clauses.Count)
        {
            var dismax = new DisjunctionMaxQuery(ranking.TieBreaker) { Boost = b.Boost };
            foreach (var c in b.Clauses)
            {
                dismax.Add(c.Query);
            }

            return dismax;
        }

        var copy = new BooleanQuery(b.CoordDisabled) { Boost = b.Boost, MinimumNumberShouldMatch = b.MinimumNumberShouldMatch };
        foreach (var c in b.Clauses)
        {
            copy.Add(ToBestField(c.Query), c.Occur);
        }

        return copy;
    }

    /// <summary>One word searched in every field, combined as the options say.</summary>
    private Query WordQuery(string word, float boost)
    {
        if (ranking.FieldCombination == FieldCombination.BestField)
        {
            var dismax = new DisjunctionMaxQuery(ranking.TieBreaker) { Boost = boost };
            foreach (var f in ArticleFields.Searched)
            {
                dismax.Add(new TermQuery(new Term(f, word)) { Boost = Weight(f) });
            }

            return dismax;
        }

        var sum = new BooleanQuery(disableCoord: true) { Boost = boost };
        foreach (var f in ArticleFields.Searched)
        {
            sum.Add(new TermQuery(new Term(f, word)) { Boost = Weight(f) }, Occur.SHOULD);
        }

        return sum;
    }

    /// <summary>
    /// RM3: a relevance model from the top articles (each word's share of an article's words, weighted by the
    /// article's share of the top scores), its best words mixed with the query's own word frequencies.
    /// </summary>
    private Query Expand(IndexSearcher searcher, Query query, List<string> words, FeedbackOptions feedback)
    {
        var top = searcher.Search(query, feedback.Documents).ScoreDocs;
        double total = top.Sum(d => (double)d.Score);
        if (top.Length == 0 || total <= 0)
        {
            return query;
        }

        var model = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sd in top)
        {
            var doc = searcher.Doc(sd.Doc);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in ArticleFields.Searched)
            {
                foreach (var text in doc.GetValues(f))
                {
                    CountWords(text, counts);
                }
            }

            double length = counts.Values.Sum();
            if (length == 0)
            {
                continue;
            }

            double weight = sd.Score / total;
            foreach (var (word, count) in counts)
            {
                model[word] = model.GetValueOrDefault(word) + (weight * count / length);
            }
        }

        var best = model.Where(p => IsUsefulWord(p.Key)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(feedback.Terms).ToList();
        double bestTotal = best.Sum(p => p.Value);
        var mixed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            mixed[w] = mixed.GetValueOrDefault(w) + (feedback.OriginalQueryWeight / words.Count);
        }

        foreach (var (w, p) in best)
        {
            mixed[w] = mixed.GetValueOrDefault(w) + ((1 - feedback.OriginalQueryWeight) * p / bestTotal);
        }

        var expanded = new BooleanQuery(disableCoord: true);
        foreach (var (w, weight) in mixed.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(BooleanQuery.MaxClauseCount))
        {
            expanded.Add(WordQuery(w, (float)weight), Occur.SHOULD);
        }

        return expanded;
    }

    private void CountWords(string text, Dictionary<string, int> counts)
    {
        using var stream = analyzer.GetTokenStream(ArticleFields.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        stream.End();
    }

    /// <summary>Numbers and one-letter tokens make poor expansion words.</summary>
    private static bool IsUsefulWord(string word) => word.Length > 1 && !word.All(char.IsDigit);
}
