using System.ComponentModel;
using SearchKit.Cli.Rendering;
using SearchKit.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class SearchSettings : IndexedSettings
{
    [CommandArgument(0, "[QUERY]")]
    [Description("The query in Lucene syntax (words, \"phrases\", AND/OR/NOT, +/-, field:term, prefix*, fuzzy~); several words are joined with spaces. Put a query that starts with '-' after '--': search -- -ferry.")]
    public string[] Query { get; init; } = [];

    [CommandOption("--from <URL[/INDEX]>")]
    [Description("Search an Elasticsearch index instead of the local one (http://localhost:9200/news; the index name defaults to searchkit); credentials as for index --to.")]
    public string? From { get; init; }

    [CommandOption("--top <N>")]
    [Description("Hits to show.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--skip <N>")]
    [Description("Hits to skip, for paging.")]
    [DefaultValue(0)]
    public int Skip { get; init; }

    [CommandOption("--filter <EXPR>")]
    [Description("Only articles whose metadata pass EXPR (repeatable; all must hold): tags=oil, tags=oil,gas (any of), tags=oil&gas (all of), category!=sport, published>=2024-01-01, published<2025, wordcount=100..500, url? (has a value), url!? (has none), !EXPR (not). Dates: 2024, 2024-06, 2024-06-01 or ISO date-times. With filters the QUERY may be left out: every passing article is listed.")]
    public string[] Filters { get; init; } = [];

    [CommandOption("--facet <FACET>")]
    [Description("Count the matching articles (all of them, not the page) per value of a field, shown as a table after the hits (repeatable): FIELD or FIELD:N (the top 10 or N values, and the rest as '(other)'), FIELD:year, FIELD:month or FIELD:day (a date histogram, UTC), FIELD:0..100,100..500,500.. (number or date ranges, from inclusive, to exclusive). A facet ignores the --filter on its own field, so its other values stay visible.")]
    public string[] Facets { get; init; } = [];

    [CommandOption("--sort <ORDER>")]
    [Description("relevance (default), newest, oldest, FIELD (ascending) or -FIELD (descending; write --sort=-FIELD), by a metadata field's first value, articles without one last; ties by score, then id. Not with --passages.")]
    public string? Sort { get; init; }

    [CommandOption("--after <CURSOR>")]
    [Description("Show the page after the one that printed this cursor (its 'next page' line, or nextCursor in --json); same query, filters and sort.")]
    public string? After { get; init; }

    [CommandOption("--passages")]
    [Description("Rank single paragraphs instead of articles: each hit has exactly the one paragraph ranked.")]
    public bool Passages { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description(SearchModeOptions.ModeDescription)]
    public string? Mode { get; init; }

    [CommandOption("--fusion <FUSION>")]
    [Description(SearchModeOptions.FusionDescription)]
    public string? Fusion { get; init; }

    [CommandOption("--explain")]
    [Description("Show Lucene's explanation of each score.")]
    public bool Explain { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: mode, query, total, tookMs, suggestion (a corrected query and its total, or null), hits (id, title, path, score, fields, paragraphs with index, heading, text, snippet, and similarity in semantic and hybrid modes), nextCursor and facets (an object per --facet field: values, a list of value and count, and other, the count of a top-N facet's values not shown, else 0).")]
    public bool Json { get; init; }

    [CommandOption("--trec-run")]
    [Description("Print the hits as TREC run lines (qid Q0 docid rank score tag), for trec_eval; use --top for the depth.")]
    public bool TrecRun { get; init; }

    [CommandOption("--run-tag <TAG>")]
    [Description("With --trec-run: the tag in the last column.")]
    [DefaultValue(TrecRunWriter.DefaultTag)]
    public string RunTag { get; init; } = TrecRunWriter.DefaultTag;

    [CommandOption("--query-id <QID>")]
    [Description("With --trec-run: the query id in the first column.")]
    [DefaultValue("1")]
    public string QueryId { get; init; } = "1";

    public string Text => string.Join(' ', Query);

    public override ValidationResult Validate()
    {
        if (Top is < 0 or > 100_000 || Skip is < 0 or > 100_000)
        {
            return ValidationResult.Error("--top and --skip must be between 0 and 100000");
        }

        if (TrecRun && (Json || Explain || Passages || Skip > 0 || After is not null))
        {
            // A run file ranks articles from 1: paging, passages (one article may repeat) and other renderings do not fit it.
            return ValidationResult.Error("--trec-run cannot be combined with --json, --explain, --passages, --skip or --after");
        }

        if (TrecRun && (!IsToken(RunTag) || !IsToken(QueryId)))
        {
            return ValidationResult.Error("--run-tag and --query-id must be one word each (no spaces)");
        }

        // The query may also come after '--' (see QueryText), which Validate cannot see: the command checks it is not empty.
        return ValidationResult.Success();
    }

    /// <summary>The query: the words before '--' and every argument after it, joined with spaces.</summary>
    public string QueryText(CommandContext context) => string.Join(' ', Query.Concat(context.Remaining.Raw));

    private static bool IsToken(string value) => value.Length > 0 && !value.Any(char.IsWhiteSpace);
}

/// <summary><c>searchkit search QUERY</c>: one search, rendered for people or as JSON.</summary>
internal sealed class SearchCommand(CliHost host) : Command<SearchSettings>
{
    public override int Execute(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        var text = settings.QueryText(context);
        if (string.IsNullOrWhiteSpace(text) && settings.Filters.Length == 0)
        {
            throw new UsageException("the query is empty (give a QUERY, or --filter to list the articles that pass it)");
        }

        // Read before the index is opened: a malformed filter or sort is the user's to fix whatever the index.
        var filters = settings.Filters.Select(SearchKit.Searching.SearchFilter.Parse).ToList();
        var sort = settings.Sort is null ? SearchKit.Searching.SearchSort.Relevance : SearchKit.Searching.SearchSort.Parse(settings.Sort);
        var facets = settings.Facets.Select(SearchKit.Searching.FacetRequest.Parse).ToList();
        var mode = SearchModeOptions.ParseMode(settings.Mode);
        var hybrid = SearchModeOptions.Hybrid(settings.Fusion);
        if (settings.From is not null && mode != SearchKit.Searching.SearchMode.Keyword)
        {
            throw new UsageException("--from searches a cluster by keywords only: --mode semantic and hybrid need the embedded index");
        }

        using var cluster = settings.From is { } url
            ? (settings.Index is null ? host.RequireCluster("--from").OpenForSearch(host, url) : throw new UsageException("--from and --index name two indexes; give one"))
            : null;
        using var session = cluster is null ? SearchSession.Open(host, host.ResolveIndex(settings.Index), mode) : null;
        ISearchBackend index = cluster ?? session!.Index;
        var options = SearchRenderer.Options(settings.Top, settings.Skip, settings.Passages, settings.Explain, settings.Json) with
        {
            Filters = filters,
            Sort = sort,
            After = settings.After,
            Facets = facets,
            Mode = mode,
            Hybrid = hybrid,
        };
        if (settings.TrecRun)
        {
            // Only ids and scores are printed: skip paragraph attribution, which costs most of a search.
            var ranked = index.Search(text, options with { Paragraphs = false }, cancellationToken);
            TrecRunWriter.Write(host.Out, settings.QueryId, ranked, settings.RunTag);
            return ExitCodes.Success;
        }

        // Ctrl-C and SIGTERM cancel the token: a slow query stops at once instead of running to its time limit.
        var results = index.Search(text, options, cancellationToken);
        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(SearchRenderer.ToJson(results));
        }
        else
        {
            SearchRenderer.Write(output, results, options, host.CurrentDirectory);
            if (results.NextCursor is { } next)
            {
                output.Line();
                output.Line($"[dim]next page:[/] --after {Markup.Escape(next)}");
            }
        }

        return ExitCodes.Success;
    }
}
