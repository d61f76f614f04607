namespace SearchKit.Searching;

// The determinization the check ends with, the parsed tree, the position (Glushkov) automaton and the sets it works
// on, kept apart from the parser in RegexGuard.cs.
internal sealed partial class RegexGuard
{
    // ---- determinizing: a position (Glushkov) automaton per part, subset construction with a state limit ----

    /// <summary>Checks each part Lucene determinizes (every union, concatenation and repeat), the whole also reversed.</summary>
    private void Determinize(Node root)
    {
        var whole = Glushkov.Build(root, reverse: false, _regex);
        if (whole.Positions.Count > MaxExpansion)
        {
            throw new RegexTooComplexException($"the regular expression is too long once its repeats are expanded ({whole.Positions.Count} characters, over the limit of {MaxExpansion})", root.At);
        }

        Count(whole, root.At);
        Count(Glushkov.Build(root, reverse: true, _regex), root.At);
        foreach (var part in root.Descendants().Where(n => n.Kind is Kind.Union or Kind.Concat or Kind.Repeat))
        {
            var g = Glushkov.Build(part, reverse: false, _regex);
            if (g.Positions.Count >= SmallPart)
            {
                Count(g, part.At);
            }
        }
    }

    private void Count(Glushkov g, int at)
    {
        // Symbols: the intervals between every boundary of every position's character class.
        var bounds = new SortedSet<int> { 0 };
        foreach (var set in g.Positions)
        {
            foreach (var (from, to) in set.Ranges)
            {
                bounds.Add(from);
                bounds.Add(to + 1);
            }
        }

        var symbols = bounds.Where(b => b <= CharClass.MaxCodePoint).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(g.First) };
        var queue = new Queue<BitSet>();
        queue.Enqueue(g.First);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (int symbol in symbols)
            {
                var next = new BitSet(g.Positions.Count);
                bool any = false;
                foreach (int p in state.Members())
                {
                    _work++;
                    if (g.Positions[p].Contains(symbol))
                    {
                        next.Or(g.Follow[p]);
                        any = true;
                    }
                }

                if (any && !next.IsEmpty && seen.Add(Key(next)))
                {
                    if (seen.Count > _limits.MaxRegexStates)
                    {
                        throw new RegexTooComplexException($"the regular expression needs more than {_limits.MaxRegexStates} automaton states", at);
                    }

                    queue.Enqueue(next);
                }
            }

            if (_expired?.Invoke() == true)
            {
                // The query's time is up (or it was cancelled): reported as such by the searcher, not as a bad expression.
                throw new QueryBudgetExceededException();
            }

