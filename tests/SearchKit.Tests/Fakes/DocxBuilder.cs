using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// Builds small Word documents (<c>.docx</c>) in memory with the Open XML SDK, so tests state their fixtures instead
/// of keeping opaque binary files. The styles part defines Title, Subtitle and Heading 1–4 under Word's English ids
/// unless <see cref="Style"/> adds others (a localised id, a style based on another).
/// </summary>
internal sealed class DocxBuilder
{
    private readonly List<OpenXmlElement> _body = [];
    private readonly List<Style> _styles =
    [
        Named("Title", "Title"), Named("Subtitle", "Subtitle"), Named("Heading1", "heading 1"), Named("Heading2", "heading 2"),
        Named("Heading3", "heading 3"), Named("Heading4", "heading 4"), Named("Heading5", "heading 5"), Named("TOC1", "toc 1"),
    ];

    private DocxProperties? _properties;
    private string? _header;
    private string? _footnote;

    /// <summary>A paragraph, in the given style id when one is given.</summary>
    public DocxBuilder Paragraph(string text, string? styleId = null)
    {
        _body.Add(MakeParagraph(text, styleId));
        return this;
    }

    public DocxBuilder Title(string text) => Paragraph(text, "Title");

    public DocxBuilder Subtitle(string text) => Paragraph(text, "Subtitle");

    public DocxBuilder Heading(int level, string text) => Paragraph(text, $"Heading{level}");

    /// <summary>Any body element as the SDK builds it (runs with breaks, deleted text, alternate content…).</summary>
    public DocxBuilder Element(OpenXmlElement element)
    {
        _body.Add(element);
        return this;
    }

    /// <summary>A table, one paragraph per cell.</summary>
    public DocxBuilder Table(params string[][] rows)
    {
        _body.Add(new Table(rows.Select(r => new TableRow(r.Select(c => new TableCell(MakeParagraph(c, null)))))));
        return this;
    }

    /// <summary>A paragraph style: its id, its name and optionally the style it is based on.</summary>
    public DocxBuilder Style(string id, string name, string? basedOn = null)
    {
        var style = Named(id, name);
        if (basedOn is not null)
        {
            style.BasedOn = new BasedOn { Val = basedOn };
        }

        _styles.Add(style);
        return this;
    }

    public DocxBuilder Properties(DocxProperties properties)
    {
        _properties = properties;
        return this;
    }

    /// <summary>A page header with this text (not body text).</summary>
    public DocxBuilder Header(string text)
    {
        _header = text;
        return this;
    }

    /// <summary>A footnote with this text, referenced from the last paragraph (not body text).</summary>
    public DocxBuilder Footnote(string text)
    {
        _footnote = text;
        return this;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(_body.Select(e => e.CloneNode(true))));
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(_styles.Select(s => s.CloneNode(true)));
            if (_header is not null)
            {
                var header = main.AddNewPart<HeaderPart>();
                header.Header = new Header(MakeParagraph(_header, null));
                main.Document.Body!.Append(new SectionProperties(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) }));
            }

            if (_footnote is not null)
            {
                var notes = main.AddNewPart<FootnotesPart>();
                notes.Footnotes = new Footnotes(new Footnote(MakeParagraph(_footnote, null)) { Id = 1 });
                main.Document.Body!.Elements<Paragraph>().Last().Append(new Run(new FootnoteReference { Id = 1 }));
            }

            if (_properties is { } p)
            {
                var target = document.PackageProperties;
                (target.Title, target.Description, target.Creator, target.Keywords) = (p.Title, p.Description, p.Creator, p.Keywords);
                (target.Subject, target.Category, target.Language) = (p.Subject, p.Category, p.Language);
                (target.Created, target.Modified) = (p.Created, p.Modified);
            }
        }

        return stream.ToArray();
    }

    private static Paragraph MakeParagraph(string text, string? styleId)
    {
        var paragraph = new Paragraph();
        if (styleId is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));
        }

        if (text.Length > 0)
        {
            paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return paragraph;
    }

    private static Style Named(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
}

/// <summary>The core document properties a <see cref="DocxBuilder"/> writes (null: not written).</summary>
internal sealed record DocxProperties
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Creator { get; init; }

    public string? Keywords { get; init; }

    public string? Subject { get; init; }

    public string? Category { get; init; }

    public string? Language { get; init; }

    public DateTime? Created { get; init; }

    public DateTime? Modified { get; init; }
}
