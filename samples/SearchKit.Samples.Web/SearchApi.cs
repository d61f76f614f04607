using SearchKit.Articles;
using SearchKit.Extensions.Hosting;
using SearchKit.Searching;

namespace SearchKit.Samples.Web;

/// <summary>
/// The JSON API: <c>GET /api/search</c>, <c>/api/articles/{id}</c>, <c>/api/related/{id}</c>, <c>/api/complete</c> and
/// <c>/api/fields</c>.
/// </summary>
internal static class SearchApi
{
    /// <summary>Longer queries are refused before they reach the parser: no real user types 500 characters into a search box.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>The largest page.</summary>
    public const int MaxTop = 50;

    /// <summary>The deepest page start: paging beyond it costs the server more than it helps anyone.</summary>
    public const int MaxSkip = 1000;

    /// <summary>The most filters one search takes: a page builds a handful; hundreds are an attack, not a search.</summary>
    public const int MaxFilters = 20;

    /// <summary>The most facets one search counts.</summary>
    public const int MaxFacets = 10;

    /// <summary>The longest filter expression, facet, sort name or cursor.</summary>
    public const int MaxParameterLength = 500;

    /// <summary>The longest prefix completed: as the library's own limit.</summary>
    public const int MaxPrefixLength = 200;

    /// <summary>The most completions one request returns.</summary>
    public const int MaxCompletions = 20;

