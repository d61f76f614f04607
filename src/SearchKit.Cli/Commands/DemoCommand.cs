using System.ComponentModel;
using SearchKit.Cli.Rendering;
using SearchKit.Indexing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class DemoSettings : CommandSettings
{
    [CommandOption("--samples <DIR>")]
    [Description("The folder of articles to index. Default: the samples/ bundled next to the executable.")]
    public string? Samples { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show full error details (stack traces).")]
    public bool Verbose { get; init; }
}

/// <summary>
/// <c>searchkit demo</c>: indexes the bundled samples into a temporary index, runs a few example queries and
/// shows their paragraph hits, then deletes the index.
/// </summary>
internal sealed class DemoCommand(CliHost host) : Command<DemoSettings>
{
    /// <summary>
    /// The example queries: a word, a phrase, an OR across articles, a word under a section heading, and two on the
    /// saved web page: a phrase of its article, and words of its cookie banner and comments, which are not indexed.
    /// </summary>
    internal static IReadOnlyList<(string Query, bool Passages)> Queries { get; } =
    [
        ("ferry", false),
        ("\"night hours\"", false),
        ("heron OR puffin", false),
        ("station shuttle", true),
        ("gauge", false),
        ("cookies OR comments", false),
    ];

    public override int Execute(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var samples = settings.Samples is not null ? host.ResolvePath(settings.Samples) : FindSamples();
        if (!Directory.Exists(samples))
        {
            throw new UsageException($"{samples}: no samples folder here (pass --samples DIR)");
        }

        var output = new Output(host.Out, host.OutIsTerminal);
        var indexPath = Path.Combine(Path.GetTempPath(), $"searchkit-demo-{Guid.NewGuid():N}");
        try
        {
            IndexingReport report;
            using (var index = SearchIndex.Open(indexPath))
            {
                output.Line($"[bold]Indexing[/] {Markup.Escape(samples)} into a temporary index");
                report = IndexProgressView.Run(host, progress => index.IndexFiles([samples], null, progress, cancellationToken));
                IndexRenderer.WriteSummary(output, report);
            }

            using (var index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true }))
            {
                foreach (var (query, passages) in Queries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    output.Line();
                    output.Line($"[green]$ searchkit search {Markup.Escape(query.Contains(' ', StringComparison.Ordinal) ? $"'{query}'" : query)}{(passages ? " --passages" : string.Empty)}[/]");
                    var options = SearchRenderer.Options(3, 0, passages, explain: false, json: false);
                    SearchRenderer.Write(output, index.Search(query, options), options, samples);
                }
            }

            output.Line();
            output.Line("Next: [bold]searchkit index YOUR-FOLDER[/], then [bold]searchkit search WORDS[/] or [bold]searchkit shell[/]; add --json for machine output.");
            return report.Failures.Count > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Success;
        }
        finally
        {
            TryDelete(indexPath);
        }
    }

    private string FindSamples()
    {
        var bundled = Path.Combine(host.BaseDirectory, "samples");
        return Directory.Exists(bundled) ? bundled : host.ResolvePath("samples");
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the OS cleans the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
