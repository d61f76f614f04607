using System.ComponentModel;
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
    [DefaultValue(DefaultEsIndex)]
    public string EsIndex { get; init; } = DefaultEsIndex;

    /// <summary>SearchKit.Elasticsearch's default index name, which this build of the host may not reference.</summary>
    internal const string DefaultEsIndex = "searchkit";

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

        // Whether Elasticsearch accepts the --es-index name is checked by the export itself, in the builds that have it.
        return ValidationResult.Success();
    }
}

/// <summary>
/// <c>searchkit export --format elasticsearch --out DIR</c>: the index's articles as a template and _bulk files for
/// one's own loading tools, written by the builds of the tool with the Elasticsearch backend.
/// </summary>
internal sealed class ExportCommand(CliHost host) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken) =>
        host.RequireCluster("export --format elasticsearch").Export(host, settings, cancellationToken);
}
