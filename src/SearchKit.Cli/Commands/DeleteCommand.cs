using System.ComponentModel;
using SearchKit.Cli.Rendering;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class DeleteSettings : IndexedSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Ids of the articles to delete.")]
    public string[] Ids { get; init; } = [];
}

/// <summary>
/// <c>searchkit delete ID…</c>: deletes articles and commits. Ids not in the index are reported, not an error
/// (deleting is idempotent). An article whose file is still in an indexed folder comes back with the next
/// <c>index</c> run only if the file changes.
/// </summary>
internal sealed class DeleteCommand(CliHost host) : Command<DeleteSettings>
{
    public override int Execute(CommandContext context, DeleteSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForWriting(host);
        var missing = new List<string>();
        int deleted = 0;
        foreach (var id in settings.Ids.Distinct(StringComparer.Ordinal))
        {
            if (index.Get(id) is null)
            {
                missing.Add(id);
                continue;
            }

            index.Delete(id);
            deleted++;
        }

        index.Commit();
        var output = new Output(host.Out, host.OutIsTerminal);
        output.Line($"Deleted {deleted} article{(deleted == 1 ? string.Empty : "s")}.");
        if (missing.Count > 0)
        {
            host.Error.WriteLine($"searchkit: not in the index: {string.Join(", ", missing)}");
        }

        return ExitCodes.Success;
    }
}
