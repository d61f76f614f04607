using SearchKit.Articles;
using SearchKit.Extensions.Hosting;
using SearchKit.Searching;

namespace SearchKit.Samples.Web;

/// <summary>The JSON API: <c>GET /api/search</c> and <c>GET /api/articles/{id}</c>.</summary>
internal static class SearchApi
{
    /// <summary>Longer queries are refused before they reach the parser: no real user types 500 characters into a search box.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>The largest page.</summary>
    public const int MaxTop = 50;

    /// <summary>The deepest page start: paging beyond it costs the server more than it helps anyone.</summary>
    public const int MaxSkip = 1000;

    public static void MapSearchApi(this WebApplication app, SearchKitOptions settings)
    {
        // top, skip and passages arrive as text and are parsed here: bound as numbers, a malformed one ("ten") made
        // ASP.NET answer 400 with an empty body, unlike every other bad request.
        app.MapGet("/api/search", (SearchIndex index, string? q, string? top, string? skip, string? passages, string? syntax, CancellationToken aborted) =>
        {
            if (string.IsNullOrWhiteSpace(q))
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

            try
            {
                // A client that goes away stops its search: an expensive query does not run on for nobody.
                var results = index.Search(q, new SearchOptions { Top = pageSize, Skip = from, Passages = passageMode.Value, Syntax = querySyntax.Value }, aborted);
                return Results.Ok(SearchResponse.From(results, settings.WatchFolder, from, pageSize));
            }
            catch (SearchKitQueryException e)
            {
                return Error(e.Message, e.Position);
            }
        });

        app.MapGet("/api/articles/{**id}", (SearchIndex index, string id) =>
            index.Get(id) is { } article
                ? Results.Ok(ArticleResponse.From(article, settings.WatchFolder))
                : Results.NotFound(new ErrorResponse($"no article with id '{id}'", null)));
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
/// </summary>
internal sealed record SearchResponse(string Query, long Total, bool TotalIsLowerBound, long TookMs, int Skip, int Top, IReadOnlyList<HitResponse> Hits)
{
    public static SearchResponse From(SearchResults results, string? folder, int skip, int top) => new(
        results.Query,
        results.Total,
        results.TotalIsLowerBound,
        (long)results.Took.TotalMilliseconds,
        skip,
        top,
        [.. results.Hits.Select(h => new HitResponse(
            h.Id,
            h.Title,
            SearchApi.PublicPath(h.Path, folder),
            h.Score,
            h.Lead,
            [.. h.Paragraphs.Select(p => new ParagraphResponse(p.Index, p.Heading, p.Text, p.Snippet, [.. p.Highlights.Select(s => new SpanResponse(s.Start, s.Length))]))]))]);
}

/// <summary>One hit.</summary>
internal sealed record HitResponse(string Id, string Title, string? Path, float Score, string? Lead, IReadOnlyList<ParagraphResponse> Paragraphs);

/// <summary>A matching paragraph: its whole text and where the matched terms are in it.</summary>
internal sealed record ParagraphResponse(int Index, string? Heading, string Text, string Snippet, IReadOnlyList<SpanResponse> Highlights);

/// <summary>A highlighted range of a paragraph's text, in UTF-16 code units (JavaScript string indexes).</summary>
internal sealed record SpanResponse(int Start, int Length);

/// <summary>A whole article.</summary>
internal sealed record ArticleResponse(string Id, string Title, string? Lead, string? Path, string? Category, IReadOnlyList<string> Tags, DateTimeOffset? Published, IReadOnlyList<ArticleParagraph> Paragraphs)
{
    public static ArticleResponse From(Article article, string? folder) => new(
        article.Id,
        article.Title,
        article.Lead,
        SearchApi.PublicPath(article.Metadata.SourcePath, folder),
        article.Metadata.Category,
        article.Metadata.Tags,
        article.Metadata.Published,
        [.. article.Paragraphs.Select(p => new ArticleParagraph(p.Index, p.Heading, p.Text))]);
}

/// <summary>A paragraph of an article.</summary>
internal sealed record ArticleParagraph(int Index, string? Heading, string Text);
