using System.Text;
using System.Text.RegularExpressions;

namespace SearchKit.Articles;

// Bytes to text, and the nesting check that runs before parsing.
public static partial class HtmlArticleReader
{
    /// <summary>Whether the start of a file is an HTML document (<c>&lt;!doctype html</c> or <c>&lt;html</c>, after a BOM, whitespace and comments).</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var text = Encoding.Latin1.GetString(head[..Math.Min(head.Length, 1024)]);
        return HtmlStart().IsMatch(text);
    }

    /// <summary>Decodes an HTML file's bytes: a BOM wins, then a meta charset in the first 1,024 bytes, else UTF-8 if valid, else windows-1252 (what browsers assume).</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            return new UTF8Encoding(false, false).GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new ArticleReadException(source, $"binary data (a NUL byte at offset {nul}), not an HTML page");
        }

        var declared = DeclaredEncoding(bytes);
        if (declared is not null)
        {
            return declared.GetString(bytes);
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252().GetString(bytes);
        }
    }

    private static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        var match = MetaCharset().Match(head);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups[1].Value.Trim().ToLowerInvariant();

        // As the HTML standard says: a page cannot declare UTF-16 in ASCII-compatible bytes, and latin-1 and ASCII
        // labels mean windows-1252 (which pages labelled so are in practice).
        switch (name)
        {
            case "utf-16" or "utf-16le" or "utf-16be" or "utf8" or "utf-8" or "unicode-1-1-utf-8":
                return new UTF8Encoding(false, false);
            case "iso-8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso8859-1" or "cp1252" or "windows-1252" or "x-cp1252":
                return Windows1252();
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // From the code-pages provider directly, without registering it process-wide (no global state touched).
    private static Encoding Windows1252() => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    private static void CheckNesting(string html, int maxDepth, string source)
    {
        // An estimate from the raw tags: every opening tag counts (unknown and custom elements too, which nest
        // freely), every closing tag uncounts; void elements and those the parser closes by itself (p, li, td, ...)
        // do not count, and the contents of comments and raw-text elements (script, style, ...) are skipped, so a
        // comparison such as "i<n" in a script is no tag. A well-formed page's estimate is close to its real depth,
        // and a hostile one cannot hide its depth.
        int depth = 0;
        int i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                int close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (close < 0)
                {
                    return;
                }

                i = close + 3;
                continue;
            }

            bool closing = html[i + 1] == '/';
            int start = i + (closing ? 2 : 1);
            int end = start;
            while (end < html.Length && end - start < 32 && (char.IsAsciiLetterOrDigit(html[end]) || html[end] == '-'))
            {
                end++;
            }

            i = end;
            if (end == start || !char.IsAsciiLetter(html[start]))
            {
                continue;
            }

            var name = html.AsSpan(start, end - start);
            if (!closing && Find(name, RawText) is { } raw)
            {
                int close = html.IndexOf("</" + raw, end, StringComparison.OrdinalIgnoreCase);
                if (close < 0)
                {
                    return;
                }

                i = close + 2 + raw.Length;
                continue;
            }

            if (Find(name, NotNesting) is not null)
            {
                continue;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (++depth > maxDepth)
            {
                // A self-closed <div/> is not closed by HTML, so it counts as opened.
                throw new ArticleReadException(source, $"elements nested deeper than the {maxDepth}-level limit");
            }
        }
    }

    private static string? Find(ReadOnlySpan<char> name, string[] names)
    {
        foreach (var n in names)
        {
            if (name.Equals(n, StringComparison.OrdinalIgnoreCase))
            {
                return n;
            }
        }

        return null;
    }

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

    private static readonly string[] NotNesting =
    [
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
        "caption", "colgroup", "rb", "rt", "rtc", "rp", "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "!doctype",
    ];

    [GeneratedRegex(@"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HtmlStart();

    [GeneratedRegex(@"<meta\b[^>]{0,512}?charset\s*=\s*[""']?\s*([A-Za-z0-9_.:-]{1,40})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex MetaCharset();
}
