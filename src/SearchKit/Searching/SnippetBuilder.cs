using System.Text;

namespace SearchKit.Searching;

/// <summary>Cuts an excerpt around the matches of a paragraph and marks the matched terms.</summary>
internal static class SnippetBuilder
{
    public static string Build(string text, IReadOnlyList<TextSpan> spans, int maxLength, string start, string end)
    {
        int from = 0;
        int to = text.Length;
        if (text.Length > maxLength)
        {
            // Put the first match about a quarter into the window, then snap both ends to word boundaries.
            int first = spans.Count > 0 ? spans[0].Start : 0;
            from = Math.Max(0, Math.Min(first - (maxLength / 4), text.Length - maxLength));
            to = Math.Min(text.Length, from + maxLength);
            if (from > 0)
            {
                int space = text.IndexOf(' ', from);
                from = space >= 0 && space < first ? space + 1 : from;
            }

            if (to < text.Length)
            {
                int space = text.LastIndexOf(' ', to - 1, to - from);
                to = space > from && (spans.Count == 0 || space >= spans[0].Start + spans[0].Length) ? space : to;
            }
        }

        var sb = new StringBuilder(to - from + 16);
        if (from > 0)
        {
            sb.Append('…');
        }

        int at = from;
        foreach (var span in spans)
        {
            if (span.Start < at || span.Start + span.Length > to)
            {
                continue;
            }

            sb.Append(text, at, span.Start - at).Append(start).Append(text, span.Start, span.Length).Append(end);
            at = span.Start + span.Length;
        }

        sb.Append(text, at, to - at);
        if (to < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }
}
