using System.ComponentModel;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class StatsSettings : IndexedSettings
{
    [CommandOption("--terms <N>")]
    [Description("How many of the most frequent terms to list.")]
    [DefaultValue(10)]
    public int Terms { get; init; } = 10;

    [CommandOption("--json")]
    [Description("Print one JSON object: articles, paragraphs, segments, sizeBytes, analyzer, lastCommit, deletedArticles, topTerms.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Terms is < 0 or > 10_000 ? ValidationResult.Error("--terms must be between 0 and 10000") : ValidationResult.Success();
}

/// <summary><c>searchkit stats</c>: counts and facts about the index at its last commit.</summary>
internal sealed class StatsCommand(CliHost host) : Command<StatsSettings>
{
    public override int Execute(CommandContext context, StatsSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var stats = index.GetStats(settings.Terms);
        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(StatsRenderer.ToJson(stats));
            return ExitCodes.Success;
        }

        StatsRenderer.Write(output, index.Location, stats);
        return ExitCodes.Success;
    }
}
