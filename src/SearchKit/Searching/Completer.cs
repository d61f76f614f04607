using System.Runtime.CompilerServices;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// Completions for a search box: words of the index and article titles that start with what was typed. Both come
/// from a <see cref="CompletionTable"/> built once per reader generation (on the first call after a commit becomes
/// visible) and then answered by binary search over sorted keys, so a keystroke costs microseconds.
/// </summary>
internal sealed class Completer(Analyzer analyzer)
{
    /// <summary>The longest prefix accepted.</summary>
    public const int MaxPrefixLength = 200;

    /// <summary>The most completions one call returns.</summary>
    public const int MaxCount = 100;

    private readonly ConditionalWeakTable<IndexReader, CompletionTable> _tables = [];
    private readonly Lock _building = new();

    /// <summary>The prefix as looked up (trimmed at the start; empty: nothing to complete), or an argument error.</summary>
    public static string Normalise(string prefix, int count)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > MaxPrefixLength)
        {
            throw new ArgumentException($"the prefix is {prefix.Length} characters long, over the limit of {MaxPrefixLength}", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        return prefix.TrimStart();
    }

    /// <summary>Completions of a prefix <see cref="Normalise"/>d.</summary>
    public IReadOnlyList<Completion> Complete(IndexReader reader, string typed, int count) =>
        typed.Length == 0 ? [] : Table(reader).Complete(typed, count);

    /// <summary>The table of this reader generation, built by one caller while the others wait for it.</summary>
    internal CompletionTable Table(IndexReader reader)
    {
        if (_tables.TryGetValue(reader, out var table))
        {
            return table;
        }

        lock (_building)
        {
            if (!_tables.TryGetValue(reader, out table))
            {
                table = CompletionTable.Build(reader, analyzer);
                _tables.Add(reader, table);
            }

            return table;
        }
    }
}

/// <summary>
/// The words and titles of one reader generation, sorted by their lower-case text. Words are what the index holds
/// as terms, written back as real words: the indexed terms are stems, so every title (read from doc values) and the
/// full text of an evenly spread sample of articles is analysed once to learn which written forms each stem has.
/// A word counts the articles whose title or body has its stem (the larger of the two; deleted articles not yet
/// merged away count too).
/// </summary>
internal sealed class CompletionTable
{
    /// <summary>Articles whose whole stored text is read to learn written forms; titles are read for every article.</summary>
    internal const int SampledArticles = 1000;

    /// <summary>A prefix matching more entries than this has its answers kept (short prefixes: "a", "th").</summary>
    private const int CachedRange = 1000;

