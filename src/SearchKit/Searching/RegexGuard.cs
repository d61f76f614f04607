using System.Globalization;

namespace SearchKit.Searching;

/// <summary>
/// Checks a <c>/regular expression/</c> before Lucene turns it into an automaton. Lucene 4.8 parses and builds
/// automata recursively and determinizes them with no state limit, so <c>/a{1,100000}/</c> overflowed the stack
/// (which ends the process) and <c>/a?a?…/</c> ran for a minute. This reads the same syntax Lucene reads (without
/// complement <c>~</c> and intersection <c>&amp;</c>, which the query parser turns off), bounds the length, the
/// nesting and the repeat counts, and then determinizes a position automaton of every part Lucene will
/// determinize, stopping at the state limit. What passes cannot recurse deeply or blow up inside Lucene.
/// </summary>
internal sealed partial class RegexGuard
{
    /// <summary>Characters a regular expression may spell out once its repeats are expanded.</summary>
    internal const int MaxExpansion = 500;

    /// <summary>Work (states times their size) the check may spend determinizing, beyond which Lucene would take seconds.</summary>
    private const long MaxWork = 2_000_000;

    /// <summary>Parts with fewer positions than this cannot reach the state limit (2^positions), so they are not determinized.</summary>
    private const int SmallPart = 13;

    private readonly string _regex;
    private readonly QueryLimits _limits;
    private readonly Func<bool>? _expired;
    private readonly List<CharClass> _positions = [];
    private int _pos;
    private long _work;

    private RegexGuard(string regex, QueryLimits limits, Func<bool>? expired)
    {
        _regex = regex;
        _limits = limits;
        _expired = expired;
    }

    /// <summary>Throws a <see cref="RegexTooComplexException"/> (with an offset into <paramref name="regex"/>) when Lucene must not build it.</summary>
    /// <param name="regex">The expression between the slashes, as Lucene receives it.</param>
    /// <param name="limits">The query limits.</param>
    /// <param name="expired">Whether the query's time is up; checked while determinizing.</param>
    public static void Check(string regex, QueryLimits limits, Func<bool>? expired = null)
    {
        if (regex.Length > limits.MaxPatternLength)
        {
            throw new RegexTooComplexException($"the regular expression is {regex.Length} characters long, over the limit of {limits.MaxPatternLength}", limits.MaxPatternLength);
        }

        var guard = new RegexGuard(regex, limits, expired);
        var root = guard.ParseUnion(0);
        if (guard._pos < regex.Length)
        {
            // Lucene reports trailing input itself (an unmatched ')'); nothing it builds before that is large.
            return;
        }

        guard.Determinize(root);
    }

    // ---- parsing: Lucene's RegExp grammar with the query parser's flags, iterative where Lucene recurses on length ----

    private Node ParseUnion(int depth)
    {
        int start = _pos;
        var parts = new List<Node> { ParseConcat(depth) };
        while (Match('|'))
        {
            parts.Add(ParseConcat(depth));
        }

        return parts.Count == 1 ? parts[0] : new Node(Kind.Union, start, parts);
    }

    private Node ParseConcat(int depth)
    {
        int start = _pos;
        var parts = new List<Node>();
        while (More && !Peek(")|"))
        {
            parts.Add(ParseRepeat(depth));
        }

        return parts.Count == 1 ? parts[0] : new Node(Kind.Concat, start, parts);
    }

    private Node ParseRepeat(int depth)
    {
        var e = ParseClass(depth);
        while (Peek("?*+{"))
        {
            int at = _pos;
            char op = _regex[_pos++];
            if (op == '?')
            {
                e = new Node(Kind.Repeat, at, [e]) { Min = 0, Max = 1 };
            }
            else if (op == '*')
            {
                e = new Node(Kind.Repeat, at, [e]) { Min = 0, Max = -1 };
            }
            else if (op == '+')
            {
                e = new Node(Kind.Repeat, at, [e]) { Min = 1, Max = -1 };
            }
            else
            {
                int min = Number(at);
                int max = min;
                if (Match(','))
                {
                    max = Peek("0123456789") ? Number(at) : -1;
                }

                if (!Match('}'))
                {
                    throw new RegexSyntaxException($"expected '}}' at position {_pos + 1} of the regular expression", _pos);
                }

                e = new Node(Kind.Repeat, at, [e]) { Min = min, Max = max };
            }
        }

        return e;
    }

