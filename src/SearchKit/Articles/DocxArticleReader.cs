using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SearchKit.Articles;

/// <summary>
/// Reads a Word document (<c>*.docx</c>, Office Open XML) as one article, with the Open XML SDK's streaming reader.
/// The title is the document property <c>dc:title</c>, else the first paragraph in the Title style, else the file name;
/// the lead is the first paragraph in the Subtitle style, else the <c>description</c> property, else none; paragraphs
/// in the Heading 1–4 styles are section headings (styles are matched by name, "heading 1", through the styles part,
/// so localised style ids work, and a style based on a heading style is one); every other non-empty paragraph of the
/// body is a paragraph in document order, list items and table cells included. Text boxes count as part of the
/// paragraph that anchors them; deleted revisions, field codes, tables of contents, footnotes, endnotes, comments,
/// headers and footers are not body text and are left out. Metadata comes from the document properties:
/// <c>category</c>, <c>keywords</c> (split on ',' and ';') as tags, <c>created</c> as published, and the named fields
/// <c>author</c> (creator), <c>modified</c>, <c>subject</c> and <c>lang</c>.
/// </summary>
public static partial class DocxArticleReader
{
    private enum Kind
    {
        Body,
        Title,
        Subtitle,
        Heading,
        Skipped,
    }

