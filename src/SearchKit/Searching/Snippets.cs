namespace SearchKit.Searching;

/// <summary>Builds snippets like <see cref="ParagraphMatch.Snippet"/> from a paragraph's text and highlight spans.</summary>
public static class Snippets
{
    /// <summary>
    /// An excerpt of <paramref name="text"/> of at most <paramref name="maxLength"/> characters (plus ellipses)
    /// around the first highlight, each highlight between <paramref name="start"/> and <paramref name="end"/>. Use it
    /// to mark up a text you have escaped or transformed one character for one (for HTML, escape each piece instead).
    /// </summary>
    /// <param name="text">The paragraph text.</param>
    /// <param name="highlights">Spans into <paramref name="text"/>, in order, as in <see cref="ParagraphMatch.Highlights"/>.</param>
    /// <param name="maxLength">The longest excerpt, before markers; at least 20.</param>
    /// <param name="start">Put before each highlight.</param>
    /// <param name="end">Put after each highlight.</param>
    public static string Build(string text, IReadOnlyList<TextSpan> highlights, int maxLength, string start, string end)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 20);
        var valid = highlights.Where(s => s.Start >= 0 && s.Length >= 0 && s.Start + s.Length <= text.Length).ToList();
        return SnippetBuilder.Build(text, valid, maxLength, start, end);
    }
}
