using System.ComponentModel;
using System.Globalization;
using SearchKit.Cli.Rendering;
using SearchKit.Elasticsearch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class ExportSettings : IndexedSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("What to write: elasticsearch (the index template and _bulk NDJSON files).")]
    public string? Format { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The folder to write into (created when missing): template.json, bulk-0001.ndjson, bulk-0002.ndjson, …")]
    public string? Out { get; init; }

    [CommandOption("--es-index <NAME>")]
    [Description("The Elasticsearch index the action lines and the template name.")]
    [DefaultValue(ElasticsearchOptions.DefaultIndexName)]
    public string EsIndex { get; init; } = ElasticsearchOptions.DefaultIndexName;

    [CommandOption("--max-file-mb <MB>")]
    [Description("The largest bulk file, in MB (an article larger than that alone still gets a file of its own). Keep it under the cluster's http.max_content_length (100 MB by default).")]
    [DefaultValue(50)]
    public int MaxFileMB { get; init; } = 50;

    public override ValidationResult Validate()
    {
        if (!string.Equals(Format, "elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error(Format is null ? "--format is required: elasticsearch" : $"unknown export format '{Format}'; known: elasticsearch");
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out DIR is required: the folder to write into");
        }

        if (MaxFileMB is < 1 or > 1024)
        {
            return ValidationResult.Error("--max-file-mb must be between 1 and 1024");
        }

        return ElasticsearchOptions.IndexProblem(EsIndex) is { } problem ? ValidationResult.Error($"--es-index: {problem}") : ValidationResult.Success();
    }
}

/// <summary><c>searchkit export --format elasticsearch --out DIR</c>: the index's articles as a template and _bulk files for one's own loading tools.</summary>
internal sealed class ExportCommand(CliHost host) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var folder = host.ResolvePath(settings.Out!);
        var report = ElasticsearchExport.Write(ElasticsearchExport.ReadAll(index, cancellationToken), folder, settings.EsIndex, settings.MaxFileMB * 1024L * 1024L, cancellation: cancellationToken);
        var output = new Output(host.Out, host.OutIsTerminal);
        var bulkFiles = report.Files.Count - 1;
        output.Line($"Exported [bold]{report.Articles.ToString("N0", CultureInfo.InvariantCulture)}[/] articles to {Markup.Escape(folder)}: {bulkFiles} bulk file{(bulkFiles == 1 ? string.Empty : "s")} and template.json");
        output.Line($"[dim]load: PUT _index_template/{Markup.Escape(settings.EsIndex)} with template.json, then POST _bulk with each bulk-NNNN.ndjson (Content-Type: application/x-ndjson)[/]");
        return ExitCodes.Success;
    }
}
