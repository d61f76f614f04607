using System.Text;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Searching;

/// <summary>Turns a whole-paragraph highlight (terms between markers) into spans of the paragraph's own text.</summary>
internal static class HighlightSpans
{
    /// <summary>
    /// The spans of the marked terms of <paramref name="marked"/> in <paramref name="text"/>; empty when the
    /// highlight is not <paramref name="text"/> with markers added (a highlighter that rewrote it is not trusted).
    /// </summary>
    public static IReadOnlyList<TextSpan> Read(string marked, string text, string pre, string post)
    {
        var spans = new List<TextSpan>();
        var plain = new StringBuilder(text.Length);
        int at = 0, start = -1;
        while (at < marked.Length)
        {
            if (string.CompareOrdinal(marked, at, pre, 0, pre.Length) == 0)
            {
                start = plain.Length;
                at += pre.Length;
            }
            else if (string.CompareOrdinal(marked, at, post, 0, post.Length) == 0)
            {
                if (start >= 0 && plain.Length > start)
                {
                    // Adjacent marked terms of a phrase stay separate spans, as the embedded index gives them.
                    spans.Add(new TextSpan(start, plain.Length - start));
                }

                start = -1;
                at += post.Length;
            }
            else
            {
                plain.Append(marked[at++]);
            }
        }

        return plain.ToString() == text ? spans : [];
    }
}
