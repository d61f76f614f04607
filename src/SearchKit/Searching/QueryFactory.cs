using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;
using SearchKit.Analysis;
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

    public Query Parse(string text, QuerySyntax syntax, bool defaultAnd, ConstantScoreExpansions expansions, QueryBudget? budget = null)
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
            CheckStructure(text);
        }

        // QueryParser is not thread-safe; a new one per query is cheap.
        var parser = new ArticleQueryParser(ArticleFields.Searched, analyzer, _boosts, text, limits, budget)
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
    private void CheckStructure(string text)
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
            if (field != "*" && !ArticleFields.Queryable.ContainsKey(field))
            {
                int at = m.Groups["field"].Index + 1;
                throw new SearchKitQueryException(
                    $"unknown field '{field}' at position {at}; fields: {string.Join(", ", ArticleFields.Queryable.Keys.Order(StringComparer.Ordinal))}", text, at);
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
    [GeneratedRegex(@"(?:^|[\s(+\-!])(?<field>[A-Za-z_*][\w.]*)(?<!\\):(?!\\)", RegexOptions.CultureInvariant)]
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

    private sealed class ArticleQueryParser(string[] fields, Analyzer analyzer, IDictionary<string, float> boosts, string text, QueryLimits limits, QueryBudget? budget)
        : MultiFieldQueryParser(LuceneInfo.Version, fields, analyzer, boosts)
    {
        private static readonly HashSet<string> ExactFields = [ArticleFields.Id, ArticleFields.Path, ArticleFields.Category, ArticleFields.Tags];

        /// <summary>Patterns already checked (each is parsed once per field), and where the next one is looked for in the query.</summary>
        private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
        private int _cursor;

        // Regular expressions without complement (~) and intersection (&): both determinize inside Lucene with no
        // limit, which RegexGuard cannot bound. The characters are then literal, as in most regex dialects.
        private const RegExpSyntax RegexFlags = RegExpSyntax.INTERVAL | RegExpSyntax.EMPTY | RegExpSyntax.ANYSTRING;

        /// <summary>
        /// A <c>x OR NOT y</c> reads as "x, or anything without y" (the classic parser made it "x and not y");
        /// without an explicit OR, <c>x NOT y</c> and <c>x -y</c> still mean "x without y".
        /// </summary>
        protected override void AddClause(IList<BooleanClause> clauses, int conj, int mods, Query q)
        {
            if (conj == CONJ_OR && mods == MOD_NOT && q is not null)
            {
                base.AddClause(clauses, conj, MOD_NONE, EverythingExcept(new BooleanQuery { { q, Occur.MUST_NOT } }));
                return;
            }

            base.AddClause(clauses, conj, mods, q!);
        }

        /// <summary>Where a pattern is in the query, from 1, for messages; its first occurrence from the last one found.</summary>
        private int Locate(string image)
        {
            int at = text.IndexOf(image, _cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                at = text.IndexOf(image, StringComparison.Ordinal);
            }

            if (at >= 0)
            {
                _cursor = at + 1;
            }

            return Math.Max(0, at) + 1;
        }

        private int _lastAt;

        /// <summary>Where the pattern being built is, found once per pattern (not again per field).</summary>
        private int At(string image) => _inPattern == 0 ? (_lastAt = Locate(image)) : _lastAt;

        private void CheckPattern(string kind, string termStr, int at)
        {
            if (budget?.Expired() == true)
            {
                throw new QueryBudgetExceededException();
            }

            if (!_checked.Add(kind + "\u0000" + termStr))
            {
                return;
            }

            if (termStr.Length > limits.MaxPatternLength)
            {
                throw Wrap(new SearchKitQueryException($"the {kind} at position {at} is {termStr.Length} characters long, over the limit of {limits.MaxPatternLength}", text, at));
            }

            // Each '*' multiplies the work of making the wildcard's automaton deterministic, a step that cannot be
            // interrupted: 'a*a*a*…' with a hundred stars ran past the time limit on a two-article index (found by fuzzing).
            if (kind == WildcardKind && termStr.Count(c => c == '*') is var stars && stars > limits.MaxWildcardStars)
            {
                throw Wrap(new SearchKitQueryException($"the {kind} at position {at} has {stars} '*', over the limit of {limits.MaxWildcardStars}", text, at));
            }
        }

        private const string WildcardKind = "wildcard term";

        private static ParseException Wrap(SearchKitQueryException e) => new(e.Message, e);

        private int _patterns;
        private int _inPattern;

        /// <summary>
        /// Builds one wildcard, prefix, regular-expression or fuzzy term, counting it once however many fields it is
        /// searched in (the multi-field parser calls back into the same method per field).
        /// </summary>
        private Query Pattern(string kind, int at, Func<Query> build)
        {
            if (_inPattern == 0 && ++_patterns > limits.MaxPatterns)
            {
                throw Wrap(new SearchKitQueryException($"the query has more than {limits.MaxPatterns} wildcard, prefix, regular-expression and fuzzy terms (the {kind} at position {at} is one too many)", text, at));
            }

            _inPattern++;
            try
            {
                return build();
            }
            finally
            {
                _inPattern--;
            }
        }

        protected override Query GetFieldQuery(string field, string queryText, bool quoted)
        {
            var name = Resolve(field);

            // Ids, paths, categories and tags are indexed whole, not analysed: match them exactly.
            return name is not null && ExactFields.Contains(name)
                ? new TermQuery(new Lucene.Net.Index.Term(name, queryText))
                : base.GetFieldQuery(name, queryText, quoted);
        }

        protected override Query GetFieldQuery(string field, string queryText, int slop)
        {
            var name = Resolve(field);

            // A quoted id or path ("a/001") reaches here, not the unquoted overload: it is still one exact term.
            return name is not null && ExactFields.Contains(name)
                ? new TermQuery(new Lucene.Net.Index.Term(name, queryText))
                : base.GetFieldQuery(name, queryText, Math.Min(slop, ParagraphGapAnalyzer.MaxSlop));
        }

        /// <summary>Automata of this query's fuzzy words, built once for all fields (one parser per query).</summary>
        private readonly Dictionary<string, IList<Lucene.Net.Util.Automaton.CompiledAutomaton>> _fuzzyAutomata = new(StringComparer.Ordinal);

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
        {
            int at = At(termStr);
            CheckPattern("fuzzy term", termStr, at);
            return Pattern("fuzzy term", at, () => base.GetFuzzyQuery(Resolve(field), termStr, minSimilarity));
        }

        protected override Query NewFuzzyQuery(Lucene.Net.Index.Term term, float minimumSimilarity, int prefixLength)
        {
            // The parser's own conversion of "~0.8"-style similarities to edits, as the base class does it.
#pragma warning disable CS0618
            int edits = FuzzyQuery.SingleToEdits(minimumSimilarity, term.Text.EnumerateRunes().Count());
#pragma warning restore CS0618
            return new SharedAutomataFuzzyQuery(term, edits, prefixLength, _fuzzyAutomata, budget);
        }

        protected override Query GetPrefixQuery(string field, string termStr)
        {
            int at = At(termStr);
            CheckPattern("prefix term", termStr, at);
            return Pattern("prefix term", at, () => base.GetPrefixQuery(Resolve(field), termStr));
        }

        protected override Query GetWildcardQuery(string field, string termStr)
        {
            int at = At(termStr);
            CheckPattern(WildcardKind, termStr, at);
            return Pattern("wildcard term", at, () => base.GetWildcardQuery(Resolve(field), termStr));
        }

        protected override Query GetRegexpQuery(string field, string termStr)
        {
            if (budget?.Expired() == true)
            {
                throw new QueryBudgetExceededException();
            }

            // The regular expression, slashes included, is where Lucene's tokenizer found it.
            int at = At("/" + termStr + "/");
            if (!_checked.Contains("regex\u0000" + termStr))
            {
                try
                {
                    RegexGuard.Check(termStr, limits, budget is null ? null : budget.Expired);
                }
                catch (RegexTooComplexException e)
                {
                    int position = at + 1 + Math.Min(e.Offset, termStr.Length);
                    string what = e is RegexSyntaxException ? "a malformed regular expression" : "a regular expression over a limit";
                    throw Wrap(new SearchKitQueryException($"{what} at position {at}: {e.Message}", text, position));
                }

                _checked.Add("regex\u0000" + termStr);
            }

            return Pattern("regular expression", at, () => base.GetRegexpQuery(Resolve(field), termStr));
        }

        /// <summary>This query's regular expressions, each built and compiled once for all its fields and repeats.</summary>
        private readonly Dictionary<string, CompiledAutomaton> _regexAutomata = new(StringComparer.Ordinal);

        protected override Query NewRegexpQuery(Lucene.Net.Index.Term regexp)
        {
            if (!_regexAutomata.TryGetValue(regexp.Text, out var compiled))
            {
                _regexAutomata[regexp.Text] = compiled = new CompiledAutomaton(new RegExp(regexp.Text, RegexFlags).ToAutomaton());
            }

            return new SharedRegexpQuery(regexp.Field, regexp.Text, compiled, budget) { MultiTermRewriteMethod = MultiTermRewriteMethod };
        }

        protected override Query NewPrefixQuery(Lucene.Net.Index.Term prefix) =>
            new BudgetedQueries.Prefix(prefix, budget) { MultiTermRewriteMethod = MultiTermRewriteMethod };

        protected override Query NewWildcardQuery(Lucene.Net.Index.Term t) =>
            new BudgetedQueries.Wildcard(t, budget) { MultiTermRewriteMethod = MultiTermRewriteMethod };

        protected override Query NewRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            var q = (TermRangeQuery)base.NewRangeQuery(field, part1, part2, startInclusive, endInclusive);
            return new BudgetedQueries.Range(q.Field, q.LowerTerm, q.UpperTerm, q.IncludesLower, q.IncludesUpper, budget)
            {
                MultiTermRewriteMethod = q.MultiTermRewriteMethod,
                Boost = q.Boost,
            };
        }

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
            base.GetRangeQuery(Resolve(field), part1, part2, startInclusive, endInclusive);

        private static string Resolve(string field) =>
            field is null || field == "*" ? field! :
            ArticleFields.Queryable.TryGetValue(field, out var name) ? name :
            throw new ParseException($"unknown field '{field}'");
    }
}
