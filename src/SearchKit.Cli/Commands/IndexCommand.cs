using System.ComponentModel;
using System.Globalization;
using SearchKit.Analysis;
using SearchKit.Cli.Rendering;
using SearchKit.Indexing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class IndexSettings : IndexedSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Files or folders to index (folders recursively: *.txt plain text, *.jsonl JSON Lines).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--threads <N>")]
    [Description("Threads to read and analyse with. Default: all cores.")]
    public int? Threads { get; init; }

    [CommandOption("--analyzer <NAME>")]
    [Description("The analyzer for a new index (english, standard, simple, german, ...). Default: the index's own, or english.")]
    public string? Analyzer { get; init; }

    [CommandOption("--rebuild")]
    [Description("Start afresh: empty the index first.")]
    public bool Rebuild { get; init; }

    public override ValidationResult Validate()
    {
        if (Threads is < 1)
        {
            return ValidationResult.Error("--threads must be at least 1");
        }

        if (Analyzer is not null && !AnalyzerCatalog.IsKnown(Analyzer))
        {
            return ValidationResult.Error($"unknown analyzer '{Analyzer}'; known: {string.Join(", ", AnalyzerCatalog.Names)}");
        }

        return ValidationResult.Success();
    }
}

/// <summary><c>searchkit index PATH…</c>: an incremental indexing run with progress and a summary.</summary>
internal sealed class IndexCommand(CliHost host) : Command<IndexSettings>
{
    public override int Execute(CommandContext context, IndexSettings settings, CancellationToken cancellationToken)
    {
        var paths = settings.Paths.Select(host.ResolvePath).ToList();
        foreach (var (given, full) in settings.Paths.Zip(paths))
        {
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                throw new UsageException($"{given}: no such file or folder");
            }
        }

        var options = new SearchIndexOptions { AnalyzerName = settings.Analyzer, Recreate = settings.Rebuild };
        using var index = SearchIndex.Open(host.ResolveIndex(settings.Index), options);
        var report = IndexProgressView.Run(host, progress =>
            index.IndexFiles(paths, new IndexingOptions { Threads = settings.Threads }, progress, cancellationToken));

        var output = new Output(host.Out, host.OutIsTerminal);
        WriteSummary(output, report);
        if (report.Cancelled)
        {
            host.Error.WriteLine("searchkit: interrupted; the articles indexed until then are committed");
            return ExitCodes.Failure;
        }

        if (report.Failures.Count > 0)
        {
            host.Error.WriteLine($"searchkit: {report.Failures.Count} file(s) or line(s) could not be indexed (listed above); the rest are indexed and committed");
            return ExitCodes.SomeFilesFailed;
        }

        return ExitCodes.Success;
    }

    /// <summary>The run's summary: counts, throughput and each failure with its reason.</summary>
    internal static void WriteSummary(Output output, IndexingReport report)
    {
        double seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]Indexed {report.Indexed:N0} articles[/] in {report.Elapsed.TotalSeconds:0.00} s ({report.Indexed / seconds:N1} articles/s, {report.Bytes / 1e6 / seconds:0.00} MB/s)");
        output.Line(line);
        output.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"  {report.Added:N0} added, {report.Updated:N0} updated, {report.Unchanged:N0} unchanged, {report.Removed:N0} removed; {report.Paragraphs:N0} paragraphs, {report.Bytes:N0} bytes"));
        if (report.Failures.Count > 0)
        {
            output.Line($"[red]{report.Failures.Count} failed:[/]");
            foreach (var failure in report.Failures)
            {
                output.Line($"  [red]{Markup.Escape(failure.Message)}[/]");
            }
        }
    }
}