    /// <summary>At most this many answers are kept per table.</summary>
    private const int MaxCached = 20_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Prefix, int Count, bool Words), List<int>> _cache = new();

    /// <summary>Written forms kept per stem: <c>negotiations</c>, <c>negotiated</c>, <c>negotiate</c>.</summary>
    private const int FormsPerStem = 3;

    private readonly string[] _wordKeys;
    private readonly string[] _words;
    private readonly long[] _wordArticles;
    private readonly int[] _wordStems;
    private readonly int[] _wordRanks;
    private readonly string[] _titleKeys;
    private readonly string[] _titles;
    private readonly long[] _titleArticles;

    private CompletionTable(List<(string Key, string Text, long Articles, int Stem, int Rank)> words, List<(string Key, string Text, long Articles)> titles)
    {
        words.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        titles.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        _wordKeys = [.. words.Select(w => w.Key)];
        _words = [.. words.Select(w => w.Text)];
        _wordArticles = [.. words.Select(w => w.Articles)];
        _wordStems = [.. words.Select(w => w.Stem)];
        _wordRanks = [.. words.Select(w => w.Rank)];
        _titleKeys = [.. titles.Select(t => t.Key)];
        _titles = [.. titles.Select(t => t.Text)];
        _titleArticles = [.. titles.Select(t => t.Articles)];
    }

    public int WordCount => _words.Length;

    public int TitleCount => _titles.Length;

    public static CompletionTable Build(IndexReader reader, Analyzer analyzer)
    {
        var forms = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var titles = new Dictionary<string, (string Text, long Articles)>(StringComparer.Ordinal);
        int step = Math.Max(1, reader.MaxDoc / SampledArticles);
        var sampledFields = new HashSet<string> { ArticleFields.Lead, ArticleFields.Heading, ArticleFields.Body };
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var live = atomic.LiveDocs;
            var titleValues = atomic.GetBinaryDocValues(ArticleFields.Title);
            var bytes = new BytesRef();
            for (int doc = 0; doc < atomic.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc))
                {
                    continue;
                }

                if (titleValues is not null)
                {
                    titleValues.Get(doc, bytes);
                    var title = bytes.Utf8ToString();
                    if (title.Length > 0)
                    {
                        Learn(analyzer, ArticleFields.Title, title, forms);
                        var key = title.ToLowerInvariant();
                        titles[key] = titles.TryGetValue(key, out var seen) ? (seen.Text, seen.Articles + 1) : (title, 1);
                    }
                }

                if ((leaf.DocBase + doc) % step == 0)
                {
                    var stored = atomic.Document(doc, sampledFields);
                    foreach (var field in stored.Fields)
                    {
                        Learn(analyzer, field.Name, field.GetStringValue() ?? string.Empty, forms);
                    }
                }
            }
        }

        var articles = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in (string[])[ArticleFields.Title, ArticleFields.Body])
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null)
            {
                continue;
            }

            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var stem = e.Term.Utf8ToString();
                if (forms.ContainsKey(stem))
                {
                    articles[stem] = Math.Max(articles.GetValueOrDefault(stem), e.DocFreq);
                }
            }
        }

        var words = new List<(string Key, string Text, long Articles, int Stem, int Rank)>();
        int stemId = 0;
        foreach (var (stem, written) in forms)
        {
            if (!articles.TryGetValue(stem, out long count))
            {
                continue;
            }

            stemId++;
            int rank = 0;
            foreach (var group in written.GroupBy(f => f.Key.ToLowerInvariant()).OrderByDescending(g => g.Sum(f => f.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(FormsPerStem))
            {
                // A word also written in lower case is a common word capitalised at a sentence start; one never written so is a name.
                var text = group.Any(f => f.Key == group.Key) ? group.Key : group.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
                words.Add((group.Key, text, count, stemId, rank++));
            }
        }

        return new CompletionTable(words, [.. titles.Select(t => (t.Key, t.Value.Text, t.Value.Articles))]);
    }

    /// <summary>
    /// Up to <paramref name="count"/> completions of a prefix: words first (one written form per stem,
    /// most articles first), then titles; titles get up to half the places when there are enough of them. For a
    /// prefix of several words, the last word is completed and the earlier ones kept as typed.
    /// </summary>
    public IReadOnlyList<Completion> Complete(string typed, int count)
    {
        // Looked up in lower case; the earlier words of a several-word prefix are kept as typed.
        int space = typed.LastIndexOf(' ');
        string head = space < 0 ? string.Empty : typed[..(space + 1)];
        string prefix = typed.ToLowerInvariant();
        string last = prefix[(space + 1)..];
        var titles = Cached(false, prefix, count);
        var words = last.Length == 0 ? [] : Cached(true, last, count);
        int titleSlots = Math.Min(titles.Count, Math.Max(count / 2, count - words.Count));
        var result = new List<Completion>(count);
        result.AddRange(words.Take(count - titleSlots).Select(i => new Completion(head + _words[i], CompletionKind.Word, _wordArticles[i])));
        result.AddRange(titles.Take(count - result.Count).Select(i => new Completion(_titles[i], CompletionKind.Title, _titleArticles[i])));
        return result;
    }

    /// <summary>The best entries, kept for a prefix that matches many: their scan is what a short prefix costs.</summary>
    private List<int> Cached(bool words, string prefix, int count)
    {
        if (_cache.TryGetValue((prefix, count, words), out var known))
        {
            return known;
        }

        var keys = words ? _wordKeys : _titleKeys;
        int lo = LowerBound(keys, prefix);
        int hi = LowerBound(keys, prefix + char.MaxValue);
        var best = words ? Top(keys, _wordArticles, _wordStems, _wordRanks, prefix, lo, hi, count) : Top(keys, _titleArticles, null, null, prefix, lo, hi, count);
        if (hi - lo > CachedRange && _cache.Count < MaxCached)
        {
            _cache.TryAdd((prefix, count, words), best);
        }

        return best;
    }

    /// <summary>
    /// The indexes of the best entries whose key starts with the prefix: most articles first, then the stem's more
    /// frequent written form, then shorter, then alphabetical; one per stem.
    /// </summary>
    private static List<int> Top(string[] keys, long[] articles, int[]? stems, int[]? ranks, string prefix, int lo, int hi, int count)
    {
        var best = new PriorityQueue<int, (long Articles, int Rank, int Length, int Index)>(Comparer<(long Articles, int Rank, int Length, int Index)>.Create((a, b) =>
            a.Articles != b.Articles ? a.Articles.CompareTo(b.Articles)
            : a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : b.Index.CompareTo(a.Index)));

        // Several forms of one stem share a count: keep enough candidates that count distinct stems survive.
        int keep = stems is null ? count : count * FormsPerStem;
        for (int i = lo; i < hi && keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var priority = (articles[i], ranks?[i] ?? 0, keys[i].Length, i);
            if (best.Count < keep)
            {
                best.Enqueue(i, priority);
            }
            else
            {
                best.EnqueueDequeue(i, priority);
            }
        }

        var ordered = new List<int>(best.Count);
        while (best.TryDequeue(out int i, out _))
        {
            ordered.Add(i);
        }

        ordered.Reverse();
        if (stems is null)
        {
            return ordered;
        }

        var seen = new HashSet<int>();
        return [.. ordered.Where(i => seen.Add(stems[i])).Take(count)];
    }

    private static int LowerBound(string[] keys, string prefix)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(keys[mid], prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Counts the written forms of each stem in one text.</summary>
    private static void Learn(Analyzer analyzer, string field, string text, Dictionary<string, Dictionary<string, int>> forms)
    {
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (offsets.EndOffset > text.Length || offsets.EndOffset - offsets.StartOffset < 2)
            {
                continue;
            }

            var form = text[offsets.StartOffset..offsets.EndOffset];
            if (form.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || form.EndsWith("’s", StringComparison.OrdinalIgnoreCase))
            {
                form = form[..^2];
            }

            var stem = term.ToString();
            if (!forms.TryGetValue(stem, out var written))
            {
                forms[stem] = written = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            written[form] = written.GetValueOrDefault(form) + 1;
        }

        stream.End();
    }
}
