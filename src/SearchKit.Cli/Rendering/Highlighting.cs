using System.Text;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>Turns snippets with matched-term markers into markup: colour on a terminal, plain markers otherwise.</summary>
internal static class Highlighting
{
    /// <summary>
    /// Control characters asked of the library as snippet markers for human output: they do not occur in
    /// article text, so they can be told apart from a literal « or [ in the text.
    /// </summary>
    public const string Start = "\u0002";

    /// <summary>The end marker, see <see cref="Start"/>.</summary>
    public const string End = "\u0003";

    /// <summary>The markers written around matched terms when there is no colour.</summary>
    public const string PlainStart = "«";

    /// <summary>The end marker written when there is no colour.</summary>
    public const string PlainEnd = "»";

    /// <summary>The snippet as escaped markup, its matched terms emphasised.</summary>
    public static string ToMarkup(string snippet, bool color)
    {
        var markup = new StringBuilder(snippet.Length + 32);
        int at = 0;
        while (at < snippet.Length)
        {
            int open = snippet.IndexOf(Start, at, StringComparison.Ordinal);
            if (open < 0)
            {
                markup.Append(Markup.Escape(snippet[at..]));
                break;
            }

            int close = snippet.IndexOf(End, open + Start.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                close = snippet.Length;
            }

            markup.Append(Markup.Escape(snippet[at..open]));
            var term = Markup.Escape(snippet[(open + Start.Length)..close]);
            markup.Append(color ? $"[bold yellow]{term}[/]" : Markup.Escape(PlainStart) + term + Markup.Escape(PlainEnd));
            at = Math.Min(snippet.Length, close + End.Length);
        }

        return markup.ToString();
    }
}
