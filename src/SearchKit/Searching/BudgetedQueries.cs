using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchKit.Searching;

/// <summary>
/// A terms enumeration that checks a <see cref="QueryBudget"/> at every term. Expanding a wildcard, regular
/// expression, fuzzy or range term walks the terms dictionary before a single document is collected, so a
/// collector's time limit alone never stopped it (250 regular expressions over 3,000 articles ran 16 s). The
/// query's own multi-term queries (see <see cref="BudgetedQueries"/>) hand out their enumerations through this.
/// </summary>
internal sealed class BudgetTermsEnum : FilterAtomicReader.FilterTermsEnum
{
    private readonly QueryBudget _budget;

    private BudgetTermsEnum(TermsEnum input, QueryBudget budget)
        : base(input)
    {
        _budget = budget;
    }

    /// <summary>The enumeration, checking <paramref name="budget"/> at each term; unchanged without a budget.</summary>
    public static TermsEnum Wrap(TermsEnum input, QueryBudget? budget) =>
        budget is null || input == TermsEnum.EMPTY ? input : new BudgetTermsEnum(input, budget);

    public override bool MoveNext()
    {
        if (_budget.Expired())
        {
            throw new QueryBudgetExceededException();
        }

        return base.MoveNext();
    }

#pragma warning disable CS0618, CS0672 // Next is obsolete in Lucene.Net but still called by some enumerations.
    public override BytesRef Next()
    {
        if (_budget.Expired())
        {
            throw new QueryBudgetExceededException();
        }

        return base.Next();
    }
#pragma warning restore CS0618, CS0672

    // A fuzzy expansion reads each term's boost from the enumeration's attributes: they must be the wrapped one's.
    public override AttributeSource Attributes => m_input.Attributes;

    // The term states go to term queries that seek the real terms dictionary with them: they must be its own.
    public override TermState GetTermState() => m_input.GetTermState();

    public override void SeekExact(BytesRef term, TermState state) => m_input.SeekExact(term, state);
}

/// <summary>Lucene's multi-term queries with their term enumerations under a <see cref="QueryBudget"/>.</summary>
internal static class BudgetedQueries
{
    public sealed class Prefix(Term prefix, QueryBudget? budget) : PrefixQuery(prefix)
    {
        protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts) => BudgetTermsEnum.Wrap(base.GetTermsEnum(terms, atts), budget);
    }

    public sealed class Wildcard(Term term, QueryBudget? budget) : WildcardQuery(term)
    {
        protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts) => BudgetTermsEnum.Wrap(base.GetTermsEnum(terms, atts), budget);
    }

    public sealed class Range(string field, BytesRef lower, BytesRef upper, bool includeLower, bool includeUpper, QueryBudget? budget)
        : TermRangeQuery(field, lower, upper, includeLower, includeUpper)
    {
        protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts) => BudgetTermsEnum.Wrap(base.GetTermsEnum(terms, atts), budget);
    }
}

/// <summary>Collects through another collector, checking the budget every few hundred documents.</summary>
internal sealed class BudgetedCollector(ICollector inner, QueryBudget budget) : ICollector
{
    private int _count;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void Collect(int doc)
    {
        if ((++_count & 255) == 0 && budget.Expired())
        {
            throw new QueryBudgetExceededException();
        }

        inner.Collect(doc);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        if (budget.Expired())
        {
            throw new QueryBudgetExceededException();
        }

        inner.SetNextReader(context);
    }

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);
}
