using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace SearchKit.Searching;

/// <summary>
/// A fuzzy term that builds its Levenshtein automata once for all the fields it is searched in. Lucene builds them
/// per rewrite, so a word searched in title, lead, headings and body built them four times, and building them was
/// most of a fuzzy query's time (docs/benchmarks.md). The automata depend on the word, the edits and the kept
/// prefix only, never on the field.
/// </summary>
internal sealed class SharedAutomataFuzzyQuery : FuzzyQuery
{
    private readonly Dictionary<string, IList<CompiledAutomaton>> _built;

    /// <param name="term">The field and word.</param>
    /// <param name="maxEdits">Edits allowed, 0 to 2.</param>
    /// <param name="prefixLength">Leading characters that must match exactly.</param>
    /// <param name="built">Automata already built for this query's words, shared by the query's fuzzy terms; one per query.</param>
    /// <param name="budget">The query's time and cancellation, checked at every term the expansion visits.</param>
    public SharedAutomataFuzzyQuery(Term term, int maxEdits, int prefixLength, Dictionary<string, IList<CompiledAutomaton>> built, QueryBudget? budget = null)
        : base(term, maxEdits, prefixLength)
    {
        _built = built;
        _budget = budget;
    }

    private readonly QueryBudget? _budget;

    protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts)
    {
        // The enum reads its automata from this attribute and builds only the ones missing from it.
        var automata = atts.AddAttribute<FuzzyTermsEnum.ILevenshteinAutomataAttribute>().Automata;
        string key = $"{Term.Text}\u0000{MaxEdits}\u0000{PrefixLength}\u0000{Transpositions}";
        if (automata.Count == 0 && _built.TryGetValue(key, out var known))
        {
            foreach (var a in known)
            {
                automata.Add(a);
            }
        }

        var result = base.GetTermsEnum(terms, atts);
        if (automata.Count > 0)
        {
            _built.TryAdd(key, [.. automata]);
        }

        return BudgetTermsEnum.Wrap(result, _budget);
    }
}
