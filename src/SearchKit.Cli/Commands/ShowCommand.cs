using System.ComponentModel;
using SearchKit.Cli.Rendering;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class ShowSettings : IndexedSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The article id (as search shows it).")]
    public string Id { get; init; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print the article as one JSON object.")]
    public bool Json { get; init; }
}

/// <summary><c>searchkit show ID</c>: one article read back from the index.</summary>
internal sealed class ShowCommand(CliHost host) : Command<ShowSettings>
{
    public override int Execute(CommandContext context, ShowSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var article = index.Get(settings.Id);
        if (article is null)
        {
            host.Error.WriteLine($"searchkit: no article with id '{settings.Id}' in {index.Location}");
            return ExitCodes.Failure;
        }

        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(ArticleRenderer.ToJson(article));
            return ExitCodes.Success;
        }

        ArticleRenderer.Write(output, article, host.CurrentDirectory);
        return ExitCodes.Success;
    }
}
