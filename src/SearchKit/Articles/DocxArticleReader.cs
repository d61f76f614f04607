using System.Globalization;
using System.Text;
using System.Xml;

namespace SearchKit.Articles;

/// <summary>
/// Reads a Word document (<c>*.docx</c>, Office Open XML) as one article, streaming its XML parts out of the zip.
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

        try
        {
            using var zip = OpenPackage(bytes, limits, source);
            var package = new Package(zip, limits, source);
            var mainName = package.Related(string.Empty, OfficeDocument)
                ?? throw new ArticleReadException(source, "not a Word document (the package names no main document part)");
            var styles = ReadStyles(package, package.Related(mainName, StylesRelation));
            var blocks = ReadBody(package, mainName, styles);
            return Build(blocks, ReadProperties(package), id, metadata, limits, source, fallbackTitle);
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
            // The zip and XML readers throw a few other types on a damaged package (argument, format, I/O errors).
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
    private static Dictionary<string, Kind> ReadStyles(Package package, string? part)
    {
        var names = new Dictionary<string, (string? Name, string? BasedOn)>(StringComparer.Ordinal);
        using (var reader = part is null ? null : package.OpenXml(part))
        {
            string? styleId = null;
            int styleDepth = -1;
            while (reader is not null && reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                package.CheckDepth(reader);
                if (!package.IsWord(reader))
                {
                    continue;
                }

                if (reader.LocalName == "style")
                {
                    styleId = package.Attribute(reader, "styleId");
                    styleDepth = reader.Depth;
                    if (styleId is not null && package.Attribute(reader, "type") is null or "paragraph")
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
                    if (reader.LocalName == "name")
                    {
                        names[styleId] = (package.Attribute(reader, "val"), known.BasedOn);
                    }
                    else if (reader.LocalName == "basedOn")
                    {
                        names[styleId] = (known.Name, package.Attribute(reader, "val"));
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
    private static List<(Kind Kind, string Text)> ReadBody(Package package, string mainName, Dictionary<string, Kind> styles)
    {
        var blocks = new List<(Kind, string)>();
        var text = new StringBuilder();
        int paragraphDepth = -1;
        int textDepth = -1;
        string? styleId = null;
        using var reader = package.OpenXml(mainName);
        bool more = reader.Read();
        if (more && reader.MoveToContent() == XmlNodeType.Element && !(package.IsWord(reader) && reader.LocalName == "document"))
        {
            throw new ArticleReadException(package.Source, $"not a Word document (its main part holds <{reader.LocalName}>, not a Word document body)");
        }

        while (more)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    package.CheckDepth(reader);
                    if (reader.LocalName == "Fallback" && reader.NamespaceURI == MarkupCompatibility)
                    {
                        reader.Skip();
                        more = !reader.EOF;
                        continue;
                    }

                    if (!package.IsWord(reader))
                    {
                        break;
                    }

                    if (reader.LocalName == "p")
                    {
                        if (paragraphDepth < 0 && !reader.IsEmptyElement)
                        {
                            paragraphDepth = reader.Depth;
                            styleId = null;
                            text.Clear();
                        }
                        else if (paragraphDepth >= 0)
                        {
                            text.Append(' ');
                        }
                    }
                    else if (paragraphDepth >= 0)
                    {
                        switch (reader.LocalName)
                        {
                            case "t" when !reader.IsEmptyElement:
                                textDepth = reader.Depth;
                                break;
                            case "tab" or "br" or "cr":
                                text.Append(' ');
                                break;
                            case "noBreakHyphen":
                                text.Append('-');
                                break;
                            case "pStyle" when reader.Depth == paragraphDepth + 2:
                                styleId = package.Attribute(reader, "val");
                                break;
                        }
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when textDepth >= 0:
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement when reader.Depth == textDepth:
                    textDepth = -1;
                    break;
                case XmlNodeType.EndElement when reader.Depth == paragraphDepth:
                    paragraphDepth = -1;
                    var kind = styleId is null ? Kind.Body : styles.TryGetValue(styleId, out var k) ? k : KindOfName(styleId);
                    if (kind != Kind.Skipped && Clean(text.ToString()) is { } paragraph)
                    {
                        blocks.Add((kind, paragraph));
                        if (blocks.Count > package.Limits.MaxParagraphs + 3)
                        {
                            throw new ArticleReadException(package.Source, $"more than {package.Limits.MaxParagraphs} paragraphs (the limit)");
                        }
                    }

                    break;
            }

            more = reader.Read();
        }

        return blocks;
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

    private sealed record Properties(string? Title, string? Description, string? Creator, DateTimeOffset? Created, DateTimeOffset? Modified, string? Keywords, string? Subject, string? Category, string? Language);

    // The core properties (docProps/core.xml), by element name whatever the prefix (dc:, dcterms:, cp:). A damaged
    // properties part says nothing about the body: it is ignored.
    private static Properties ReadProperties(Package package)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = package.Related(string.Empty, CoreProperties) is { } part ? package.OpenXml(part) : null;
            while (reader is not null && reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && !reader.IsEmptyElement)
                {
                    package.CheckDepth(reader);
                    var name = reader.LocalName;
                    values.TryAdd(name, TextOf(reader));
                }
            }
        }
        catch (XmlException)
        {
        }

        string? Get(string name) => values.GetValueOrDefault(name);
        return new Properties(Get("title"), Get("description"), Get("creator"), Date(Get("created")), Date(Get("modified")), Get("keywords"), Get("subject"), Get("category"), Get("language"));
    }

    // The text inside the current element (of its children too), leaving the reader on its end tag.
    private static string TextOf(XmlReader reader)
    {
        var text = new StringBuilder();
        int depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
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

        if (p.Modified is { } modified)
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
            Published = start.Published ?? p.Created,
            Fields = fields.Count == 0 ? start.Fields : fields,
        };
    }

    // Package dates are W3C dates (ISO 8601); one without a zone is taken as UTC.
    private static DateTimeOffset? Date(string? s) =>
        DateTimeOffset.TryParse(s?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
