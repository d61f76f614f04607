using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// "Did you mean": corrects the words of a query that found little from the index's own term dictionary.
/// Each plain word (see <see cref="QueryWords"/>) is analysed as the index analyses it; a word the index lacks,
/// or has in only a few articles, gets candidates within one or two edits (Lucene's <see cref="FuzzyTermsEnum"/>
/// over the analysed terms of the fields it is searched in), the best three by how many articles have them and
/// their edit distance (one edit weighs as ten times the articles). Indexed terms are stems (<c>ferri</c>), so a candidate is turned back into a word by reading
/// it in the stored text of a few articles that have it and taking the spelling found there nearest to what was
/// typed (this keeps proper names capitalised); the spellings are then ranked by their edit distance to the typed
/// word. The corrected query must find more articles than the original.
/// </summary>
internal sealed class QuerySuggester(Analyzer analyzer)
{
    /// <summary>Candidate terms spelled per word.</summary>
    private const int CandidatesPerWord = 3;

    /// <summary>Spellings per word that corrected queries are built from.</summary>
    private const int SpellingsPerWord = 3;

    /// <summary>At most this many corrected queries are counted: the best one, then single-word alternatives.</summary>
    private const int MaxCounts = 3;

    /// <summary>A word the index has must be this many times rarer than a candidate to be taken for a typo.</summary>
    private const int RarerBy = 20;

    /// <summary>What one edit costs in a spelling's score, the natural log of its articles: ln 10.</summary>
    private const double EditWeight = 2.302585;

    /// <summary>Articles whose stored text is read to spell one candidate.</summary>
    private const int SpellingSamples = 1;

