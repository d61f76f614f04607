using System.Globalization;
using System.Text.RegularExpressions;

namespace SearchKit.Articles;

/// <summary>
/// The optional front-matter block at the top of a plain-text article, as static-site generators write it:
/// a first line <c>---</c>, then <c>key: value</c> lines, then <c>---</c>. <c>category</c>, <c>tags</c>,
/// <c>published</c> and <c>url</c> set the fixed metadata; other valid names (see <see cref="FieldNames"/>) become
/// named fields, and reserved names (such as <c>title</c>: the first line after the block is the title) are ignored.
/// A value in brackets (<c>[a, b]</c>) is a list, as are comma-separated tags; a plain decimal number is a number;
/// quotes around a value are removed. Blank lines and lines starting with '#' are skipped.
/// </summary>
internal static partial class FrontMatter
{
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLiteral();

    /// <summary>
    /// Splits the block off <paramref name="text"/>: returns the text after it (or the text unchanged when it has
    /// none) and the metadata with the block's values.
    /// </summary>
    /// <exception cref="ArticleReadException">The block is never closed, or a line of it is not <c>key: value</c>, or a fixed value is malformed.</exception>
    public static (string Body, ArticleMetadata Metadata) Split(string text, ArticleMetadata metadata, string source)
    {
        int start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int firstEnd = LineEnd(text, start);
        if (text.AsSpan(start, firstEnd - start).TrimEnd() is not "---")
        {
            return (text, metadata);
        }

        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(metadata.Fields, StringComparer.Ordinal);
        int lineNumber = 1;
        int pos = Next(text, firstEnd);
        while (pos <= text.Length)
        {
            lineNumber++;
            int end = LineEnd(text, pos);
            var line = text[pos..end].Trim();
            pos = Next(text, end);
            if (line == "---")
            {
                return (text[Math.Min(pos, text.Length)..], metadata with { Fields = fields.Count == 0 ? metadata.Fields : fields });
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ArticleReadException(source, $"front matter line {lineNumber} is not 'key: value'", lineNumber);
            }

            string key = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            metadata = Apply(metadata, fields, key, value, source, lineNumber);
        }

        throw new ArticleReadException(source, "the front matter opened by '---' on line 1 is never closed by a '---' line", 1);
    }

    private static ArticleMetadata Apply(ArticleMetadata metadata, Dictionary<string, IReadOnlyList<FieldValue>> fields, string key, string value, string source, int line)
    {
        switch (key)
        {
            case "category":
                return metadata with { Category = Unquote(value) is { Length: > 0 } c ? c : null };
            case "tags":
                return metadata with { Tags = [.. ListItems(value, commas: true).Where(t => t.Length > 0)] };
            case "published":
                var date = Unquote(value);
                if (date.Length == 0)
                {
                    return metadata;
                }

                return DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published)
                    ? metadata with { Published = published }
                    : throw new ArticleReadException(source, $"front matter line {line}: \"published\" is not a date: {date}", line);
            case "url":
                var url = Unquote(value);
                if (url.Length == 0)
                {
                    return metadata;
                }

                return Uri.TryCreate(url, UriKind.Absolute, out var uri)
                    ? metadata with { Url = uri }
                    : throw new ArticleReadException(source, $"front matter line {line}: \"url\" is not an absolute address: {url}", line);
        }

        if (FieldNames.IsValid(key))
        {
            var values = ListItems(value, commas: false).Where(v => v.Length > 0).Select(ValueOf).ToList();
            if (values.Count > 0)
            {
                fields[key] = values;
            }
        }

        return metadata;
    }

    private static FieldValue ValueOf(string item) =>
        NumberLiteral().IsMatch(item) && double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? FieldValue.Number(n)
            : FieldValue.Text(item);

    /// <summary>The items of <c>[a, "b", c]</c>, or of <c>a, b</c> when <paramref name="commas"/>, else the one value.</summary>
    private static IEnumerable<string> ListItems(string value, bool commas)
    {
        bool bracketed = value.Length >= 2 && value[0] == '[' && value[^1] == ']';
        if (!bracketed && !commas)
        {
            return [Unquote(value)];
        }

        var inner = bracketed ? value[1..^1] : value;
        return inner.Split(',').Select(v => Unquote(v.Trim()));
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;

    private static int LineEnd(string text, int from)
    {
        int i = text.IndexOfAny(['\r', '\n'], from);
        return i < 0 ? text.Length : i;
    }

    private static int Next(string text, int lineEnd)
    {
        if (lineEnd >= text.Length)
        {
            return text.Length + 1;
        }

        return text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
    }
}
