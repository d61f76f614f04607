using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// Writes small PDFs for tests with PdfPig's document builder and the standard Helvetica fonts: pages of lines set
/// top-down at given sizes, blank space between blocks, an optional running header and footer on every page
/// (<c>{page}</c> becomes the page number) and the document information.
/// </summary>
internal sealed class TestPdf
{
    private readonly List<List<Item>> _pages = [];

    private sealed record Item(string? Text, double Size, bool Bold, double Gap, double Indent = 0);

    public string? Title { get; init; }

    public string? Author { get; init; }

    public string? Subject { get; init; }

    public string? Keywords { get; init; }

    /// <summary>A PDF date string, such as <c>D:20240601120000Z</c>.</summary>
    public string? CreationDate { get; init; }

    /// <summary>Text at the top of every page, or null.</summary>
    public string? Header { get; init; }

    /// <summary>Text at the bottom of every page, or null (<c>{page}</c> is the page number).</summary>
    public string? Footer { get; init; }

    /// <summary>Starts a new page; the lines and gaps that follow go on it.</summary>
    public TestPdf Page()
    {
        _pages.Add([]);
        return this;
    }

    /// <summary>One line of text (11 pt regular at the left margin unless told).</summary>
    public TestPdf Line(string text, double size = 11, bool bold = false, double indent = 0)
    {
        Current.Add(new Item(text, size, bold, 0, indent));
        return this;
    }

    /// <summary>Several lines of one block, set close together.</summary>
    public TestPdf Lines(params string[] lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    /// <summary>A paragraph wrapped at about <paramref name="width"/> characters a line, then a gap.</summary>
    public TestPdf Paragraph(string text, int width = 80)
    {
        var line = new List<string>();
        foreach (var word in text.Split(' '))
        {
            if (line.Count > 0 && string.Join(' ', line).Length + 1 + word.Length > width)
            {
                Line(string.Join(' ', line));
                line.Clear();
            }

            line.Add(word);
        }

        if (line.Count > 0)
        {
            Line(string.Join(' ', line));
        }

        return Gap();
    }

    /// <summary>Blank space between blocks (a paragraph break).</summary>
    public TestPdf Gap(double points = 12)
    {
        Current.Add(new Item(null, 0, false, points));
        return this;
    }

    private List<Item> Current => _pages.Count > 0 ? _pages[^1] : throw new InvalidOperationException("call Page() first");

    public byte[] Build()
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = Title;
        builder.DocumentInformation.Author = Author;
        builder.DocumentInformation.Subject = Subject;
        builder.DocumentInformation.Keywords = Keywords;
        builder.DocumentInformation.CreationDate = CreationDate;
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        for (int p = 0; p < _pages.Count; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            if (Header is not null)
            {
                page.AddText(Header, 9, new PdfPoint(72, 800), regular);
            }

            if (Footer is not null)
            {
                page.AddText(Footer.Replace("{page}", (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), 9, new PdfPoint(290, 40), regular);
            }

            double y = 760;
            foreach (var item in _pages[p])
            {
                if (item.Text is null)
                {
                    y -= item.Gap;
                    continue;
                }

                page.AddText(item.Text, item.Size, new PdfPoint(72 + item.Indent, y), item.Bold ? bold : regular);
                y -= item.Size * 1.3;
            }
        }

        return builder.Build();
    }
}
