using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// The facets of one search, checked against the schema before anything runs, and how they are collected: the facets
/// on fields without a filter of their own are counted in the search's own pass over the matching articles; each
/// faceted field that has filters gets one more pass (the query with every filter but its own), so that its counts
/// ignore its own filters and only those (multi-select). See docs/design.md, "Facets".
/// </summary>
internal sealed class FacetPlan
{
    private readonly List<ResolvedFacet> _facets;
    private readonly OrdinalMaps _maps;

    private FacetPlan(List<ResolvedFacet> facets, OrdinalMaps maps) => (_facets, _maps) = (facets, maps);

    /// <summary>The plan of <see cref="SearchOptions.Facets"/>, or null when there are none.</summary>
    /// <exception cref="SearchKitQueryException">
    /// A field is unknown (the message names the fields the index has), two facets count one field, or a request
    /// does not fit its field's kind (a histogram on a keyword, ranges on a keyword, top values of a date), or a
    /// range end cannot be read as the field's kind.
    /// </exception>
    public static FacetPlan? Create(SearchOptions options, FieldSchema schema, string query, OrdinalMaps maps)
    {
        if (options.Facets.Count == 0)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var facets = new List<ResolvedFacet>(options.Facets.Count);
        foreach (var request in options.Facets)
        {
            var kind = schema.KindOf(request.Field) ?? throw new SearchKitQueryException(
                $"unknown facet field \"{request.Field}\"; the index has: {string.Join(", ", schema.Fields.Select(f => f.Name))}", query);
            if (!seen.Add(request.Field))
            {
                throw new SearchKitQueryException($"two facets count the field \"{request.Field}\" (results are keyed by field: ask for one)", query);
            }

            facets.Add(Resolve(request, kind, query));
        }

        return new FacetPlan(facets, maps);
    }

    /// <summary>The collector of the facets counted in the search's own pass (fields without filters of their own), or null.</summary>
    public FacetCollector? MainCollector(IReadOnlyList<SearchFilter> filters)
    {
        var main = _facets.Where(f => !filters.Any(x => x.Field == f.Request.Field)).ToList();
        return main.Count == 0 ? null : new FacetCollector(main, _maps);
    }

    /// <summary>
    /// The results: those of <paramref name="main"/>, and for each faceted field with filters of its own, one more
    /// pass of <paramref name="baseQuery"/> (the query, unfiltered and unscored) under the other filters.
    /// </summary>
    public IReadOnlyDictionary<string, FacetResult> Finish(
        IndexSearcher searcher, Query baseQuery, IReadOnlyList<SearchFilter> filters, FacetCollector? main, Func<IReadOnlyList<SearchFilter>, Filter?> buildFilter, Action<Query, ICollector> collect)
    {
        var results = new Dictionary<string, FacetResult>(StringComparer.Ordinal);
        if (main is not null)
        {
            foreach (var r in main.Results(searcher.IndexReader))
            {
                results[r.Field] = r;
            }
        }

        foreach (var facet in _facets.Where(f => !results.ContainsKey(f.Request.Field)))
        {
            var others = filters.Where(x => x.Field != facet.Request.Field).ToList();
            var filter = buildFilter(others);
            Query query = baseQuery is MatchAllDocsQuery && filter is not null
                ? new ConstantScoreQuery(filter)
                : filter is null ? new ConstantScoreQuery(baseQuery) : new FilteredQuery(new ConstantScoreQuery(baseQuery), filter);
            var collector = new FacetCollector([facet], _maps);
            collect(query, collector);
            results[facet.Request.Field] = collector.Results(searcher.IndexReader)[0];
        }

        // In the order asked for.
        return _facets.ToDictionary(f => f.Request.Field, f => results[f.Request.Field], StringComparer.Ordinal);
    }

