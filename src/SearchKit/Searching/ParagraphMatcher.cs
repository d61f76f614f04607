using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchKit.Analysis;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// Finds which body paragraphs of a hit match the query, without re-analysing any text: the body field is
/// indexed with offsets, so each query term's occurrences in the hit map straight to paragraphs.
/// </summary>
internal sealed class ParagraphMatcher
{
    private readonly List<Term> _terms = [];
    private readonly Dictionary<Term, int> _termIndexes = [];
    private readonly List<(int[] TermIndexes, int[] Offsets, int Slop)> _phrases = [];
    private readonly HashSet<int> _looseTerms = [];

    private readonly IndexSearcher _searcher;
    private readonly ConstantScoreExpansions _expansions;
    private readonly int _maxExpansions;

    /// <summary>Collects the body terms and phrases of a rewritten query (prohibited clauses excluded).</summary>
    /// <param name="searcher">Expands the query's constant-score terms (prefix, wildcard, range) into the words they match.</param>
    /// <param name="rewritten">The query as rewritten for searching: fuzzy terms are already lists of words.</param>
    /// <param name="expansions">Which term each constant-score part of <paramref name="rewritten"/> came from.</param>
    /// <param name="maxExpansions">At most this many words of each prefix, wildcard or range term are highlighted.</param>
    public ParagraphMatcher(IndexSearcher searcher, Query rewritten, ConstantScoreExpansions expansions, int maxExpansions)
    {
        _searcher = searcher;
        _expansions = expansions;
        _maxExpansions = Math.Min(maxExpansions, BooleanQuery.MaxClauseCount);
        Collect(rewritten);
    }

    public IReadOnlyList<Term> Terms => _terms;

    /// <summary>
    /// For each hit, per paragraph that matches: its index, the character spans of matched terms (relative to the
    /// paragraph), and per term how often it occurs there.
    /// </summary>
    /// <param name="reader">The reader the hits come from.</param>
    /// <param name="docIds">The hits (distinct documents).</param>
    /// <param name="paragraphs">Each hit's stored paragraph texts, in the order of <paramref name="docIds"/>.</param>
    /// <param name="budget">Checked per term and segment, so a page of long articles cannot outrun the query's time.</param>
    public IReadOnlyList<ParagraphHits>[] Match(IndexReader reader, IReadOnlyList<int> docIds, IReadOnlyList<string[]> paragraphs, QueryBudget? budget = null)
    {
        var occurrences = new List<Occurrence>[docIds.Count];
        var starts = new int[docIds.Count][];
        for (int i = 0; i < docIds.Count; i++)
        {
            occurrences[i] = [];

            // Paragraph k starts at the sum of the earlier paragraphs' lengths plus one offset gap each.
            starts[i] = new int[paragraphs[i].Length + 1];
            for (int k = 0; k < paragraphs[i].Length; k++)
            {
                starts[i][k + 1] = starts[i][k] + paragraphs[i][k].Length + ParagraphGapAnalyzer.OffsetGap;
            }
        }

        // Term by term, all hits of a segment in doc-id order: one seek per term and segment, and one postings
        // enum walked forward through the page, instead of a seek and a new enum per term and hit. A prefix or
        // fuzzy term expands to hundreds of words, and per-hit seeks dominated attribution (docs/benchmarks.md).
        var leaves = reader.Leaves;
        foreach (var segment in Enumerable.Range(0, docIds.Count).GroupBy(i => ReaderUtil.SubIndex(docIds[i], leaves)))
        {
            var leaf = leaves[segment.Key];
            var hits = segment.Where(i => paragraphs[i].Length > 0).OrderBy(i => docIds[i]).ToArray();
            var bodyTerms = hits.Length == 0 ? null : leaf.AtomicReader.GetTerms(ArticleFields.Body)?.GetEnumerator();
            if (bodyTerms is null)
            {
                continue;
            }

            DocsAndPositionsEnum? postings = null;
            for (int t = 0; t < _terms.Count; t++)
            {
                if (budget?.Expired() == true)
                {
                    throw new QueryBudgetExceededException();
                }

                if (!bodyTerms.SeekExact(_terms[t].Bytes))
                {
                    continue;
                }

                postings = bodyTerms.DocsAndPositions(leaf.AtomicReader.LiveDocs, postings);
                if (postings is null)
                {
                    break; // indexed without positions: nothing to attribute
                }

                int current = -1;
                foreach (int i in hits)
                {
                    int local = docIds[i] - leaf.DocBase;
                    if (current < local)
                    {
                        current = postings.Advance(local);
                    }

                    if (current == DocIdSetIterator.NO_MORE_DOCS)
                    {
                        break;
                    }

                    if (current == local)
                    {
                        ReadOccurrences(postings, t, paragraphs[i], starts[i], occurrences[i]);
                    }
                }
            }
        }

        var result = new IReadOnlyList<ParagraphHits>[docIds.Count];
        for (int i = 0; i < docIds.Count; i++)
        {
            if (budget?.Expired() == true)
            {
                throw new QueryBudgetExceededException();
            }

            result[i] = ByParagraph(occurrences[i]);
        }

        return result;
    }

