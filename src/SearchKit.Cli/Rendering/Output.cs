using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>
/// One output stream. On a terminal, lines are Spectre markup rendered with colour; otherwise the markup is
/// stripped and the text is written as it is (no colour codes, no wrapping), so it pipes cleanly.
/// </summary>
internal sealed class Output
{
    private readonly TextWriter _writer;

    public Output(TextWriter writer, bool terminal)
    {
        _writer = writer;
        IsTerminal = terminal;
        Console = CreateConsole(writer, terminal);
    }

    /// <summary>Whether colour and terminal widgets are used.</summary>
    public bool IsTerminal { get; }

    /// <summary>The Spectre console over the same stream, for help, tables and progress bars.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>
    /// Writes one line of Spectre markup (escape user text with <see cref="Markup.Escape"/>). Control characters in
    /// it are shown as visible stand-ins (<see cref="TerminalText"/>): text from the index never drives the terminal
    /// or starts a line of its own.
    /// </summary>
    public void Line(string markup = "")
    {
        markup = TerminalText.Neutralise(markup);
        if (IsTerminal)
        {
            Console.MarkupLine(markup);
        }
        else
        {
            _writer.WriteLine(Markup.Remove(markup));
        }
    }

    /// <summary>Writes text as it is, without markup: JSON, logs.</summary>
    public void Raw(string text) => _writer.WriteLine(text);

    /// <summary>A Spectre console over a writer: colour and interaction only when it is a terminal.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool terminal) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
