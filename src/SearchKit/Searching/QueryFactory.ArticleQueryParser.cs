using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;
using SearchKit.Analysis;
using SearchKit.Indexing;

namespace SearchKit.Searching;

internal sealed partial class QueryFactory
{
    private sealed class ArticleQueryParser(string[] fields, Analyzer analyzer, IDictionary<string, float> boosts, string text, QueryLimits limits, QueryBudget? budget, FieldSchema? schema)
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

        /// <summary>
        /// The metadata field (logical name and kind) a query field names, when it names one that is not indexed
        /// whole under its own name already (category and tags are exact terms as before): published, url and the
        /// named fields, read by their kinds.
        /// </summary>
        private (string Name, Articles.FieldKind Kind)? Metadata(string? field)
        {
            if (field is null || field == "*" || schema is null || ArticleFields.Queryable.ContainsKey(field))
            {
                return null;
            }

            return schema.KindOf(field) is { } kind ? (field, kind) : null;
        }

        private Query MetadataQuery(Func<Query> build)
        {
            try
            {
                return build();
            }
            catch (SearchKitQueryException e)
            {
                throw Wrap(e);
            }
        }

        protected override Query GetFieldQuery(string field, string queryText, bool quoted)
        {
            if (Metadata(field) is { } meta)
            {
                return MetadataQuery(() => MetadataQueries.Equal(meta.Name, meta.Kind, queryText, text));
            }

            var name = Resolve(field);

            // Ids, paths, categories and tags are indexed whole, not analysed: match them exactly.
            return name is not null && ExactFields.Contains(name)
                ? new TermQuery(new Lucene.Net.Index.Term(name, queryText))
                : base.GetFieldQuery(name, queryText, quoted);
        }

        protected override Query GetFieldQuery(string field, string queryText, int slop)
        {
            if (Metadata(field) is { } meta)
            {
                return MetadataQuery(() => MetadataQueries.Equal(meta.Name, meta.Kind, queryText, text));
            }

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

        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            // Ranges on the metadata read their ends by the field's kind: published:[2024-01 TO 2024-06], wordcount:{100 TO *].
            var meta = Metadata(field);
            if (meta is null && field is not null && ArticleFields.Queryable.TryGetValue(field, out var exact) && exact.StartsWith(MetadataLayout.FieldPrefix, StringComparison.Ordinal))
            {
                meta = (exact[MetadataLayout.FieldPrefix.Length..], Articles.FieldKind.Keyword);
            }

            if (meta is { } m)
            {
                return MetadataQuery(() => MetadataQueries.Range(m.Name, m.Kind, part1, part2, startInclusive, endInclusive, text));
            }

            return base.GetRangeQuery(Resolve(field!), part1, part2, startInclusive, endInclusive);
        }

        private string Resolve(string field) =>
            field is null || field == "*" ? field! :
            ArticleFields.Queryable.TryGetValue(field, out var name) ? name :
            schema?.KindOf(field) is not null ? MetadataLayout.Field(field) :
            throw new ParseException($"unknown field '{field}'");
    }
}