    private int Number(int at)
    {
        int start = _pos;
        while (Peek("0123456789"))
        {
            _pos++;
        }

        var digits = _regex[start.._pos];
        if (digits.Length == 0)
        {
            throw new RegexSyntaxException($"a number is expected at position {start + 1} of the regular expression", start);
        }

        if (digits.Length > 6 || int.Parse(digits, CultureInfo.InvariantCulture) > MaxExpansion)
        {
            throw new RegexTooComplexException($"the repeat count {digits} is over the limit of {MaxExpansion}", at);
        }

        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private Node ParseClass(int depth)
    {
        int start = _pos;
        if (!Match('['))
        {
            return ParseSimple(depth);
        }

        bool negate = Match('^');
        var ranges = new List<(int From, int To)>();
        do
        {
            int from = CharExp();
            int to = from;
            if (Match('-'))
            {
                to = CharExp();
                if (to < from)
                {
                    throw new RegexSyntaxException($"the character range at position {start + 1} of the regular expression runs backwards", start);
                }
            }

            ranges.Add((from, to));
        }
        while (More && !Peek("]"));

        if (!Match(']'))
        {
            throw new RegexSyntaxException($"expected ']' at position {_pos + 1} of the regular expression", _pos);
        }

        var set = CharClass.Of(ranges);
        return Leaf(start, negate ? set.Complement() : set);
    }

    private Node ParseSimple(int depth)
    {
        int start = _pos;
        if (Match('.'))
        {
            return Leaf(start, CharClass.Any);
        }

        if (Match('#'))
        {
            return new Node(Kind.Nothing, start, []);
        }

        if (Match('@'))
        {
            return new Node(Kind.Repeat, start, [Leaf(start, CharClass.Any)]) { Min = 0, Max = -1 };
        }

        if (Match('"'))
        {
            var chars = new List<Node>();
            while (More && !Peek("\""))
            {
                chars.Add(Leaf(_pos, CharClass.Single(NextCodePoint())));
            }

            if (!Match('"'))
            {
                throw new RegexSyntaxException("a '\"' in the regular expression is never closed", start);
            }

            return chars.Count == 1 ? chars[0] : new Node(Kind.Concat, start, chars);
        }

        if (Match('('))
        {
            if (depth + 1 > _limits.MaxNesting)
            {
                throw new RegexTooComplexException($"parentheses nested more than {_limits.MaxNesting} deep", start);
            }

            if (Match(')'))
            {
                return new Node(Kind.Concat, start, []);
            }

            var e = ParseUnion(depth + 1);
            if (!Match(')'))
            {
                throw new RegexSyntaxException($"the '(' at position {start + 1} of the regular expression is never closed", start);
            }

            return e;
        }

        if (Match('<'))
        {
            return Interval(start);
        }

        return Leaf(start, CharClass.Single(CharExp()));
    }

    /// <summary><c>&lt;min-max&gt;</c>: a decimal number between two bounds, up to as many digits as the larger bound.</summary>
    private Node Interval(int start)
    {
        int close = _regex.IndexOf('>', _pos);
        if (close < 0)
        {
            throw new RegexSyntaxException("a '<' in the regular expression is never closed", start);
        }

        var body = _regex[_pos..close];
        _pos = close + 1;
        int dash = body.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == body.Length - 1 || dash != body.LastIndexOf('-')
            || !body.Remove(dash, 1).All(char.IsAsciiDigit))
        {
            throw new RegexSyntaxException($"a number interval such as <1-99> is expected at position {start + 1} of the regular expression", start);
        }

        if (dash > 9 || body.Length - dash - 1 > 9)
        {
            // Lucene reads both bounds as 32-bit integers: a longer one ends the search with an overflow.
            throw new RegexTooComplexException("a bound of the number interval has more than 9 digits", start);
        }

        // As many digit positions as the longer bound, each any digit: an over-approximation of its language.
        int digits = Math.Max(dash, body.Length - dash - 1);
        var each = Enumerable.Range(0, digits).Select(_ => Leaf(start, CharClass.Of([('0', '9')]))).ToList();
        return new Node(Kind.Concat, start, each);
    }

    private int CharExp()
    {
        Match('\\');
        return NextCodePoint();
    }

    private int NextCodePoint()
    {
        if (!More)
        {
            throw new RegexSyntaxException("the regular expression ends too early", _regex.Length);
        }

        char c = _regex[_pos];
        if (char.IsHighSurrogate(c) && _pos + 1 < _regex.Length && char.IsLowSurrogate(_regex[_pos + 1]))
        {
            _pos += 2;
            return char.ConvertToUtf32(c, _regex[_pos - 1]);
        }

        _pos++;
        return c;
    }

    private Node Leaf(int at, CharClass set)
    {
        _positions.Add(set);
        if (_positions.Count > MaxExpansion * 4)
        {
            throw new RegexTooComplexException($"the regular expression is too long once its repeats are expanded (over {MaxExpansion} characters)", at);
        }

        return new Node(Kind.Leaf, at, []) { Set = set };
    }

    private bool More => _pos < _regex.Length;

    private bool Peek(string chars) => More && chars.Contains(_regex[_pos], StringComparison.Ordinal);

    private bool Match(char c)
    {
        if (More && _regex[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }
}