    public static void MapSearchApi(this WebApplication app, SearchKitOptions settings)
    {
        // top, skip and passages arrive as text and are parsed here: bound as numbers, a malformed one ("ten") made
        // ASP.NET answer 400 with an empty body, unlike every other bad request.
        app.MapGet("/api/search", (SearchIndex index, string? q, string? top, string? skip, string? passages, string? syntax, string[]? filter, string[]? facet, string? sort, string? after, CancellationToken aborted) =>
        {
            q ??= string.Empty;
            filter ??= [];

            // With filters, no words is a browse: every article that passes them.
            if (string.IsNullOrWhiteSpace(q) && filter.Length == 0)
            {
                return Error("the query is empty (pass it as ?q=...)");
            }

            if (q.Length > MaxQueryLength)
            {
                return Error($"the query is {q.Length} characters long; the limit is {MaxQueryLength}");
            }

            if (ParseInt(top, 10, 1, MaxTop) is not int pageSize)
            {
                return Error($"top must be a whole number from 1 to {MaxTop}");
            }

            if (ParseInt(skip, 0, 0, MaxSkip) is not int from)
            {
                return Error($"skip must be a whole number from 0 to {MaxSkip}");
            }

            bool? passageMode = passages?.Trim().ToLowerInvariant() switch
            {
                null or "" or "false" or "0" => false,
                "true" or "1" => true,
                _ => null,
            };
            if (passageMode is null)
            {
                return Error("passages must be true or false");
            }

            var querySyntax = syntax?.ToLowerInvariant() switch
            {
                null or "" or "lucene" => (QuerySyntax?)QuerySyntax.Lucene,
                "natural" => QuerySyntax.Natural,
                _ => null,
            };
            if (querySyntax is null)
            {
                return Error("syntax must be 'lucene' or 'natural'");
            }

            var parsed = ParseSearchParameters(filter, facet ?? [], sort, after);
            if (parsed.Problem is { } problem)
            {
                return problem;
            }

            try
            {
                // A client that goes away stops its search: an expensive query does not run on for nobody.
                var options = new SearchOptions
                {
                    Top = pageSize,
                    Skip = from,
                    Passages = passageMode.Value,
                    Syntax = querySyntax.Value,
                    Filters = parsed.Filters,
                    Sort = parsed.Sort,
                    Facets = parsed.Facets,
                    After = string.IsNullOrWhiteSpace(after) ? null : after.Trim(),
                };
                var results = index.Search(q, options, aborted);
                return Results.Ok(SearchResponse.From(results, settings.WatchFolder, from, pageSize, parsed.Filters, parsed.Sort));
            }
            catch (SearchKitQueryException e)
            {
                // A position is only meaningful in the query itself; a filter's or cursor's problem is named in the message.
                return Error(e.Message, e.Query == q ? e.Position : null);
            }
        });

        app.MapGet("/api/articles/{**id}", (SearchIndex index, string id) =>
            index.Get(id) is { } article
                ? Results.Ok(ArticleResponse.From(article, settings.WatchFolder))
                : Results.NotFound(new ErrorResponse($"no article with id '{id}'", null)));

        app.MapGet("/api/related/{**id}", (SearchIndex index, string id, string? top, string[]? filter, CancellationToken aborted) =>
        {
            if (ParseInt(top, 5, 1, MaxTop) is not int pageSize)
            {
                return Error($"top must be a whole number from 1 to {MaxTop}");
            }

            var parsed = ParseSearchParameters(filter ?? [], [], null, null);
            if (parsed.Problem is { } problem)
            {
                return problem;
            }

            if (index.Get(id) is null)
            {
                return Results.NotFound(new ErrorResponse($"no article with id '{id}'", null));
            }

            try
            {
                var results = index.Related(id, new SearchOptions { Top = pageSize, Filters = parsed.Filters, SuggestBelow = 0 }, aborted);
                return Results.Ok(SearchResponse.From(results, settings.WatchFolder, 0, pageSize, parsed.Filters, SearchSort.Relevance));
            }
            catch (SearchKitQueryException e)
            {
                return Error(e.Message);
            }
        });

        // Called on every keystroke (debounced by the page): a binary search in a table the library keeps.
        app.MapGet("/api/complete", (SearchIndex index, string? q, string? count) =>
        {
            if (ParseInt(count, 8, 1, MaxCompletions) is not int wanted)
            {
                return Error($"count must be a whole number from 1 to {MaxCompletions}");
            }

            if (q is { Length: > MaxPrefixLength })
            {
                return Error($"the prefix is {q.Length} characters long; the limit is {MaxPrefixLength}");
            }

            var completions = string.IsNullOrWhiteSpace(q) ? [] : index.Complete(q, wanted);
            return Results.Ok(new CompleteResponse(
                q ?? string.Empty,
                [.. completions.Select(c => new CompletionResponse(c.Text, c.Kind == CompletionKind.Title ? "title" : "word", c.Articles))]));
        });

        // The fields the index has, so that a page asks only for facets and filters the index can answer.
        app.MapGet("/api/fields", (SearchIndex index) =>
            Results.Ok(index.Fields.Select(f => new FieldResponse(f.Name, f.Kind.ToString().ToLowerInvariant())).ToList()));
    }

    /// <summary>The filters, facets and sort of a request, or the 400 answer that says what is wrong with one of them.</summary>
    private static ParsedParameters ParseSearchParameters(string[] filter, string[] facet, string? sort, string? after)
    {
        if (filter.Length > MaxFilters)
        {
            return ParsedParameters.Refused($"a search takes at most {MaxFilters} filters; this one has {filter.Length}");
        }

        if (facet.Length > MaxFacets)
        {
            return ParsedParameters.Refused($"a search counts at most {MaxFacets} facets; this one asks for {facet.Length}");
        }

        if (filter.Concat(facet).Concat([sort, after]).FirstOrDefault(p => p is { Length: > MaxParameterLength }) is { } tooLong)
        {
            return ParsedParameters.Refused($"a filter, facet, sort or cursor is {tooLong.Length} characters long; the limit is {MaxParameterLength}");
        }

        try
        {
            return new ParsedParameters(
                [.. filter.Select(SearchFilter.Parse)],
                [.. facet.Select(FacetRequest.Parse)],
                string.IsNullOrWhiteSpace(sort) ? SearchSort.Relevance : SearchSort.Parse(sort.Trim()),
                null);
        }
        catch (SearchKitQueryException e)
        {
            return ParsedParameters.Refused(e.Message);
        }
    }

