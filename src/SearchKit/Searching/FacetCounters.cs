using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Searching;

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
