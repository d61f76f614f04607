using System.Globalization;
using System.Text;

namespace SearchKit.Cli.Rendering;

/// <summary>
/// Makes text from the index or the file system safe to print: a title, id, path or paragraph can hold an ANSI
/// escape sequence that recolours or rewrites the terminal, a newline that fakes a result line, or a bidirectional
/// override that reorders what is shown. Each such character is replaced by one visible stand-in (␛ for ESC, ␊ for
/// a line feed, the Unicode control pictures for the rest of C0, U+FFFD otherwise), one character for one, so that
/// offsets into the text (highlight spans) stay valid.
/// </summary>
internal static class TerminalText
{
    /// <summary>The text with every control character replaced by a visible stand-in; the same string when it has none.</summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        int first = 0;
        while (first < text.Length && !IsUnsafe(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            sb.Append(!IsUnsafe(c) ? c : c < 0x20 ? (char)(0x2400 + c) : c == 0x7F ? '\u2421' : '\uFFFD');
        }

        return sb.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional embeddings, overrides and isolates.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>
    /// A message with every overlong run of non-space characters cut to its start and end, so that an error quoting
    /// a hostile value (a 60,000-character id or query) stays one readable line; the same string when none is longer
    /// than <paramref name="longest"/>.
    /// </summary>
    public static string Shorten(string text, int longest = 100)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= longest)
        {
            return text;
        }

        var sb = new StringBuilder();
        int start = 0;
        while (start < text.Length)
        {
            int end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            int length = end - start;
            if (length > longest)
            {
                int head = longest * 2 / 3, tail = longest / 6;
                sb.Append(text, start, head).Append(CultureInfo.InvariantCulture, $"…[{length - head - tail:N0} characters]…").Append(text, end - tail, tail);
            }
            else
            {
                sb.Append(text, start, length);
            }

            int spaces = end;
            while (spaces < text.Length && char.IsWhiteSpace(text[spaces]))
            {
                spaces++;
            }

            sb.Append(text, end, spaces - end);
            start = spaces;
        }

        return sb.ToString();
    }
}
