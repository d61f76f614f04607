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
            output.Line($"[green]OK[/]: {Markup.Escape(path)} is healthy ({report.Segments} segments, {report.Articles:N0} articles).");
            return ExitCodes.Success;
        }

        if (report.Inconclusive)
        {
            // Not exit 4: nothing was found wrong, and a monitoring script must be able to trust exit 4.
            output.Line($"[yellow]UNKNOWN[/]: {Markup.Escape(path)}: {Markup.Escape(report.Problems[0])}.");
            host.Error.WriteLine($"searchkit: {path}: could not get a stable view of the index (a writer is committing very often); check again later");
            return ExitCodes.Failure;
        }

        output.Line(report.Repairable || report.Repaired
            ? $"[red]DAMAGED[/]: {Markup.Escape(path)}: {report.BadSegments} of {report.Segments} segments cannot be read."
            : $"[red]DAMAGED[/]: {Markup.Escape(path)}: the commit point (segments_N) is missing or unreadable.");
        foreach (var problem in report.Problems)
        {
            output.Line($"  {Markup.Escape(problem)}");
        }

        if (report.Repaired)
        {
            output.Line($"Repaired: dropped {report.BadSegments} segments and the {report.ArticlesLost:N0} articles in them; re-run 'searchkit index' over their files to bring them back.");
            return ExitCodes.Success;
        }

        if (!report.Repairable)
        {
            output.Line("It cannot be repaired: restore a backup, or rebuild it from the sources with 'searchkit index --rebuild SOURCES'.");
            host.Error.WriteLine($"searchkit: {path}: the index is damaged beyond repair (no readable commit point)");
            return ExitCodes.IndexProblem;
        }

        if (report.Articles > 0 && report.ArticlesLost >= report.Articles)
        {
            output.Line($"A repair would drop [bold]every article[/] of the index ({report.ArticlesLost:N0}): the damaged segments hold them all, so the index would be empty.");
            output.Line("To get them back, re-run 'searchkit index' over the sources after the repair, or rebuild instead with 'searchkit index --rebuild SOURCES'.");
            output.Line("To repair anyway: searchkit check --repair --yes");
        }
        else
        {
            output.Line($"A repair would lose {report.ArticlesLost:N0} of {report.Articles:N0} articles: searchkit check --repair --yes (then re-run 'searchkit index' over the sources to bring them back), or rebuild with 'searchkit index --rebuild SOURCES'.");
        }

        host.Error.WriteLine($"searchkit: {path}: the index is damaged ({report.BadSegments} bad segments, {report.ArticlesLost:N0} articles at stake)");
        return ExitCodes.IndexProblem;
    }
}