    private static ResolvedFacet Resolve(FacetRequest request, FieldKind kind, string query)
    {
        string name = request.Field;
        if (request.Interval is not null)
        {
            return kind == FieldKind.Date
                ? new ResolvedFacet(request, kind, [], [])
                : throw new SearchKitQueryException($"a histogram by {request.Interval.Value.ToString().ToLowerInvariant()} needs a date field; \"{name}\" is a {FieldSchema.Name(kind)} field{(kind == FieldKind.Keyword ? $" (count its values: {name}:10)" : $" (count it over ranges: {name}:0..10,10..)")}", query);
        }

        if (request.Ranges.Count > 0)
        {
            if (kind == FieldKind.Keyword)
            {
                throw new SearchKitQueryException($"ranges need a number or date field; \"{name}\" is a keyword field (count its values: {name}:10)", query);
            }

            var lo = new BytesRef?[request.Ranges.Count];
            var hi = new BytesRef?[request.Ranges.Count];
            for (int i = 0; i < request.Ranges.Count; i++)
            {
                lo[i] = Bound(name, kind, request.Ranges[i].From, query);
                hi[i] = Bound(name, kind, request.Ranges[i].To, query);
            }

            return new ResolvedFacet(request, kind, lo, hi);
        }

        return kind == FieldKind.Date
            ? throw new SearchKitQueryException($"\"{name}\" is a date field: count it by year, month or day ({name}:month) or over ranges ({name}:2020..2023,2023..)", query)
            : new ResolvedFacet(request, kind, [], []);
    }

    // A range end as the field's doc values encode it: a date's end is the start of the year, month, day or instant written.
    private static BytesRef? Bound(string name, FieldKind kind, string? value, string query) => value switch
    {
        null => null,
        _ when kind == FieldKind.Number => MetadataLayout.EncodeNumber(MetadataQueries.Number(name, value, query)),
        _ => MetadataLayout.EncodeDate(MetadataQueries.Date(name, value, query).Start),
    };
}

/// <summary>A facet request checked against its field's kind; for ranges, the ends encoded as the doc values are (null: open).</summary>
internal sealed record ResolvedFacet(FacetRequest Request, FieldKind Kind, BytesRef?[] Lo, BytesRef?[] Hi);

/// <summary>
/// Counts facets over every document a search collects, from the <c>f.NAME</c> SortedSet doc values of each segment.
/// Top values count per global ordinal (a segment's ordinals are global when the index has one segment; otherwise
/// through an ordinal map built once per reader and field), so that only the returned values are ever looked up as
/// text. Histograms and ranges use the order of the ordinals (the encoding sorts as the values): a bucket is a
/// run of consecutive ordinals, found by a few term look-ups per segment. Accepts documents out of order.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly FacetCounter[] _counters;

    public FacetCollector(IReadOnlyList<ResolvedFacet> facets, OrdinalMaps maps) =>
        _counters = [.. facets.Select(f => f.Request.Interval is not null ? new HistogramCounter(f)
            : f.Request.Ranges.Count > 0 ? (FacetCounter)new RangeCounter(f)
            : new TermsCounter(f, maps))];

    public bool AcceptsDocsOutOfOrder => true;

    public void Collect(int doc)
    {
        foreach (var c in _counters)
        {
            c.Collect(doc);
        }
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        foreach (var c in _counters)
        {
            c.SetNextReader(context);
        }
    }

    public void SetScorer(Scorer scorer)
    {
    }

    /// <summary>The counts, one result per facet in the order given.</summary>
    public IReadOnlyList<FacetResult> Results(IndexReader reader) => [.. _counters.Select(c => c.Result(reader))];
}

internal abstract class FacetCounter(ResolvedFacet facet)
{
    protected ResolvedFacet Facet { get; } = facet;

    protected string LuceneField { get; } = MetadataLayout.Field(facet.Request.Field);

    protected SortedSetDocValues? Values { get; private set; }

    public virtual void SetNextReader(AtomicReaderContext context)
    {
        Values = context.AtomicReader.GetSortedSetDocValues(LuceneField);
    }

    public abstract void Collect(int doc);

    public abstract FacetResult Result(IndexReader reader);

    /// <summary>The first ordinal whose value is at least <paramref name="value"/> (the value count when none is).</summary>
    protected static long FirstAtLeast(SortedSetDocValues values, BytesRef value)
    {
        long found = values.LookupTerm(value);
        return found >= 0 ? found : -found - 1;
    }
}

/// <summary>The top values of a keyword or number field.</summary>
internal sealed class TermsCounter(ResolvedFacet facet, OrdinalMaps maps) : FacetCounter(facet)
{
    private int[]? _counts;
    private MultiDocValues.OrdinalMap? _map;
    private int _segment;

    public override void SetNextReader(AtomicReaderContext context)
    {
        base.SetNextReader(context);
        var top = ReaderUtil.GetTopLevelContext(context).Reader;
        if (_counts is null)
        {
            var leaves = top.Leaves;
            long valueCount;
            if (leaves.Count == 1)
            {
                valueCount = Values?.ValueCount ?? 0;
            }
            else
            {
                _map = maps.Get(top, LuceneField);
                valueCount = _map.ValueCount;
            }

            _counts = new int[valueCount];
        }

        _segment = context.Ord;
    }

