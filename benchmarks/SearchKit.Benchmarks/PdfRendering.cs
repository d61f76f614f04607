using System.Globalization;
using SearchKit.Articles;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SearchKit.Benchmarks;

/// <summary>
/// An article set as a PDF the way a report is: A4, Helvetica, a 20 pt bold title, 14 pt bold headings, 11 pt body
/// wrapped at about 85 characters, blank space between paragraphs, a running header and a page number on every page.
/// </summary>
internal static class PdfRendering
{
    private const double Top = 760, Bottom = 72, Left = 72;

    public static byte[] Render(Article article)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = article.Title;
        builder.DocumentInformation.Keywords = string.Join(", ", article.Metadata.Tags);
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        PdfPageBuilder? page = null;
        double y = 0;

        void NewPage()
        {
            page = builder.AddPage(PageSize.A4);
            page.AddText("Synthetic Times - Reports", 9, new PdfPoint(Left, 800), regular);
            page.AddText(builder.Pages.Count.ToString(CultureInfo.InvariantCulture), 9, new PdfPoint(290, 40), regular);
            y = Top;
        }

        void Block(string text, double size, bool isBold, double after)
        {
            foreach (var line in Wrap(text, (int)(85 * 11 / size)))
            {
                if (page is null || y < Bottom)
                {
                    NewPage();
                }

                page!.AddText(line, size, new PdfPoint(Left, y), isBold ? bold : regular);
                y -= size * 1.3;
            }

            y -= after;
        }

        Block(article.Title, 20, true, 14);
        if (article.Lead is not null)
        {
            Block(article.Lead, 11, false, 10);
        }

        string? heading = null;
        foreach (var p in article.Paragraphs)
        {
            if (p.Heading is not null && p.Heading != heading)
            {
                heading = p.Heading;
                Block(heading, 14, true, 4);
            }

            Block(p.Text, 11, false, 10);
        }

        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
