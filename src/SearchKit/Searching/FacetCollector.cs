using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchKit.Indexing;

namespace SearchKit.Searching;

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
