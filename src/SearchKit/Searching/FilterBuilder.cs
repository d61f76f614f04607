using System.Collections.Concurrent;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// Turns <see cref="SearchOptions.Filters"/> into one non-scoring Lucene filter. Each condition is a
/// <see cref="CachingWrapperFilter"/> kept per index and keyed by the condition's canonical text (several conditions
/// also as their conjunction, keyed by the set of conditions), so a condition repeated across searches is computed once per segment (Lucene keys the cached bit sets by segment core: after
/// a commit only new segments are computed, and deletions are applied on top). The cache holds at most
/// <see cref="MaxCached"/> conditions; beyond that it starts afresh. Thread-safe.
/// </summary>
internal sealed class FilterBuilder
{
    /// <summary>Distinct conditions kept; each holds a compressed bit set per segment.</summary>
    public const int MaxCached = 512;

    private readonly ConcurrentDictionary<string, CachingWrapperFilter> _cache = new(StringComparer.Ordinal);

    /// <summary>The filter all of <paramref name="filters"/> must pass, or null when there are none.</summary>
    /// <exception cref="SearchKitQueryException">A field is unknown, a range is on a keyword field, or a value cannot be read as its field's kind.</exception>
    public Filter? Build(IReadOnlyList<SearchFilter> filters, FieldSchema schema, string query)
    {
        if (filters.Count == 0)
        {
            return null;
        }

        var conditions = filters.Select(f => (Key: Key(f, schema), Filter: f)).ToList();
        if (conditions.Count == 1)
        {
            return Cached(conditions[0].Key, () => new QueryWrapperFilter(ToQuery(conditions[0].Filter, schema, query)));
        }

        // The conjunction is cached as a whole too: intersecting the conditions' bit sets on every search cost about
        // a fifth of a search on 100 k articles (docs/benchmarks.md), a cached conjunction costs one bit set lookup.
        var parts = conditions.Select(c => Cached(c.Key, () => new QueryWrapperFilter(ToQuery(c.Filter, schema, query)))).ToList();
        string all = "\u0003" + string.Join("\u0001", conditions.Select(c => c.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return Cached(all, () =>
        {
            var conjunction = new BooleanFilter();
            foreach (var part in parts)
            {
                conjunction.Add(part, Occur.MUST);
            }

            return conjunction;
        });
    }

    /// <summary>How many conditions and conjunctions are cached (for tests and diagnostics).</summary>
    public int CachedConditions => _cache.Count;

    // The kind is part of the key: a rebuilt index may give a field another kind.
    private static string Key(SearchFilter filter, FieldSchema schema) =>
        filter.Key + "\u0002" + string.Join(',', Fields(filter).Select(f => schema.KindOf(f)?.ToString() ?? "?"));

    private CachingWrapperFilter Cached(string key, Func<Filter> build)
    {
        if (_cache.TryGetValue(key, out var hit))
        {
            return hit;
        }

        var built = new CachingWrapperFilter(build());
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(key, built);
    }

    private static IEnumerable<string> Fields(SearchFilter filter) => filter is NotFilter not ? Fields(not.Inner) : [filter.Field];

    /// <summary>The condition as a Lucene query (its score unused).</summary>
    public static Query ToQuery(SearchFilter filter, FieldSchema schema, string query)
    {
        if (filter is NotFilter not)
        {
            return new BooleanQuery
            {
                { new MatchAllDocsQuery(), Occur.MUST },
                { ToQuery(not.Inner, schema, query), Occur.MUST_NOT },
            };
        }

        var kind = KindOf(filter.Field, schema, query);
        switch (filter)
        {
            case AnyOfFilter any:
                if (any.Values.Count == 1)
                {
                    return MetadataQueries.Equal(filter.Field, kind, any.Values[0], query);
                }

                var anyOf = new BooleanQuery(disableCoord: true);
                foreach (var v in any.Values.Distinct(StringComparer.Ordinal))
                {
                    anyOf.Add(MetadataQueries.Equal(filter.Field, kind, v, query), Occur.SHOULD);
                }

                return anyOf;
            case AllOfFilter all:
                var allOf = new BooleanQuery(disableCoord: true);
                foreach (var v in all.Values.Distinct(StringComparer.Ordinal))
                {
                    allOf.Add(MetadataQueries.Equal(filter.Field, kind, v, query), Occur.MUST);
                }

                return allOf;
            case RangeFilter range:
                return MetadataQueries.Range(filter.Field, kind, range.From, range.To, range.IncludeFrom, range.IncludeTo, query);
            case ExistsFilter:
                return MetadataQueries.Exists(filter.Field);
            default:
                throw new ArgumentException($"unknown filter type {filter.GetType().Name}", nameof(filter));
        }
    }

    /// <summary>A field's kind, or the error naming the fields the index has.</summary>
    public static FieldKind KindOf(string field, FieldSchema schema, string query) =>
        schema.KindOf(field) ?? throw new SearchKitQueryException(
            $"unknown field \"{field}\"; the index has: {string.Join(", ", schema.Fields.Select(f => f.Name))}", query);
}