            if (_work > MaxWork)
            {
                throw new RegexTooComplexException("the regular expression is too complex (determinizing it would take too long)", at);
            }
        }
    }

    private static string Key(BitSet set) => set.Key();

    private enum Kind { Leaf, Concat, Union, Repeat, Nothing }

    private sealed class Node(Kind kind, int at, List<Node> children)
    {
        public Kind Kind { get; } = kind;

        public int At { get; } = at;

        public List<Node> Children { get; } = children;

        public int Min { get; init; }

        /// <summary>-1: unbounded.</summary>
        public int Max { get; init; }

        public CharClass? Set { get; init; }

        public IEnumerable<Node> Descendants()
        {
            var stack = new Stack<Node>([this]);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                yield return n;
                foreach (var c in n.Children)
                {
                    stack.Push(c);
                }
            }
        }
    }

    /// <summary>The position automaton of a part: a state per character position (repeats expanded), plus a start state.</summary>
    private sealed class Glushkov
    {
        public List<CharClass> Positions { get; } = [];

        public List<BitSet> Follow { get; } = [];

        public BitSet First { get; private set; } = null!;

        public static Glushkov Build(Node root, bool reverse, string regex)
        {
            var g = new Glushkov();
            var leaves = new List<(int Position, List<int> Followers)>();

            // First pass: expand into positions with first/last sets and follow edges.
            var edges = new List<(int From, int To)>();
            var (first, _, _) = g.Expand(root, reverse, edges, regex);
            int n = g.Positions.Count;
            var start = new BitSet(n + 1);
            foreach (int f in first)
            {
                start.Set(f);
            }

            foreach (var _ in Enumerable.Range(0, n))
            {
                g.Follow.Add(new BitSet(n + 1));
            }

            foreach (var (from, to) in edges)
            {
                g.Follow[from].Set(to);
            }

            g.First = start;
            return g;
        }

        /// <summary>First positions, last positions, nullable.</summary>
        private (List<int> First, List<int> Last, bool Nullable) Expand(Node node, bool reverse, List<(int, int)> edges, string regex)
        {
            if (Positions.Count > MaxExpansion * 4)
            {
                throw new RegexTooComplexException($"the regular expression is too long once its repeats are expanded (over {MaxExpansion} characters)", node.At);
            }

            switch (node.Kind)
            {
                case Kind.Leaf:
                    Positions.Add(node.Set!);
                    return ([Positions.Count - 1], [Positions.Count - 1], false);
                case Kind.Nothing:
                    return ([], [], false);
                case Kind.Union:
                {
                    var first = new List<int>();
                    var last = new List<int>();
                    bool nullable = false;
                    foreach (var c in node.Children)
                    {
                        var (f, l, e) = Expand(c, reverse, edges, regex);
                        first.AddRange(f);
                        last.AddRange(l);
                        nullable |= e;
                    }

                    return (first, last, nullable);
                }

                case Kind.Concat:
                {
                    var parts = reverse ? Enumerable.Reverse(node.Children) : node.Children;
                    return Sequence(parts.Select(c => (Func<(List<int>, List<int>, bool)>)(() => Expand(c, reverse, edges, regex))), edges);
                }

                default:
                {
                    // A repeat: min copies, then (max - min) optional copies, or one starred copy when unbounded.
                    int copies = node.Max < 0 ? Math.Max(node.Min, 1) : node.Max;
                    if (copies == 0)
                    {
                        return ([], [], true);
                    }

                    var steps = new List<Func<(List<int>, List<int>, bool)>>();
                    for (int i = 0; i < copies; i++)
                    {
                        bool optional = i >= node.Min;
                        bool star = node.Max < 0 && i == copies - 1;
                        steps.Add(() =>
                        {
                            var (f, l, e) = Expand(node.Children[0], reverse, edges, regex);
                            if (star)
                            {
                                foreach (int a in l)
                                {
                                    foreach (int b in f)
                                    {
                                        edges.Add((a, b));
                                    }
                                }
                            }

                            return (f, l, e || optional || (star && node.Min <= copies - 1));
                        });
                    }

                    return Sequence(steps, edges);
                }
            }
        }

        private static (List<int> First, List<int> Last, bool Nullable) Sequence(IEnumerable<Func<(List<int>, List<int>, bool)>> parts, List<(int, int)> edges)
        {
            var first = new List<int>();
            var last = new List<int>();
            bool nullable = true;
            foreach (var part in parts)
            {
                var (f, l, e) = part();
                foreach (int a in last)
                {
                    foreach (int b in f)
                    {
                        edges.Add((a, b));
                    }
                }

                if (nullable)
                {
                    first.AddRange(f);
                }

                last = e ? [.. last, .. l] : l;
                nullable &= e;
            }

            return (first, last, nullable);
        }
    }

    /// <summary>A set of code points as sorted, disjoint ranges.</summary>
    private sealed class CharClass(List<(int From, int To)> ranges)
    {
        public const int MaxCodePoint = 0x10FFFF;

        public static CharClass Any { get; } = new([(0, MaxCodePoint)]);

        public List<(int From, int To)> Ranges { get; } = ranges;

        public static CharClass Single(int c) => new([(c, c)]);

        public static CharClass Of(List<(int From, int To)> ranges)
        {
            var merged = new List<(int From, int To)>();
            foreach (var (from, to) in ranges.OrderBy(r => r.From))
            {
                if (merged.Count > 0 && from <= merged[^1].To + 1)
                {
                    merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, to));
                }
                else
                {
                    merged.Add((from, to));
                }
            }

            return new CharClass(merged);
        }

        public CharClass Complement()
        {
            var result = new List<(int, int)>();
            int next = 0;
            foreach (var (from, to) in Ranges)
            {
                if (from > next)
                {
                    result.Add((next, from - 1));
                }

                next = to + 1;
            }

            if (next <= MaxCodePoint)
            {
                result.Add((next, MaxCodePoint));
            }

            return new CharClass(result);
        }

        public bool Contains(int c)
        {
            foreach (var (from, to) in Ranges)
            {
                if (c >= from && c <= to)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class BitSet(int size)
    {
        private readonly ulong[] _words = new ulong[(size + 63) / 64];

        public bool IsEmpty => _words.All(w => w == 0);

        public void Set(int i) => _words[i >> 6] |= 1UL << (i & 63);

        public void Or(BitSet other)
        {
            for (int i = 0; i < _words.Length; i++)
            {
                _words[i] |= other._words[i];
            }
        }

        public IEnumerable<int> Members()
        {
            for (int w = 0; w < _words.Length; w++)
            {
                ulong bits = _words[w];
                while (bits != 0)
                {
                    int b = System.Numerics.BitOperations.TrailingZeroCount(bits);
                    yield return (w * 64) + b;
                    bits &= bits - 1;
                }
            }
        }

        public string Key() => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_words.AsSpan()));
    }
}
