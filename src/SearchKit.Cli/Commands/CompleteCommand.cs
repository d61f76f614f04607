using System.ComponentModel;
using SearchKit.Cli.Rendering;
using SearchKit.Searching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class CompleteSettings : IndexedSettings
{
    [CommandArgument(0, "<PREFIX>")]
    [Description("What was typed into the search box; with several words, the last one is completed.")]
    public string[] Prefix { get; init; } = [];

    [CommandOption("--top <N>")]
    [Description("Completions to show, 1 to 100.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--json")]
    [Description("Print a JSON array of {\"text\",\"kind\":\"word|title\",\"articles\"}.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Top is < 1 or > 100 ? ValidationResult.Error("--top must be between 1 and 100") : ValidationResult.Success();
}

/// <summary><c>searchkit complete PREFIX</c>: the completions a search box would offer.</summary>
internal sealed class CompleteCommand(CliHost host) : Command<CompleteSettings>
{
    public override int Execute(CommandContext context, CompleteSettings settings, CancellationToken cancellationToken)
    {
        var prefix = string.Join(' ', settings.Prefix);
        if (prefix.Length > 200)
        {
            throw new UsageException($"the prefix is {prefix.Length} characters long, over the limit of 200");
        }

        using var index = settings.OpenForReading(host);
        var completions = index.Complete(prefix, settings.Top);
        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(Json.Write(w =>
            {
                w.WriteStartArray();
                foreach (var c in completions)
                {
                    w.WriteStartObject();
                    w.WriteString("text", c.Text);
                    w.WriteString("kind", c.Kind == CompletionKind.Title ? "title" : "word");
                    w.WriteNumber("articles", c.Articles);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
            return ExitCodes.Success;
        }

        if (completions.Count == 0)
        {
            output.Line($"No completions for [italic]{Markup.Escape(TerminalText.Neutralise(prefix))}[/].");
            return ExitCodes.Success;
        }

        foreach (var c in completions)
        {
            string kind = c.Kind == CompletionKind.Title ? "title" : "word ";
            output.Line($"[dim]{kind}[/]  {Markup.Escape(TerminalText.Neutralise(c.Text))}  [dim]({c.Articles:N0} article{(c.Articles == 1 ? string.Empty : "s")})[/]");
        }

        return ExitCodes.Success;
    }
}
