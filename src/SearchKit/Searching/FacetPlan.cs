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