    /// <summary>Reads an article from the bytes of a <c>.docx</c> file; see the class summary for what becomes what.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="id">The id to give the article.</param>
    /// <param name="metadata">Metadata to start from (source path, content hash), or <see langword="null"/>; what it sets wins over the document's properties.</param>
    /// <param name="limits">Reader limits (paragraphs, decompressed size, compression ratio, nesting), or <see langword="null"/> for the defaults.</param>
    /// <param name="source">A name for errors (usually the file path); defaults to <paramref name="id"/>.</param>
    /// <param name="fallbackTitle">The title when the document has neither a title property nor a Title paragraph; <paramref name="id"/> when null.</param>
    /// <exception cref="ArticleReadException">
    /// Not a zip, an encrypted or Word 97–2003 file, a truncated or damaged zip, a zip bomb (over <see cref="ReaderLimits.MaxDocxBytes"/>
    /// or <see cref="ReaderLimits.MaxCompressionRatio"/>), not a Word document, malformed XML, nesting past
    /// <see cref="ReaderLimits.MaxDocxDepth"/>, too many paragraphs, or no text.
    /// </exception>
    public static Article Parse(byte[] bytes, string id, ArticleMetadata? metadata = null, ReaderLimits? limits = null, string? source = null, string? fallbackTitle = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(id);
        source ??= id;
        limits ??= ReaderLimits.Default;
        metadata ??= ArticleMetadata.Empty;

        CheckPackage(bytes, limits, source);
        try
        {
            var settings = new OpenSettings { MaxCharactersInPart = limits.MaxDocxBytes, AutoSave = false };
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false, settings);
            var main = document.MainDocumentPart
                ?? throw new ArticleReadException(source, "not a Word document (the package has no main document part)");
            var styles = ReadStyles(main.StyleDefinitionsPart, limits, source);
            var blocks = ReadBody(main, styles, limits, source);
            return Build(blocks, ReadProperties(document), id, metadata, limits, source, fallbackTitle);
        }
        catch (OpenXmlPackageException e)
        {
            throw new ArticleReadException(source, $"not a Word document ({e.Message})", inner: e);
        }
        catch (FileFormatException e)
        {
            throw new ArticleReadException(source, $"not a Word document: the package is malformed ({e.Message})", inner: e);
        }
        catch (InvalidDataException e)
        {
            throw new ArticleReadException(source, $"a damaged zip, not a readable Word document ({e.Message})", inner: e);
        }
        catch (XmlException e)
        {
            var reason = e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal)
                ? $"a part of the document holds more than {limits.MaxDocxBytes} characters, over the limit"
                : $"malformed XML in the document ({e.Message})";
            throw new ArticleReadException(source, reason, inner: e);
        }
        catch (Exception e) when (e is not ArticleReadException and not OperationCanceledException and not OutOfMemoryException)
        {
            // The SDK and the zip reader throw many types on a damaged package (argument, format, I/O, key errors).
            throw new ArticleReadException(source, $"not a readable Word document ({e.GetType().Name}: {e.Message})", inner: e);
        }
    }

    private static Article Build(List<(Kind Kind, string Text)> blocks, Properties properties, string id, ArticleMetadata metadata, ReaderLimits limits, string source, string? fallbackTitle)
    {
        if (blocks.Count == 0)
        {
            throw new ArticleReadException(source, "the document has no text (no paragraph in its body)");
        }

        string? titleParagraph = null;
        string? subtitle = null;
        string? heading = null;
        var paragraphs = new List<Paragraph>();
        foreach (var (kind, text) in blocks)
        {
            switch (kind)
            {
                case Kind.Title when titleParagraph is null:
                    titleParagraph = text;
                    break;
                case Kind.Subtitle when subtitle is null:
                    subtitle = text;
                    break;
                case Kind.Heading:
                    heading = text;
                    break;
                default:
                    if (paragraphs.Count >= limits.MaxParagraphs)
                    {
                        throw new ArticleReadException(source, $"more than {limits.MaxParagraphs} paragraphs (the limit)");
                    }

                    paragraphs.Add(new Paragraph(paragraphs.Count, text, heading));
                    break;
            }
        }

        string title = Clean(properties.Title) ?? titleParagraph ?? fallbackTitle ?? id;
        string? lead = subtitle ?? Clean(properties.Description);
        return new Article(id, title, lead, paragraphs) { Metadata = BuildMetadata(metadata, properties, limits) };
    }

    // Style id -> kind, through the styles part: the style's name ("heading 1", the same in every language, while
    // the id is localised, "berschrift1" in German Word), else the kind of the style it is based on.
    private static Dictionary<string, Kind> ReadStyles(StyleDefinitionsPart? part, ReaderLimits limits, string source)
    {
        var names = new Dictionary<string, (string? Name, string? BasedOn)>(StringComparer.Ordinal);
        if (part is not null)
        {
            using var reader = OpenReader(part, limits);
            string? styleId = null;
            int styleDepth = -1;
            while (reader.Read())
            {
                if (!reader.IsStartElement)
                {
                    continue;
                }

                CheckDepth(reader, limits, source);
                if (reader.ElementType == typeof(W.Style))
                {
                    styleId = Attribute(reader, "styleId");
                    styleDepth = reader.Depth;
                    if (styleId is not null && Attribute(reader, "type") is null or "paragraph")
                    {
                        names.TryAdd(styleId, (null, null));
                    }
                    else
                    {
                        styleId = null;
                    }
                }
                else if (styleId is not null && reader.Depth == styleDepth + 1 && names.TryGetValue(styleId, out var known))
                {
                    if (reader.ElementType == typeof(W.StyleName))
                    {
                        names[styleId] = (Attribute(reader, "val"), known.BasedOn);
                    }
                    else if (reader.ElementType == typeof(W.BasedOn))
                    {
                        names[styleId] = (known.Name, Attribute(reader, "val"));
                    }
                }
            }
        }

        var kinds = new Dictionary<string, Kind>(StringComparer.Ordinal);
        foreach (var styleId in names.Keys)
        {
            var kind = Kind.Body;
            var current = styleId;
            for (int hops = 0; hops < 10 && current is not null && names.TryGetValue(current, out var style); hops++)
            {
                kind = KindOfName(style.Name ?? current);
                if (kind != Kind.Body)
                {
                    break;
                }

                current = style.BasedOn;
            }

            kinds[styleId] = kind;
        }

        return kinds;
    }

    // Word's built-in style names, compared without case and spaces ("heading 1", "Heading1", "TOC 2").
    private static Kind KindOfName(string name)
    {
        var key = name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return key switch
        {
            "title" => Kind.Title,
            "subtitle" => Kind.Subtitle,
            "heading1" or "heading2" or "heading3" or "heading4" => Kind.Heading,
            _ when key.StartsWith("toc", StringComparison.Ordinal) => Kind.Skipped,
            _ => Kind.Body,
        };
    }

    // The body, streamed: each outermost paragraph's text (its runs, tabs and breaks as spaces, the paragraphs of
    // its text boxes after a space) with the kind of its style. Only w:t is text: deleted text (w:delText) and field
    // codes (w:instrText) are other elements. A fallback of alternate content repeats its choice and is skipped.
    private static List<(Kind Kind, string Text)> ReadBody(MainDocumentPart main, Dictionary<string, Kind> styles, ReaderLimits limits, string source)
    {
        var blocks = new List<(Kind, string)>();
        var text = new StringBuilder();
        int paragraphDepth = -1;
        string? styleId = null;
        using var reader = OpenReader(main, limits);
        bool more = reader.Read();
        while (more)
        {
            var type = reader.ElementType;
            if (reader.IsStartElement)
            {
                CheckDepth(reader, limits, source);
                if (type == typeof(AlternateContentFallback))
                {
                    reader.Skip();
                    more = !reader.EOF;
                    continue;
                }

                if (type == typeof(W.Paragraph))
                {
                    if (paragraphDepth < 0)
                    {
                        paragraphDepth = reader.Depth;
                        styleId = null;
                        text.Clear();
                    }
                    else
                    {
                        text.Append(' ');
                    }
                }
                else if (paragraphDepth >= 0)
                {
                    if (type == typeof(W.Text))
                    {
                        text.Append(reader.GetText());
                    }
                    else if (type == typeof(W.TabChar) || type == typeof(W.Break) || type == typeof(W.CarriageReturn))
                    {
                        text.Append(' ');
                    }
                    else if (type == typeof(W.NoBreakHyphen))
                    {
                        text.Append('-');
                    }
                    else if (type == typeof(W.ParagraphStyleId) && reader.Depth == paragraphDepth + 2)
                    {
                        styleId = Attribute(reader, "val");
                    }
                }
            }
            else if (reader.IsEndElement && type == typeof(W.Paragraph) && reader.Depth == paragraphDepth)
            {
                paragraphDepth = -1;
                var kind = styleId is null ? Kind.Body : styles.TryGetValue(styleId, out var k) ? k : KindOfName(styleId);
                if (kind != Kind.Skipped && Clean(text.ToString()) is { } paragraph)
                {
                    blocks.Add((kind, paragraph));
                    if (blocks.Count > limits.MaxParagraphs + 3)
                    {
                        throw new ArticleReadException(source, $"more than {limits.MaxParagraphs} paragraphs (the limit)");
                    }
                }
            }

            more = reader.Read();
        }

        return blocks;
    }

    private static OpenXmlReader OpenReader(OpenXmlPart part, ReaderLimits limits) =>
        new OpenXmlPartReader(part, new OpenXmlPartReaderOptions { MaxCharactersInPart = limits.MaxDocxBytes, IgnoreWhitespace = false });

    private static void CheckDepth(OpenXmlReader reader, ReaderLimits limits, string source)
    {
        if (reader.Depth > limits.MaxDocxDepth)
        {
            throw new ArticleReadException(source, $"the document's XML nests more than {limits.MaxDocxDepth} elements deep (the limit)");
        }
    }

    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var a in reader.Attributes)
        {
            if (a.LocalName == localName)
            {
                return a.Value;
            }
        }

        return null;
    }

    // Whitespace runs (tabs, breaks, non-breaking spaces) collapsed to one space; null when nothing is left.
    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        return string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Properties(string? Title, string? Description, string? Creator, DateTime? Created, DateTime? Modified, string? Keywords, string? Subject, string? Category, string? Language);

    // The core properties (docProps/core.xml). A damaged properties part says nothing about the body: it is ignored.
    private static Properties ReadProperties(WordprocessingDocument document)
    {
        try
        {
            var p = document.PackageProperties;
            return new Properties(p.Title, p.Description, p.Creator, p.Created, p.Modified, p.Keywords, p.Subject, p.Category, p.Language);
        }
        catch (Exception e) when (e is XmlException or FileFormatException or InvalidDataException or OpenXmlPackageException or FormatException)
        {
            return new Properties(null, null, null, null, null, null, null, null, null);
        }
    }

    private static ArticleMetadata BuildMetadata(ArticleMetadata start, Properties p, ReaderLimits limits)
    {
        string? Keyword(string? s) => Clean(s) is { } v && v.Length <= limits.MaxKeywordLength ? v : null;
        IEnumerable<string> List(string? s) =>
            (s ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(Keyword).OfType<string>().Distinct(StringComparer.Ordinal);

        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(start.Fields, StringComparer.Ordinal);
        var authors = List(p.Creator).Select(FieldValue.Text).ToList();
        if (authors.Count > 0)
        {
            fields.TryAdd("author", authors);
        }

        if (Date(p.Modified) is { } modified)
        {
            fields.TryAdd("modified", [FieldValue.Date(modified)]);
        }

        if (Keyword(p.Subject) is { } subject)
        {
            fields.TryAdd("subject", [FieldValue.Text(subject)]);
        }

        if (Keyword(p.Language) is { } language)
        {
            fields.TryAdd("lang", [FieldValue.Text(language)]);
        }

        return start with
        {
            Category = start.Category ?? Keyword(p.Category),
            Tags = start.Tags.Count > 0 ? start.Tags : [.. List(p.Keywords)],
            Published = start.Published ?? Date(p.Created),
            Fields = fields.Count == 0 ? start.Fields : fields,
        };
    }

    // Package dates are W3C dates, read as UTC or local; one without a zone is taken as UTC.
    private static DateTimeOffset? Date(DateTime? d) => d switch
    {
        null => null,
        { } v when v == DateTime.MinValue => null,
        { Kind: DateTimeKind.Unspecified } v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)),
        { } v => new DateTimeOffset(v.ToUniversalTime(), TimeSpan.Zero),
    };
}