    public override void Collect(int doc)
    {
        var values = Values;
        if (values is null)
        {
            return;
        }

        values.SetDocument(doc);
        long ord;
        if (_map is null)
        {
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _counts![ord]++;
            }
        }
        else
        {
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _counts![_map.GetGlobalOrd(_segment, ord)]++;
            }
        }
    }

    public override FacetResult Result(IndexReader reader)
    {
        var counts = _counts ?? [];
        int n = Facet.Request.Top;

        // The top n by count (ties: the smaller ordinal, i.e. the value first in byte order), through a bounded heap.
        var heap = new PriorityQueue<int, (int Count, int Ord)>(n + 1, TopComparer.Instance);
        long total = 0;
        for (int ord = 0; ord < counts.Length; ord++)
        {
            int c = counts[ord];
            if (c == 0)
            {
                continue;
            }

            total += c;
            if (heap.Count < n)
            {
                heap.Enqueue(ord, (c, ord));
            }
            else if (heap.TryPeek(out _, out var least) && (c > least.Count))
            {
                heap.DequeueEnqueue(ord, (c, ord));
            }
        }

        var top = new List<(int Ord, int Count)>(heap.Count);
        while (heap.TryDequeue(out int ord, out var key))
        {
            top.Add((ord, key.Count));
        }

        top.Reverse();
        var bytes = new BytesRef();
        var values = new List<FacetValue>(top.Count);
        long shown = 0;
        foreach (var (ord, count) in top)
        {
            Lookup(reader, ord, bytes);
            string value = Facet.Kind == FieldKind.Number
                ? MetadataLayout.DecodeNumber(bytes).ToString("R", CultureInfo.InvariantCulture)
                : bytes.Utf8ToString();
            values.Add(new FacetValue(value, count));
            shown += count;
        }

        return new FacetResult(Facet.Request.Field, values, total - shown);
    }

    private void Lookup(IndexReader reader, long ord, BytesRef into)
    {
        var leaves = reader.Leaves;
        if (_map is null)
        {
            leaves[0].AtomicReader.GetSortedSetDocValues(LuceneField)!.LookupOrd(ord, into);
            return;
        }

        int segment = _map.GetFirstSegmentNumber(ord);
        leaves[segment].AtomicReader.GetSortedSetDocValues(LuceneField)!.LookupOrd(_map.GetFirstSegmentOrd(ord), into);
    }

    /// <summary>The heap's least element first: fewer articles, then the larger ordinal.</summary>
    private sealed class TopComparer : IComparer<(int Count, int Ord)>
    {
        public static readonly TopComparer Instance = new();

        public int Compare((int Count, int Ord) x, (int Count, int Ord) y) =>
            x.Count != y.Count ? x.Count.CompareTo(y.Count) : y.Ord.CompareTo(x.Ord);
    }
}

/// <summary>A date histogram: per segment, the ordinal where each bucket starts; per article, each bucket once.</summary>
internal sealed class HistogramCounter(ResolvedFacet facet) : FacetCounter(facet)
{
    private readonly Dictionary<long, long> _totals = [];
    private readonly List<long> _starts = [];
    private readonly List<long> _keys = [];
    private int[] _local = [];

    public override void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        base.SetNextReader(context);
        _starts.Clear();
        _keys.Clear();
        var values = Values;
        if (values is null)
        {
            _local = [];
            return;
        }

        // Bucket boundaries: from the first ordinal, the bucket of its date, then the first ordinal past the bucket's end.
        var bytes = new BytesRef();
        long count = values.ValueCount;
        for (long ord = 0; ord < count;)
        {
            values.LookupOrd(ord, bytes);
            var (start, end) = Bucket(MetadataLayout.FromUnixMs(MetadataLayout.DecodeDate(bytes)), Facet.Request.Interval!.Value);
            _starts.Add(ord);
            _keys.Add(start);
            ord = end is { } e ? Math.Max(ord + 1, FirstAtLeast(values, MetadataLayout.EncodeDate(e))) : count;
        }

