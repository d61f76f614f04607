using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>Turns query text into a Lucene query over the article fields, or a <see cref="SearchKitQueryException"/>.</summary>
internal sealed partial class QueryFactory(Analyzer analyzer, RankingOptions ranking, QueryLimits limits)
{
    private readonly Dictionary<string, float> _boosts = ArticleFields.Searched.ToDictionary(f => f, f => ArticleFields.Weight(ranking, f));

    /// <summary>Leading characters a fuzzy term (<c>word~</c>) must share exactly with the words it matches.</summary>
    internal const int FuzzyPrefixLength = 1;

    /// <summary>The analyzer query text is analysed with.</summary>
    public Analyzer Analyzer => analyzer;

    /// <summary>Parses query text; <paramref name="schema"/> (when given) makes the metadata fields queryable by their kinds.</summary>
    public Query Parse(string text, QuerySyntax syntax, bool defaultAnd, ConstantScoreExpansions expansions, QueryBudget? budget = null, FieldSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > limits.MaxQueryLength)
        {
            throw new SearchKitQueryException($"the query is {text.Length} characters long, over the limit of {limits.MaxQueryLength}", text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SearchKitQueryException("the query is empty", text);
        }

        string parsed = syntax == QuerySyntax.Natural ? ToLiteral(text) : text;
        if (syntax == QuerySyntax.Lucene)
        {
            CheckStructure(text, schema);
        }

        // QueryParser is not thread-safe; a new one per query is cheap.
        var parser = new ArticleQueryParser(ArticleFields.Searched, analyzer, _boosts, text, limits, budget, schema)
        {
            DefaultOperator = defaultAnd ? Operator.AND : Operator.OR,
            MultiTermRewriteMethod = expansions,
            AllowLeadingWildcard = false,
            AutoGeneratePhraseQueries = false,
            // A fuzzy term keeps its first letter: the automaton then walks one branch of the terms dictionary
            // instead of all of it, per segment and field. Fuzzy queries were the p99 tail on 100k articles
            // (docs/benchmarks.md, "After tuning"); a typo in the first letter is the rare case.
            FuzzyPrefixLength = FuzzyPrefixLength,
        };

        Query query;
        try
        {
            query = parser.Parse(parsed);
        }
        catch (ParseException e) when (Ours(e) is { } q)
        {
            throw q;
        }
        catch (ParseException e) when (syntax == QuerySyntax.Lucene)
        {
            throw Describe(text, e);
        }
        catch (OverflowException e)
        {
            // Lucene reads some numbers of a regular expression as 32-bit integers; the guard should stop these first.
            throw new SearchKitQueryException($"the query could not be read (a number is too large: {FirstSentence(e.Message)})", text, inner: e);
        }
        catch (ArgumentException e)
        {
            // Lucene rejects some terms only while building them: a malformed /regular expression/, for one.
            throw new SearchKitQueryException($"the query could not be read ({FirstSentence(e.Message)})", text, inner: e);
        }
        catch (ParseException e) when (IsTooManyClauses(e))
        {
            throw new SearchKitQueryException($"the query has more than {BooleanQuery.MaxClauseCount} clauses", text, inner: e);
        }
        catch (ParseException e)
        {
            // A literal query that still fails to parse is a bug of ToLiteral; report it like any bad query,
            // without Lucene's message, which repeats the whole query.
            throw new SearchKitQueryException($"the query could not be read ({FirstSentence(StripPrefix(e.Message))})", text, inner: e);
        }

        if (query is BooleanQuery { Clauses.Count: 0 })
        {
            // Every word was a stop word: nothing to search for, which finds nothing rather than failing.
            return query;
        }

        CheckClauses(query, text);
        return EverythingExcept(query);
    }

