using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace SearchKit.Articles;

/// <summary>
/// Reads a PDF (<c>*.pdf</c>) as one article, with PdfPig. Text is taken page by page and rebuilt from the layout:
/// letters are grouped into words, lines and blocks (PdfPig's nearest-neighbour word extractor and Docstrum
/// segmentation, in its reading order), each block becomes a paragraph with its line breaks joined and a word
/// hyphenated at a line end put back together, and a paragraph cut by a page break is joined again. Running
/// headers and footers (the same line, digits aside, at the same height on most pages) and page numbers are left
/// out. The title is the document information's Title, else the largest line of page 1 when it is set larger than
/// the body text, else the file name. A section heading is a block of at most two lines and 120 characters, not
/// ending in a full stop, set at least 15% larger than the body text or in bold where the body is not. The first
/// paragraph before any heading is the lead when more paragraphs follow. Metadata comes from the document
/// information: CreationDate as the published date, Keywords as tags, Author and Subject as the named fields
/// <c>author</c> and <c>subject</c>.
/// </summary>
public static partial class PdfArticleReader
{
    // One thread each: an indexing run already reads files on all cores, and nested parallel loops per page only add
    // scheduling. Both are stateless, so one instance of each serves every thread.
    private static readonly NearestNeighbourWordExtractor Words = new(new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions { MaxDegreeOfParallelism = 1 });
    private static readonly DocstrumBoundingBoxes Blocks = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    /// <summary>Whether bytes start as a PDF: <c>%PDF-</c> within the first kilobyte, as readers allow junk before it.</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>Reads an article from the bytes of a PDF file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="id">The id to give the article.</param>
    /// <param name="metadata">Metadata to start from (source path, content hash), or <see langword="null"/>.</param>
    /// <param name="limits">Reader limits (size, pages, decoded bytes, time, paragraphs), or <see langword="null"/> for the defaults.</param>
    /// <param name="source">A name for errors (usually the file path); defaults to <paramref name="id"/>.</param>
    /// <param name="fallbackTitle">The title when the document has none; <paramref name="id"/> when null.</param>
    /// <exception cref="ArticleReadException">
    /// Not a PDF, malformed or truncated, encrypted or password-protected, no extractable text, or over a limit.
    /// </exception>
    public static Article Parse(byte[] bytes, string id, ArticleMetadata? metadata = null, ReaderLimits? limits = null, string? source = null, string? fallbackTitle = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(id);
        source ??= id;
        limits ??= ReaderLimits.Default;
        metadata ??= ArticleMetadata.Empty;
        if (bytes.LongLength > limits.MaxPdfBytes)
        {
            throw new ArticleReadException(source, $"file is {bytes.LongLength} bytes, over the {limits.MaxPdfBytes}-byte limit for a PDF");
        }

        if (!LooksLikePdf(bytes))
        {
            throw new ArticleReadException(source, "not a PDF (no %PDF- header at the start)");
        }

        var budget = new PdfReadBudget(limits.MaxPdfDecodedBytes, limits.PdfTimeLimit);
        try
        {
            var (pages, info) = Extract(bytes, limits, budget, source);
            return Build(pages, info, id, metadata, limits, source, fallbackTitle);
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new ArticleReadException(source, "encrypted or password-protected PDF", inner: e);
        }
        catch (PdfBudgetException e)
        {
            throw new ArticleReadException(source, e.Message, inner: e);
        }
        catch (Exception e) when (e is not ArticleReadException and not OperationCanceledException and not OutOfMemoryException)
        {
            // PdfPig reports broken files with its own exception types, and crafted ones can trip anything inside
            // it (an index out of range, a cast): all of them are this file's failure, never the run's.
            if (budget.Exceeded is { } spent)
            {
                throw new ArticleReadException(source, spent, inner: e);
            }

            var truncated = EndsWithoutEofMarker(bytes) ? "truncated (no %%EOF marker at the end), " : string.Empty;
            throw new ArticleReadException(source, $"malformed PDF: {truncated}{Describe(e)}", inner: e);
        }
    }

    private static string Describe(Exception e)
    {
        var message = string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        message = message.Length > 200 ? message[..200] + "…" : message;
        return e is PdfDocumentFormatException ? message : $"{e.GetType().Name}: {message}";
    }

    // A PDF ends with %%EOF (writers may add a line break or a few bytes after it).
    private static bool EndsWithoutEofMarker(ReadOnlySpan<byte> bytes) =>
        bytes[Math.Max(0, bytes.Length - 1024)..].IndexOf("%%EOF"u8) < 0;

    private sealed record Info(string? Title, string? Author, string? Subject, string? Keywords, DateTimeOffset? Created);