    private sealed record ParsedParameters(IReadOnlyList<SearchFilter> Filters, IReadOnlyList<FacetRequest> Facets, SearchSort Sort, IResult? Problem)
    {
        public static ParsedParameters Refused(string message) => new([], [], SearchSort.Relevance, Error(message));
    }

    private static IResult Error(string message, int? position = null) => Results.BadRequest(new ErrorResponse(message, position));

    /// <summary>A whole number within bounds, the default when absent, null when malformed or out of range.</summary>
    private static int? ParseInt(string? text, int absent, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return absent;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : null;
    }

    /// <summary>
    /// A file path as the API shows it: relative to the watched folder, so the server's own layout stays private.
    /// </summary>
    internal static string? PublicPath(string? path, string? folder)
    {
        if (path is null)
        {
            return null;
        }

        if (folder is not null)
        {
            var relative = Path.GetRelativePath(folder, path);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        return Path.GetFileName(path);
    }
}

/// <summary>An error: a one-line message and, for a malformed query, the position of the problem.</summary>
internal sealed record ErrorResponse(string Error, int? Position);

/// <summary>
/// A search's results, in the same shape as the host's <c>--json</c> output. <c>totalIsLowerBound</c>: in passage
/// mode, whether <c>total</c> is only a lower bound (see <see cref="SearchResults.TotalIsLowerBound"/>).
/// <c>filters</c> and <c>sort</c> echo the request as the library read it, so a page can show them as chips;
/// <c>facets</c> has the counts of each <c>facet</c> asked for, keyed by field.
/// </summary>
internal sealed record SearchResponse(
    string Query,
    long Total,
    bool TotalIsLowerBound,
    long TookMs,
    int Skip,
    int Top,
    IReadOnlyList<FilterResponse> Filters,
    string Sort,
    SuggestionResponse? Suggestion,
    IReadOnlyList<HitResponse> Hits,
    string? NextCursor,
    IReadOnlyDictionary<string, FacetResponse> Facets)
{
    public static SearchResponse From(SearchResults results, string? folder, int skip, int top, IReadOnlyList<SearchFilter> filters, SearchSort sort) => new(
        results.Query,
        results.Total,
        results.TotalIsLowerBound,
        (long)results.Took.TotalMilliseconds,
        skip,
        top,
        [.. filters.Select(FilterResponse.From)],
        sort.ToString(),
        results.Suggestion is { } s ? new SuggestionResponse(s.Query, s.Total) : null,
        [.. results.Hits.Select(h => new HitResponse(
            h.Id,
            h.Title,
            SearchApi.PublicPath(h.Path, folder),
            h.Score,
            h.Lead,
            FieldsJson.From(h.Fields),
            [.. h.Paragraphs.Select(p => new ParagraphResponse(p.Index, p.Heading, p.Text, p.Snippet, [.. p.Highlights.Select(s => new SpanResponse(s.Start, s.Length))]))]))],
        results.NextCursor,
        results.Facets.ToDictionary(f => f.Key, f => new FacetResponse([.. f.Value.Values.Select(v => new FacetValueResponse(v.Value, v.Count))], f.Value.Other), StringComparer.Ordinal));
}

/// <summary>
/// One facet's counts, as the host's <c>--json</c> writes them: the values (most articles first; a date histogram
/// oldest first) and <c>other</c>, the counts of a terms facet's values not listed.
/// </summary>
internal sealed record FacetResponse(IReadOnlyList<FacetValueResponse> Values, long Other);

/// <summary>A facet value and how many matching articles have it.</summary>
internal sealed record FacetValueResponse(string Value, long Count);

/// <summary>
/// A filter as read: <c>text</c> its canonical expression; for "any of" filters (what a facet selection makes) also
/// the field and the values, so that a page can tick the facet values it selected.
/// </summary>
internal sealed record FilterResponse(string Text, string Field, IReadOnlyList<string>? AnyOf)
{
    public static FilterResponse From(SearchFilter filter) =>
        new(filter.ToString(), filter.Field, filter is AnyOfFilter any ? any.Values : null);
}

/// <summary>"Did you mean": the corrected query and how many articles it finds.</summary>
internal sealed record SuggestionResponse(string Query, long Total);

/// <summary>One hit.</summary>
internal sealed record HitResponse(string Id, string Title, string? Path, float Score, string? Lead, IReadOnlyDictionary<string, object> Fields, IReadOnlyList<ParagraphResponse> Paragraphs);

/// <summary>A matching paragraph: its whole text and where the matched terms are in it.</summary>
internal sealed record ParagraphResponse(int Index, string? Heading, string Text, string Snippet, IReadOnlyList<SpanResponse> Highlights);

/// <summary>A highlighted range of a paragraph's text, in UTF-16 code units (JavaScript string indexes).</summary>
internal sealed record SpanResponse(int Start, int Length);

/// <summary>Completions of what was typed.</summary>
internal sealed record CompleteResponse(string Query, IReadOnlyList<CompletionResponse> Completions);

/// <summary>One completion: its text, <c>word</c> or <c>title</c>, and about how many articles have it.</summary>
internal sealed record CompletionResponse(string Text, string Kind, long Articles);

/// <summary>A metadata field of the index and its kind (<c>keyword</c>, <c>number</c> or <c>date</c>).</summary>
internal sealed record FieldResponse(string Name, string Kind);

/// <summary>
/// Metadata fields as the host's JSON writes them: one value as a scalar, several as an array; keywords as strings,
/// numbers as numbers, dates as ISO 8601 strings.
/// </summary>
internal static class FieldsJson
{
    public static IReadOnlyDictionary<string, object> From(IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> fields)
    {
        var json = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, values) in fields)
        {
            json[name] = values.Count == 1 ? Value(values[0]) : values.Select(Value).ToArray();
        }