    /// <summary>
    /// Gives purely negative queries and groups a meaning: <c>NOT ferry</c> is every article except those with
    /// ferry (as in Elasticsearch), where Lucene would match nothing at all.
    /// </summary>
    internal static Query EverythingExcept(Query query)
    {
        if (query is not BooleanQuery b)
        {
            return query;
        }

        foreach (var clause in b.Clauses)
        {
            clause.Query = EverythingExcept(clause.Query);
        }

        if (b.Clauses.Count > 0 && b.Clauses.All(c => c.Occur == Occur.MUST_NOT))
        {
            b.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return b;
    }

    /// <summary>Counts clauses and throws when there are more than the limit allows.</summary>
    public void CheckClauses(Query query, string text)
    {
        int clauses = CountClauses(query);
        if (clauses > limits.MaxClauses)
        {
            throw new SearchKitQueryException($"the query has {clauses} clauses (after expanding wildcards and fuzzy terms), over the limit of {limits.MaxClauses}", text);
        }
    }

    private static int CountClauses(Query query) => query switch
    {
        BooleanQuery b => b.Clauses.Sum(c => CountClauses(c.Query)),
        DisjunctionMaxQuery d => d.Disjuncts.Sum(CountClauses),
        _ => 1,
    };

    /// <summary>Checks quotes, parentheses and nesting before Lucene's parser sees them, for precise positions.</summary>
    private void CheckStructure(string text, FieldSchema? schema)
    {
        var open = new Stack<int>();
        int quoteAt = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (c == '"')
            {
                quoteAt = quoteAt < 0 ? i : -1;
            }
            else if (quoteAt < 0 && c == '(')
            {
                open.Push(i);
                if (open.Count > limits.MaxNesting)
                {
                    throw new SearchKitQueryException($"parentheses nested more than {limits.MaxNesting} deep at position {i + 1}", text, i + 1);
                }
            }
            else if (quoteAt < 0 && c == ')')
            {
                if (open.Count == 0)
                {
                    throw new SearchKitQueryException($"unbalanced parenthesis: ')' at position {i + 1} closes nothing", text, i + 1);
                }

                open.Pop();
            }
        }

        if (quoteAt >= 0)
        {
            throw new SearchKitQueryException($"unbalanced quote: the '\"' at position {quoteAt + 1} is never closed", text, quoteAt + 1);
        }

        if (open.Count > 0)
        {
            int at = open.Peek() + 1;
            throw new SearchKitQueryException($"unbalanced parenthesis: the '(' at position {at} is never closed", text, at);
        }

        foreach (Match m in FieldPrefix().Matches(text))
        {
            var field = m.Groups["field"].Value;
            if (field != "*" && !ArticleFields.Queryable.ContainsKey(field) && schema?.KindOf(field) is null)
            {
                int at = m.Groups["field"].Index + 1;
                var names = ArticleFields.Queryable.Keys.Concat(schema?.Fields.Select(f => f.Name) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
                throw new SearchKitQueryException(
                    $"unknown field '{field}' at position {at}; fields: {string.Join(", ", names)}", text, at);
            }
        }
    }

    private static SearchKitQueryException Describe(string text, ParseException e)
    {
        var column = Column().Match(e.Message);
        int? position = column.Success ? int.Parse(column.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        string reason = e.Message;
        if (IsTooManyClauses(e))
        {
            return new SearchKitQueryException($"the query has more than {BooleanQuery.MaxClauseCount} clauses", text, inner: e);
        }

        if (reason.Contains("not allowed as first character", StringComparison.Ordinal))
        {
            return new SearchKitQueryException("a wildcard cannot start a term (a bare '*' or '?' matches everything and is not allowed)", text, position, e);
        }

        if (e.CurrentToken?.Next is { } next)
        {
            position = next.BeginColumn + 1;
            var what = next.Kind == 0 ? "end of query" : $"'{next.Image}'";
            return new SearchKitQueryException($"syntax error at position {position}: unexpected {what}", text, position, e);
        }

        return new SearchKitQueryException($"syntax error{(position is null ? string.Empty : $" at position {position}")}: {FirstSentence(StripPrefix(reason))}", text, position, e);
    }

    /// <summary>Our own error, raised inside Lucene's parser and wrapped by it.</summary>
    private static SearchKitQueryException? Ours(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is SearchKitQueryException q)
            {
                return q;
            }
        }

        return null;
    }

    private static bool IsTooManyClauses(ParseException e) =>
        e.InnerException is BooleanQuery.TooManyClausesException || e.Message.Contains("too many boolean clauses", StringComparison.OrdinalIgnoreCase);

    private static string StripPrefix(string message)
    {
        int i = message.IndexOf("': ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }

    private static string FirstSentence(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return (nl < 0 ? message : message[..nl]).Trim();
    }

    /// <summary>Escapes every syntax character, and lower-cases operator words, so that any text is a plain bag of words.</summary>
    private static string ToLiteral(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word is "AND" or "OR" or "NOT" or "&&" or "||" ? word.ToLowerInvariant() : word;
            if (w is "&&" or "||")
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(QueryParserBase.Escape(w));
        }

        return sb.Length == 0 ? "\"\"" : sb.ToString();
    }

    [GeneratedRegex(@"column (\d+)")]
    private static partial Regex Column();

    // A field prefix is a name followed by ':' outside quotes, at the start or after space, '(', '+', '-' or '!'.
    [GeneratedRegex(@"(?:^|[\s(+\-!])(?<field>[A-Za-z_*][\w.\-]*)(?<!\\):(?!\\)", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPrefix();

    /// <summary>Clamps proximity so no phrase can reach across the gap between two paragraphs.</summary>
    /// <summary>
    /// A regular expression term whose compiled automaton is shared by the fields it is searched in and by its
    /// repeats in the query: Lucene's RegexpQuery builds and compiles it again for each, and compiling was most of a
    /// query's time (250 regular expressions took seconds on a two-article index).
    /// </summary>
    private sealed class SharedRegexpQuery(string field, string regex, CompiledAutomaton compiled, QueryBudget? budget) : MultiTermQuery(field)
    {
        protected override Lucene.Net.Index.TermsEnum GetTermsEnum(Lucene.Net.Index.Terms terms, Lucene.Net.Util.AttributeSource atts) =>
            BudgetTermsEnum.Wrap(compiled.GetTermsEnum(terms), budget);

        public override string ToString(string field) =>
            (Field == field ? string.Empty : Field + ":") + "/" + regex + "/" + Lucene.Net.Util.ToStringUtils.Boost(Boost);

        public override bool Equals(object? obj) =>
            obj is SharedRegexpQuery other && base.Equals(obj) && other.Field == Field && other.Regex == Regex;

        public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Field, regex);

        private string Regex => regex;
    }
}