        _local = new int[_starts.Count];
    }

    public override void Collect(int doc)
    {
        var values = Values;
        if (values is null)
        {
            return;
        }

        values.SetDocument(doc);
        int previous = -1;
        long ord;
        while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
        {
            // Ordinals come in increasing order, and so do their buckets: a bucket repeats only right after itself.
            int bucket = BucketOf(ord);
            if (bucket != previous)
            {
                _local[bucket]++;
                previous = bucket;
            }
        }
    }

    public override FacetResult Result(IndexReader reader)
    {
        Flush();
        var interval = Facet.Request.Interval!.Value;
        var values = _totals.OrderBy(t => t.Key).Select(t => new FacetValue(Label(t.Key, interval), t.Value)).ToList();
        return new FacetResult(Facet.Request.Field, values, 0);
    }

    private int BucketOf(long ord)
    {
        int i = _starts.BinarySearch(ord);
        return i >= 0 ? i : ~i - 1;
    }

    private void Flush()
    {
        for (int i = 0; i < _local.Length; i++)
        {
            if (_local[i] > 0)
            {
                _totals[_keys[i]] = _totals.GetValueOrDefault(_keys[i]) + _local[i];
            }
        }

        _local = [];
    }

    /// <summary>The bucket's start and end in Unix ms (UTC); no end past the last representable date.</summary>
    private static (long Start, long? End) Bucket(DateTimeOffset date, DateInterval interval)
    {
        var utc = date.UtcDateTime;
        var start = interval switch
        {
            DateInterval.Year => new DateTimeOffset(utc.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DateInterval.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
        };
        long? end;
        try
        {
            end = (interval switch
            {
                DateInterval.Year => start.AddYears(1),
                DateInterval.Month => start.AddMonths(1),
                _ => start.AddDays(1),
            }).ToUnixTimeMilliseconds();
        }
        catch (ArgumentOutOfRangeException)
        {
            end = null;
        }

        return (start.ToUnixTimeMilliseconds(), end);
    }

    private static string Label(long startMs, DateInterval interval)
    {
        var d = DateTimeOffset.FromUnixTimeMilliseconds(startMs).UtcDateTime;
        return interval switch
        {
            DateInterval.Year => d.ToString("yyyy", CultureInfo.InvariantCulture),
            DateInterval.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Counts over ranges: per segment, each range is a run of ordinals [lo, hi); per article, each range once.</summary>
internal sealed class RangeCounter(ResolvedFacet facet) : FacetCounter(facet)
{
    private readonly long[] _counts = new long[facet.Request.Ranges.Count];
    private readonly long[] _lo = new long[facet.Request.Ranges.Count];
    private readonly long[] _hi = new long[facet.Request.Ranges.Count];
    private readonly int[] _lastDoc = new int[facet.Request.Ranges.Count];

    public override void SetNextReader(AtomicReaderContext context)
    {
        base.SetNextReader(context);
        Array.Fill(_lastDoc, -1);
        if (Values is not { } values)
        {
            return;
        }

        for (int r = 0; r < _counts.Length; r++)
        {
            _lo[r] = Facet.Lo[r] is { } lo ? FirstAtLeast(values, lo) : 0;
            _hi[r] = Facet.Hi[r] is { } hi ? FirstAtLeast(values, hi) : values.ValueCount;
        }
    }

    public override void Collect(int doc)
    {
        var values = Values;
        if (values is null)
        {
            return;
        }

        values.SetDocument(doc);
        long ord;
        while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
        {
            for (int r = 0; r < _counts.Length; r++)
            {
                if (ord >= _lo[r] && ord < _hi[r] && _lastDoc[r] != doc)
                {
                    _lastDoc[r] = doc;
                    _counts[r]++;
                }
            }
        }
    }

    public override FacetResult Result(IndexReader reader) =>
        new(Facet.Request.Field, [.. Facet.Request.Ranges.Select((r, i) => new FacetValue(r.Label, _counts[i]))], 0);
}

/// <summary>
/// The ordinal maps of a multi-segment reader (segment ordinals to global ones), built on first use per reader and
/// field and dropped with the reader. Building one walks the field's terms in every segment once.
/// </summary>
internal sealed class OrdinalMaps
{
    // Keyed by the reader instance, which lives as long as its commit is searched: no entry outlives it.
    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<string, MultiDocValues.OrdinalMap>> _maps = new();

    public MultiDocValues.OrdinalMap Get(IndexReader reader, string field) =>
        _maps.GetValue(reader, _ => new(StringComparer.Ordinal)).GetOrAdd(field, f =>
        {
            var leaves = reader.Leaves;
            var enums = new TermsEnum[leaves.Count];
            for (int i = 0; i < leaves.Count; i++)
            {
                enums[i] = (leaves[i].AtomicReader.GetSortedSetDocValues(f) ?? DocValues.EMPTY_SORTED_SET).GetTermsEnum();
            }

            return new MultiDocValues.OrdinalMap(reader.CoreCacheKey, enums);
        });
}