    private static (List<PageLines> Pages, Info Info) Extract(byte[] bytes, ReaderLimits limits, PdfReadBudget budget, string source)
    {
        var options = new ParsingOptions
        {
            UseLenientParsing = true,
            SkipMissingFonts = true,
            ClipPaths = false,
            FilterProvider = budget.Filters,
        };
        using var document = PdfDocument.Open(bytes, options);
        int count = document.NumberOfPages;
        if (count > limits.MaxPdfPages)
        {
            throw new ArticleReadException(source, $"{count} pages, over the {limits.MaxPdfPages}-page limit for a PDF");
        }

        var info = ReadInfo(document);
        var pages = new List<PageLines>(count);
        long letters = 0;
        for (int number = 1; number <= count; number++)
        {
            budget.Check();
            var page = document.GetPage(number);
            letters += page.Letters.Count;
            if (letters > limits.MaxArticleBytes)
            {
                throw new ArticleReadException(source, $"more than {limits.MaxArticleBytes} characters of text, over the limit of one article");
            }

            pages.Add(ReadLines(page));
            budget.Check();
        }

        return (pages, info);
    }

    private static Info ReadInfo(PdfDocument document)
    {
        var information = document.Information;
        DateTimeOffset? created = null;
        try
        {
            created = information.GetCreatedDateTimeOffset();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // A malformed date string is common and says nothing about the text: no date.
        }

        return new Info(Clean(information.Title), Clean(information.Author), Clean(information.Subject), Clean(information.Keywords), created);
    }

    /// <summary>One line of text on a page, as the layout analysis found it.</summary>
    private sealed record Line(string Text, double Top, double Bottom, double Left, double Baseline, double Size, bool Bold, int Block);

    /// <summary>The lines of one page in reading order, with the page's height.</summary>
    private sealed record PageLines(int Number, double Height, List<Line> Lines, int Letters);

    private static PageLines ReadLines(Page page)
    {
        var lines = new List<Line>();
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        if (letters.Count == 0)
        {
            return new PageLines(page.Number, page.Height, lines, 0);
        }

        var words = Words.GetWords(letters).ToList();
        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(Blocks.GetBlocks(words)).OrderBy(b => b.ReadingOrder).ToList();
        for (int b = 0; b < blocks.Count; b++)
        {
            foreach (var line in blocks[b].TextLines)
            {
                var text = Clean(line.Text);
                if (text is null)
                {
                    continue;
                }

                var lineLetters = line.Words.SelectMany(w => w.Letters).ToList();
                var box = line.BoundingBox;
                var baseline = lineLetters.Select(l => l.StartBaseLine.Y).Order().ElementAt(lineLetters.Count / 2);
                lines.Add(new Line(text, box.Top, box.Bottom, box.Left, baseline, DominantSize(lineLetters), IsBold(lineLetters), b));
            }
        }

        return new PageLines(page.Number, page.Height, lines, letters.Count);
    }

    // The size most of a line's letters are set in, to half a point: a superscript or a drop cap does not change it.
    private static double DominantSize(List<Letter> letters) =>
        letters.GroupBy(l => Math.Round(l.PointSize * 2) / 2).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;

    private static bool IsBold(List<Letter> letters) =>
        letters.Count(l => l.FontDetails?.IsBold == true || LooksBold(l.FontName)) * 2 > letters.Count;

    private static bool LooksBold(string? fontName) =>
        fontName is not null && (fontName.Contains("Bold", StringComparison.OrdinalIgnoreCase) || fontName.Contains("Black", StringComparison.OrdinalIgnoreCase) || fontName.Contains("Heavy", StringComparison.OrdinalIgnoreCase));

    // Whitespace runs (and control characters a broken font maps glyphs to) become single spaces.
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var chars = text.Select(c => char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c).ToArray();
        var cleaned = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static ArticleMetadata BuildMetadata(ArticleMetadata start, Info info, ReaderLimits limits)
    {
        string? Keyword(string? s) => s is { Length: > 0 } && s.Length <= limits.MaxKeywordLength ? s : null;

        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(start.Fields, StringComparer.Ordinal);
        if (Keyword(info.Author) is { } author)
        {
            fields.TryAdd("author", [FieldValue.Text(author)]);
        }

        if (Keyword(info.Subject) is { } subject)
        {
            fields.TryAdd("subject", [FieldValue.Text(subject)]);
        }

        var tags = (info.Keywords ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Keyword).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return start with
        {
            Tags = start.Tags.Count > 0 ? start.Tags : tags,
            Published = start.Published ?? info.Created,
            Fields = fields.Count == 0 ? start.Fields : fields,
        };
    }
}
