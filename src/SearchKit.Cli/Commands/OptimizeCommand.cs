using System.ComponentModel;
using System.Globalization;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class OptimizeSettings : IndexedSettings
{
    [CommandOption("--segments <N>")]
    [Description("Merge down to at most this many segments.")]
    [DefaultValue(1)]
    public int Segments { get; init; } = 1;

    public override ValidationResult Validate() =>
        Segments < 1 ? ValidationResult.Error("--segments must be at least 1") : ValidationResult.Success();
}

/// <summary><c>searchkit optimize</c>: force-merges the index and reports the size before and after.</summary>
internal sealed class OptimizeCommand(CliHost host) : Command<OptimizeSettings>
{
    public override int Execute(CommandContext context, OptimizeSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForWriting(host);
        var before = index.GetStats(0);
        index.Optimize(settings.Segments);
        var after = index.GetStats(0);
        var output = new Output(host.Out, host.OutIsTerminal);
        output.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"Optimized: {before.Segments} → {after.Segments} segments, {before.SizeBytes / 1e6:0.00} → {after.SizeBytes / 1e6:0.00} MB, {after.Articles:N0} articles."));
        return ExitCodes.Success;
    }
}