    private static void ReadOccurrences(DocsAndPositionsEnum postings, int term, string[] paragraphs, int[] starts, List<Occurrence> into)
    {
        for (int n = postings.Freq; n > 0; n--)
        {
            int position = postings.NextPosition();
            int start = postings.StartOffset;
            int end = postings.EndOffset;
            if (start < 0)
            {
                return; // indexed without offsets: nothing to attribute
            }

            int p = Array.BinarySearch(starts, start);
            p = p >= 0 ? p : ~p - 1;
            if (p >= 0 && p < paragraphs.Length)
            {
                into.Add(new Occurrence(term, p, position, start - starts[p], Math.Min(end, starts[p] + paragraphs[p].Length) - start));
            }
        }
    }

    private List<ParagraphHits> ByParagraph(List<Occurrence> occurrences)
    {
        var result = new List<ParagraphHits>();
        foreach (var group in occurrences.GroupBy(o => o.Paragraph).OrderBy(g => g.Key))
        {
            var inParagraph = group.ToList();
            var matched = inParagraph.Where(o => _looseTerms.Contains(o.Term)).ToList();
            foreach (var phrase in _phrases)
            {
                matched.AddRange(PhraseOccurrences(phrase, inParagraph));
            }

            if (matched.Count == 0)
            {
                continue;
            }

            var spans = matched.Select(o => new TextSpan(o.Start, o.Length)).Distinct().OrderBy(s => s.Start).ToList();
            var frequencies = matched.GroupBy(o => o.Term).ToDictionary(g => _terms[g.Key], g => g.Select(o => o.Position).Distinct().Count());
            result.Add(new ParagraphHits(group.Key, spans, frequencies));
        }

        return result;
    }

    /// <summary>The occurrences that form the phrase within its slop, anchored on each occurrence of its first term.</summary>
    private static IEnumerable<Occurrence> PhraseOccurrences((int[] TermIndexes, int[] Offsets, int Slop) phrase, List<Occurrence> inParagraph)
    {
        var byTerm = phrase.TermIndexes.Select(t => inParagraph.Where(o => o.Term == t).ToList()).ToArray();
        if (byTerm.Any(l => l.Count == 0))
        {
            yield break;
        }

        foreach (var anchor in byTerm[0])
        {
            int origin = anchor.Position - phrase.Offsets[0];
            var chosen = new List<Occurrence> { anchor };
            int min = origin;
            int max = origin;
            for (int k = 1; k < byTerm.Length; k++)
            {
                var best = byTerm[k].MinBy(o => Math.Abs(o.Position - phrase.Offsets[k] - origin))!;
                int shifted = best.Position - phrase.Offsets[k];
                min = Math.Min(min, shifted);
                max = Math.Max(max, shifted);
                chosen.Add(best);
            }

            if (max - min <= phrase.Slop)
            {
                foreach (var o in chosen)
                {
                    yield return o;
                }
            }
        }
    }

    private int TermIndex(Term term)
    {
        // A dictionary, not List.IndexOf: an expanded prefix can bring up to 1,024 terms, which made this quadratic.
        if (!_termIndexes.TryGetValue(term, out int i))
        {
            i = _terms.Count;
            _terms.Add(term);
            _termIndexes.Add(term, i);
        }

        return i;
    }

    private void Collect(Query query)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                {
                    if (clause.Occur != Occur.MUST_NOT)
                    {
                        Collect(clause.Query);
                    }
                }

                break;
            case DisjunctionMaxQuery dismax:
                foreach (var q in dismax.Disjuncts)
                {
                    Collect(q);
                }

                break;
            case TermQuery term when term.Term.Field == ArticleFields.Body:
                _looseTerms.Add(TermIndex(term.Term));
                break;
            case PhraseQuery phrase:
                var terms = phrase.GetTerms();
                if (terms.Length > 0 && terms[0].Field == ArticleFields.Body)
                {
                    _phrases.Add((terms.Select(TermIndex).ToArray(), phrase.GetPositions(), phrase.Slop));
                }

                break;
            case ConstantScoreQuery when _expansions.SourceOf(query) is { } source:
                // A constant-score filter lists no words: expand the term it came from, for the body only, into at
                // most as many words as a query may have clauses.
                if (source.Field == ArticleFields.Body)
                {
                    var listed = (MultiTermQuery)source.Clone();
                    listed.MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(_maxExpansions);
                    Collect(_searcher.Rewrite(listed));
                }

                break;
            case MultiPhraseQuery multi:
                foreach (var t in multi.GetTermArrays().SelectMany(a => a).Where(t => t.Field == ArticleFields.Body))
                {
                    _looseTerms.Add(TermIndex(t));
                }

                break;
            default:
                var extracted = new HashSet<Term>();
                try
                {
                    query.ExtractTerms(extracted);
                }
                catch (NotSupportedException)
                {
                    // Queries that cannot list their terms (filters) attribute no paragraphs.
                }

                foreach (var t in extracted.Where(t => t.Field == ArticleFields.Body))
                {
                    _looseTerms.Add(TermIndex(t));
                }

                break;
        }
    }

    private readonly record struct Occurrence(int Term, int Paragraph, int Position, int Start, int Length);
}

/// <summary>A paragraph's matches: the matched spans in its text and each term's frequency there.</summary>
internal sealed record ParagraphHits(int Index, IReadOnlyList<TextSpan> Spans, IReadOnlyDictionary<Term, int> Frequencies);
