using System.Text;

namespace SearchKit.Articles;

/// <summary>
/// Reads the common plain-text news layout: the first non-empty line is the title, then either one
/// paragraph per line or paragraphs separated by blank lines (which may wrap over several lines).
/// A single-line first block is the lead; a short line without closing punctuation between
/// paragraphs is a section heading. The file may start with a front-matter block (<c>---</c>, <c>key: value</c>
/// lines, <c>---</c>) giving the fixed metadata and named fields; the layout rules apply to the text after it.
/// </summary>
public static class PlainTextArticleReader
{
    /// <summary>Headings are short: longer lines are paragraphs even without closing punctuation.</summary>
    public const int MaxHeadingLength = 80;

    /// <summary>
    /// Parses an article from text.
    /// </summary>
    /// <param name="text">The whole file as text (any line endings; a leading BOM is ignored).</param>
    /// <param name="id">The id to give the article.</param>
    /// <param name="metadata">Metadata to attach, or <see langword="null"/>.</param>
    /// <param name="maxParagraphs">Reject articles with more body paragraphs than this.</param>
    /// <param name="source">A name for errors (usually the file path); defaults to <paramref name="id"/>.</param>
    /// <exception cref="ArticleReadException">The text holds no title, or too many paragraphs, or a malformed front matter.</exception>
    public static Article Parse(
        string text,
        string id,
        ArticleMetadata? metadata = null,
        int maxParagraphs = ReaderLimits.DefaultMaxParagraphs,
        string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(id);
        source ??= id;
        (text, var withFrontMatter) = FrontMatter.Split(text, metadata ?? ArticleMetadata.Empty, source);
        metadata = withFrontMatter;

        var lines = SplitLines(text);
        int first = lines.FindIndex(l => l.Length > 0);
        if (first < 0)
        {
            throw new ArticleReadException(source, "the file is empty (no title line)");
        }

        string title = lines[first];
        var rest = lines.Skip(first + 1).SkipWhile(l => l.Length == 0).ToList();
        while (rest.Count > 0 && rest[^1].Length == 0)
        {
            rest.RemoveAt(rest.Count - 1);
        }

        // Blank lines inside the body mean the blank-separated layout (paragraphs may wrap);
        // without them, every line is a paragraph of its own.
        bool blankSeparated = rest.Contains(string.Empty);
        var blocks = blankSeparated ? JoinBlocks(rest) : rest.Select(l => (Text: l, Lines: 1)).ToList();

        string? lead = null;
        int start = 0;
        if (blocks.Count > 1 && blocks[0].Lines == 1 && !IsHeading(blocks[0].Text))
        {
            lead = blocks[0].Text;
            start = 1;
        }

        var paragraphs = new List<Paragraph>();
        string? heading = null;
        for (int i = start; i < blocks.Count; i++)
        {
            var (blockText, lineCount) = blocks[i];
            bool followedByParagraph = i + 1 < blocks.Count;
            if (lineCount == 1 && followedByParagraph && IsHeading(blockText))
            {
                heading = blockText;
                continue;
            }

            if (paragraphs.Count >= maxParagraphs)
            {
                throw new ArticleReadException(source, $"more than {maxParagraphs} paragraphs (the limit)");
            }

            paragraphs.Add(new Paragraph(paragraphs.Count, blockText, heading));
        }

        return new Article(id, title, lead, paragraphs) { Metadata = metadata ?? ArticleMetadata.Empty };
    }

    /// <summary>Whether a line reads as a section heading: short, with no closing punctuation.</summary>
    public static bool IsHeading(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0 || line.Length > MaxHeadingLength || !char.IsLetterOrDigit(line[0]))
        {
            return false;
        }

        return line[^1] switch
        {
            '.' or '!' or '?' or ':' or ';' or ',' or '"' or '\'' or ')' or ']' or '”' or '’' or '»' or '…' or '-' or '–' or '—' => false,
            _ => true,
        };
    }

    private static List<(string Text, int Lines)> JoinBlocks(List<string> lines)
    {
        var blocks = new List<(string, int)>();
        var current = new StringBuilder();
        int count = 0;
        foreach (var line in lines.Append(string.Empty))
        {
            if (line.Length == 0)
            {
                if (count > 0)
                {
                    blocks.Add((current.ToString(), count));
                    current.Clear();
                    count = 0;
                }

                continue;
            }

            if (count > 0)
            {
                current.Append(' ');
            }

            current.Append(line);
            count++;
        }

        return blocks;
    }

    /// <summary>Splits on any line ending and tidies each line: tabs and runs of spaces become one space, ends trimmed.</summary>
    private static List<string> SplitLines(string text)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : '\n';
            if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                result.Add(sb.ToString().Trim());
                sb.Clear();
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }

                continue;
            }

            sb.Append(c);
        }

        return result;
    }
}
