using System.ComponentModel;
using System.Globalization;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class ShellSettings : IndexedSettings
{
    [CommandOption("--top <N>")]
    [Description("Hits to show per query (change with :top N).")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--json")]
    [Description("Start with JSON output, one object per query (toggle with :json).")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Top is < 0 or > 100_000 ? ValidationResult.Error("--top must be between 0 and 100000") : ValidationResult.Success();
}

/// <summary>
/// <c>searchkit shell</c>: ad-hoc queries against one open index. On a terminal it prompts; line editing and
/// history are what the terminal's own line input gives (<see cref="TextReader.ReadLine"/>: no line-editing
/// package is kept for us). With piped input it runs one query per line.
/// </summary>
internal sealed class ShellCommand(CliHost host) : Command<ShellSettings>
{
    private const string Help = """
        Type a query (Lucene syntax) and press Enter. Commands:
          :top N      show N hits per query
          :json       toggle JSON output (one object per query)
          :explain    toggle score explanations
          :passages   toggle passage mode (rank single paragraphs)
          :help       this help
          :quit       leave (or Ctrl-D)
        """;

    public override int Execute(CommandContext context, ShellSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var output = new Output(host.Out, host.OutIsTerminal);
        bool interactive = host.InIsTerminal;
        int top = settings.Top;
        bool json = settings.Json, explain = false, passages = false, anyBadQuery = false;
        if (interactive)
        {
            output.Line($"searchkit shell on [bold]{Markup.Escape(index.Location)}[/]; :help for commands, :quit or Ctrl-D to leave.");
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                host.Out.Write("searchkit> ");
                host.Out.Flush();
            }

            var line = host.In.ReadLine();
            if (line is null)
            {
                if (interactive)
                {
                    host.Out.WriteLine(); // Ctrl-D: end the prompt line before the shell's own prompt comes back
                }

                break;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith(':'))
            {
                var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                switch (parts[0])
                {
                    case ":quit" or ":q" or ":exit":
                        return anyBadQuery && !interactive ? ExitCodes.BadQuery : ExitCodes.Success;
                    case ":help" or ":h" or ":?":
                        output.Raw(Help);
                        break;
                    case ":json":
                        json = !json;
                        Say(output, $"JSON output {(json ? "on" : "off")}", json);
                        break;
                    case ":explain":
                        explain = !explain;
                        Say(output, $"explanations {(explain ? "on" : "off")}", json);
                        break;
                    case ":passages":
                        passages = !passages;
                        Say(output, $"passage mode {(passages ? "on" : "off")}", json);
                        break;
                    case ":top" when parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000:
                        top = n;
                        Say(output, $"showing {top} hits per query", json);
                        break;
                    default:
                        host.Error.WriteLine($"searchkit: unknown shell command '{line}'; :help lists them");
                        break;
                }

                continue;
            }

            var options = SearchRenderer.Options(top, 0, passages, explain, json);
            try
            {
                var results = index.Search(line, options);
                if (json)
                {
                    output.Raw(SearchRenderer.ToJson(results));
                }
                else
                {
                    SearchRenderer.Write(output, results, options, host.CurrentDirectory);
                    output.Line();
                }
            }
            catch (SearchKitQueryException e)
            {
                // A bad query is reported and the shell goes on; piped runs still end with exit code 3.
                anyBadQuery = true;
                host.Error.WriteLine($"searchkit: {SearchKitApp.Describe(e).Message}");
            }
        }

        return anyBadQuery && !interactive ? ExitCodes.BadQuery : ExitCodes.Success;
    }

    /// <summary>Acknowledges a shell command, except in JSON mode where stdout carries only JSON.</summary>
    private void Say(Output output, string text, bool json)
    {
        if (json)
        {
            host.Error.WriteLine(text);
        }
        else
        {
            output.Line($"[dim]{Markup.Escape(text)}[/]");
        }
    }
}