        return json;
    }

    private static object Value(FieldValue value) => value.NumberValue is { } n ? n : value.ToString();
}

/// <summary>A whole article; <c>fields</c> has every metadata field, as on a hit.</summary>
internal sealed record ArticleResponse(string Id, string Title, string? Lead, string? Path, string? Category, IReadOnlyList<string> Tags, DateTimeOffset? Published, IReadOnlyDictionary<string, object> Fields, IReadOnlyList<ArticleParagraph> Paragraphs)
{
    public static ArticleResponse From(Article article, string? folder) => new(
        article.Id,
        article.Title,
        article.Lead,
        SearchApi.PublicPath(article.Metadata.SourcePath, folder),
        article.Metadata.Category,
        article.Metadata.Tags,
        article.Metadata.Published,
        FieldsJson.From(AllFields(article.Metadata)),
        [.. article.Paragraphs.Select(p => new ArticleParagraph(p.Index, p.Heading, p.Text))]);

    /// <summary>The fixed metadata as fields, then the named ones: the shape a hit's fields have.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> AllFields(ArticleMetadata metadata)
    {
        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(StringComparer.Ordinal);
        if (metadata.Category is { } category)
        {
            fields["category"] = [FieldValue.Text(category)];
        }

        if (metadata.Tags.Count > 0)
        {
            fields["tags"] = [.. metadata.Tags.Select(FieldValue.Text)];
        }

        if (metadata.Published is { } published)
        {
            fields["published"] = [FieldValue.Date(published)];
        }

        if (metadata.Url is { } url)
        {
            fields["url"] = [FieldValue.Text(url.ToString())];
        }

        foreach (var (name, values) in metadata.Fields)
        {
            fields[name] = values;
        }

        return fields;
    }
}

/// <summary>A paragraph of an article.</summary>
internal sealed record ArticleParagraph(int Index, string? Heading, string Text);
