using System.ComponentModel;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class SearchSettings : IndexedSettings
{
    [CommandArgument(0, "<QUERY>")]
    [Description("The query in Lucene syntax (words, \"phrases\", AND/OR/NOT, +/-, field:term, prefix*, fuzzy~); several words are joined with spaces.")]
    public string[] Query { get; init; } = [];

    [CommandOption("--top <N>")]
    [Description("Hits to show.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--skip <N>")]
    [Description("Hits to skip, for paging.")]
    [DefaultValue(0)]
    public int Skip { get; init; }

    [CommandOption("--passages")]
    [Description("Rank single paragraphs instead of articles: each hit has exactly the one paragraph ranked.")]
    public bool Passages { get; init; }

    [CommandOption("--explain")]
    [Description("Show Lucene's explanation of each score.")]
    public bool Explain { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: query, total, tookMs and hits (id, title, path, score, paragraphs with index, heading, text, snippet).")]
    public bool Json { get; init; }

    public string Text => string.Join(' ', Query);

    public override ValidationResult Validate()
    {
        if (Top is < 0 or > 100_000 || Skip is < 0 or > 100_000)
        {
            return ValidationResult.Error("--top and --skip must be between 0 and 100000");
        }

        return string.IsNullOrWhiteSpace(Text) ? ValidationResult.Error("the query is empty") : ValidationResult.Success();
    }
}

/// <summary><c>searchkit search QUERY</c>: one search, rendered for people or as JSON.</summary>
internal sealed class SearchCommand(CliHost host) : Command<SearchSettings>
{
    public override int Execute(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var options = SearchRenderer.Options(settings.Top, settings.Skip, settings.Passages, settings.Explain, settings.Json);
        var results = index.Search(settings.Text, options);
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