    /// <summary>The corrected query and its count, or null. <paramref name="count"/> counts a query's articles as the search would.</summary>
    public QuerySuggestion? Suggest(IndexSearcher searcher, string text, QuerySyntax syntax, long found, Func<string, long> count, QueryBudget budget)
    {
        var reader = searcher.IndexReader;
        var corrections = new List<(QueryWord Word, List<string> Spellings)>();
        foreach (var word in QueryWords.Find(text, syntax))
        {
            budget.Check(text);
            var typed = text.Substring(word.Start, word.Length);
            if (Analyse(word.Field ?? ArticleFields.Body, typed) is not { } stem)
            {
                continue;
            }

            string[] fields = word.Field is { } f ? [f] : [ArticleFields.Body, ArticleFields.Title];
            long known = fields.Max(f => (long)reader.DocFreq(new Term(f, stem)));
            // Candidates are near in stems; the spellings are ranked again by how near they are to what was typed
            // (goverment stems to gover, one edit from over as from govern; as written, government is the nearer),
            // an edit weighing as much as ten times the articles.
            var spelled = new List<(string Text, double Score)>();
            foreach (var (candidate, articles) in Candidates(reader, fields, stem, known, budget))
            {
                if (Spell(searcher, fields, candidate, typed, budget) is { } spelling && !spelling.Equals(typed, StringComparison.OrdinalIgnoreCase)
                    && !spelled.Any(s => s.Text.Equals(spelling, StringComparison.OrdinalIgnoreCase)))
                {
                    int edits = EditDistance(typed.ToLowerInvariant(), spelling.ToLowerInvariant());
                    spelled.Add((spelling, Math.Log(articles + 1) - (EditWeight * edits)));
                }
            }

            var spellings = spelled.OrderByDescending(s => s.Score).Take(SpellingsPerWord).Select(s => s.Text).ToList();
            if (spellings.Count > 0)
            {
                corrections.Add((word, spellings));
            }
        }

        if (corrections.Count == 0)
        {
            return null;
        }

        // The best spelling of every word first; then, while counts remain, one word at a time its next spelling.
        var tries = new List<int[]> { new int[corrections.Count] };
        for (int w = 0; w < corrections.Count && tries.Count < MaxCounts; w++)
        {
            for (int s = 1; s < corrections[w].Spellings.Count && tries.Count < MaxCounts; s++)
            {
                var pick = new int[corrections.Count];
                pick[w] = s;
                tries.Add(pick);
            }
        }

        QuerySuggestion? best = null;
        foreach (var pick in tries)
        {
            var corrected = Rewrite(text, corrections, pick);
            long total = count(corrected);
            if (total > found && total > (best?.Total ?? 0))
            {
                best = new QuerySuggestion(corrected, total);
                if (pick.All(p => p == 0))
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The text with each corrected word's span replaced, right to left so the earlier positions hold.</summary>
    private static string Rewrite(string text, List<(QueryWord Word, List<string> Spellings)> corrections, int[] pick)
    {
        var result = text;
        for (int i = corrections.Count - 1; i >= 0; i--)
        {
            var (word, spellings) = corrections[i];
            result = string.Concat(result.AsSpan(0, word.Start), spellings[pick[i]], result.AsSpan(word.Start + word.Length));
        }

        return result;
    }

    /// <summary>The one term the analyser makes of a word, or null (a stop word, or a word it splits).</summary>
    private string? Analyse(string field, string word)
    {
        using var stream = analyzer.GetTokenStream(field, word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        string? only = null;
        int tokens = 0;
        while (stream.IncrementToken())
        {
            only = term.ToString();
            tokens++;
        }

        stream.End();
        return tokens == 1 && only!.Length > 1 ? only : null;
    }

    /// <summary>Terms near <paramref name="stem"/> in the fields, best first: ln(articles) less <see cref="EditWeight"/> an edit.</summary>
    private static IEnumerable<(string Term, long Articles)> Candidates(IndexReader reader, string[] fields, string stem, long known, QueryBudget budget)
    {
        int maxEdits = stem.Length <= 4 ? 1 : LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE;
        long needed = known == 0 ? 1 : known * RarerBy;
        var found = new Dictionary<string, (int Edits, long Articles)>(StringComparer.Ordinal);

        // One attribute source for every field: the fuzzy enumerations then share their Levenshtein automata,
        // which cost more to build than a walk of the terms.
        var shared = new AttributeSource();
        foreach (var field in fields)
        {
            // The body has nearly every word a title has: the title is walked only for a word the body offers nothing for.
            var terms = found.Count > 0 ? null : MultiFields.GetTerms(reader, field);
            if (terms is null)
            {
                continue;
            }

            var fuzzy = BudgetTermsEnum.Wrap(new FuzzyTermsEnum(terms, shared, new Term(field, stem), maxEdits, 0, true), budget);
            while (fuzzy.MoveNext())
            {
                var candidate = fuzzy.Term.Utf8ToString();
                long articles = fuzzy.DocFreq;
                if (articles < needed || candidate == stem || candidate.Length < 2)
                {
                    continue;
                }

                int edits = EditDistance(stem, candidate);
                if (!found.TryGetValue(candidate, out var seen) || seen.Articles < articles)
                {
                    found[candidate] = (edits, articles);
                }
            }
        }

        return found
            .OrderByDescending(c => Math.Log(c.Value.Articles + 1) - (EditWeight * c.Value.Edits))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(CandidatesPerWord)
            .Select(c => (c.Key, c.Value.Articles));
    }

    /// <summary>
    /// How <paramref name="stem"/> is written in the stored text of a few articles that have it: the spelling nearest
    /// to <paramref name="typed"/>, in lower case when the text has it so, capitalised as typed. The body is read
    /// first: its sentences tell a common word from a name, which a title in title case does not.
    /// </summary>
    private string? Spell(IndexSearcher searcher, string[] fields, string stem, string typed, QueryBudget budget)
    {
        var forms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields.Prepend(ArticleFields.Body).Distinct())
        {
            var docs = MultiFields.GetTermDocsEnum(searcher.IndexReader, MultiFields.GetLiveDocs(searcher.IndexReader), field, new BytesRef(stem));
            var only = new HashSet<string> { field };
            for (int n = 0; docs is not null && n < SpellingSamples && docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS; n++)
            {
                budget.Check(typed);
                foreach (var value in searcher.Doc(docs.DocID, only).GetValues(field))
                {
                    Forms(field, value, stem, forms);
                }
            }

            if (forms.Count > 0)
            {
                break;
            }
        }

        string lower = typed.ToLowerInvariant();
        var group = forms
            .Where(f => f.Key.All(c => char.IsLetterOrDigit(c) || c is '\'' or '’' or '.'))
            .GroupBy(f => f.Key.ToLowerInvariant())
            .OrderBy(g => EditDistance(lower, g.Key))
            .ThenByDescending(g => g.Sum(f => f.Value))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (group is null)
        {
            return null;
        }

        // A word also written in lower case is a common word (capitals at a sentence start); one never is, a name.
        string spelled = group.Any(f => f.Key == group.Key) ? group.Key : group.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
        return char.IsUpper(typed[0]) && char.IsLower(spelled[0]) ? char.ToUpperInvariant(spelled[0]) + spelled[1..] : spelled;
    }

    /// <summary>Counts the surface forms in <paramref name="text"/> that the analyser turns into <paramref name="stem"/>.</summary>
    private void Forms(string field, string text, string stem, Dictionary<string, int> forms)
    {
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (term.Length == stem.Length && term.ToString() == stem && offsets.EndOffset <= text.Length)
            {
                var form = WithoutPossessive(text[offsets.StartOffset..offsets.EndOffset]);
                forms[form] = forms.GetValueOrDefault(form) + 1;
            }
        }

        stream.End();
    }

    private static string WithoutPossessive(string form) =>
        form.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || form.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? form[..^2]
        : form.EndsWith('\'') || form.EndsWith('’') ? form[..^1] : form;

    /// <summary>Edit distance with adjacent transpositions counted as one edit, as the fuzzy enumeration counts them.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
