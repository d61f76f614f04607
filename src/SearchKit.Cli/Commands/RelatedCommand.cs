using System.ComponentModel;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class RelatedSettings : IndexedSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The id of the article to find related articles for (as 'search' and 'show' print it).")]
    public string Id { get; init; } = string.Empty;

    [CommandOption("--top <N>")]
    [Description("Related articles to show.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--skip <N>")]
    [Description("Related articles to skip, for paging.")]
    [DefaultValue(0)]
    public int Skip { get; init; }

    [CommandOption("--filter <EXPR>")]
    [Description("Only related articles whose metadata pass EXPR (repeatable; all must hold), as search --filter: tags=oil, category!=sport, published>=2024-01-01, wordcount=100..500, url?.")]
    public string[] Filters { get; init; } = [];

    [CommandOption("--facet <FACET>")]
    [Description("Count the related articles per value of a field, as search --facet (repeatable): FIELD, FIELD:N, FIELD:month, FIELD:0..100,100..")]
    public string[] Facets { get; init; } = [];

    [CommandOption("--json")]
    [Description("Print one JSON object of the same shape as 'search --json' (query is the id).")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Top is < 0 or > 100_000 || Skip is < 0 or > 100_000 ? ValidationResult.Error("--top and --skip must be between 0 and 100000") : ValidationResult.Success();
}

/// <summary><c>searchkit related ID</c>: the articles most like one article, rendered as search results.</summary>
internal sealed class RelatedCommand(CliHost host) : Command<RelatedSettings>
{
    public override int Execute(CommandContext context, RelatedSettings settings, CancellationToken cancellationToken)
    {
        // Read before the index is opened: a malformed filter or facet is the user's to fix whatever the index.
        var filters = settings.Filters.Select(SearchKit.Searching.SearchFilter.Parse).ToList();
        var facets = settings.Facets.Select(SearchKit.Searching.FacetRequest.Parse).ToList();
        using var index = settings.OpenForReading(host);

        // Checked here rather than left to the library's query error, which the host would call a malformed query.
        if (index.Get(settings.Id) is null)
        {
            host.Error.WriteLine($"searchkit: no article with id '{settings.Id}' in {index.Location}");
            return ExitCodes.Failure;
        }

        var options = SearchRenderer.Options(settings.Top, settings.Skip, passages: false, explain: false, settings.Json) with { Filters = filters, Facets = facets };
        var results = index.Related(settings.Id, options, cancellationToken);
        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(SearchRenderer.ToJson(results));
        }
        else
        {
            SearchRenderer.Write(output, results, options, host.CurrentDirectory);
        }

        return ExitCodes.Success;
    }
}
