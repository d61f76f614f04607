using System.ComponentModel;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class CheckSettings : IndexedSettings
{
    [CommandOption("--repair")]
    [Description("Drop the segments that cannot be read, losing the articles in them (needs --yes; stop writers first).")]
    public bool Repair { get; init; }

    [CommandOption("--yes")]
    [Description("Confirm --repair.")]
    public bool Yes { get; init; }

    public override ValidationResult Validate() =>
        Repair && !Yes
            ? ValidationResult.Error("--repair drops the damaged segments and every article in them; run 'searchkit check' to see how many, then add --yes to confirm")
            : ValidationResult.Success();
}

/// <summary><c>searchkit check</c>: Lucene's CheckIndex; exit code 4 when the index is damaged (and not repaired).</summary>
internal sealed class CheckCommand(CliHost host) : Command<CheckSettings>
{
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        var path = host.ResolveIndex(settings.Index);
        var report = SearchIndex.Check(path, settings.Repair, settings.Verbose ? host.Error : null);
        var output = new Output(host.Out, host.OutIsTerminal);
        if (report.Healthy)
        {
            output.Line($"[green]OK[/]: {Markup.Escape(path)} is healthy ({report.Segments} segments).");
            return ExitCodes.Success;
        }

        output.Line($"[red]DAMAGED[/]: {Markup.Escape(path)}: {report.BadSegments} of {report.Segments} segments cannot be read.");
        foreach (var problem in report.Problems)
        {
            output.Line($"  {Markup.Escape(problem)}");
        }

        if (report.Repaired)
        {
            output.Line($"Repaired: dropped {report.BadSegments} segments and the {report.ArticlesLost:N0} articles in them; re-index their files to bring them back.");
            return ExitCodes.Success;
        }

        output.Line($"A repair would lose {report.ArticlesLost:N0} articles: searchkit check --repair --yes (or rebuild with searchkit index --rebuild).");
        host.Error.WriteLine($"searchkit: {path}: the index is damaged ({report.BadSegments} bad segments, {report.ArticlesLost:N0} articles at stake)");
        return ExitCodes.IndexProblem;
    }
}
