using System.Text.RegularExpressions;

namespace SearchKit.Articles;

// From the lines of the pages to an article: running headers, footers and page numbers out; title, headings and
// paragraphs from sizes, weights and blocks.
public static partial class PdfArticleReader
{
    // How much larger than the body text a line must be to count as a title or a heading.
    private const double LargerBy = 1.15;

    // Headers, footers and page numbers live in the top and bottom fifth of a page.
    private const double MarginShare = 0.2;

    private const int MaxHeadingLength = 120;

    private static Article Build(List<PageLines> pages, Info info, string id, ArticleMetadata metadata, ReaderLimits limits, string source, string? fallbackTitle)
    {
        if (pages.Sum(p => p.Letters) == 0)
        {
            throw new ArticleReadException(source, "no extractable text (a scanned PDF?)");
        }

        var running = RunningLines(pages);
        var kept = pages.Select(p => p.Lines.Where(l => !running.Contains(Key(p, l)) && !IsPageNumber(p, l)).ToList()).ToList();
        var all = kept.SelectMany(l => l).ToList();
        if (all.Count == 0)
        {
            throw new ArticleReadException(source, "no body text (only running headers, footers or page numbers)");
        }

        // The body size is the size most characters are set in, not counting the title candidate: in a short
        // document the title can hold as many characters as the body.
        var candidate = LargeFirstLines(kept[0]);
        var rest = all.Where(l => !candidate.Contains(l)).ToList();
        double body = (rest.Count > 0 ? rest : all).GroupBy(l => l.Size).OrderByDescending(g => g.Sum(l => l.Text.Length)).First().Key;
        bool bodyBold = all.Where(l => l.Size == body).Sum(l => l.Bold ? l.Text.Length : -l.Text.Length) > 0;
        bool Prominent(Line l) => l.Size >= body * LargerBy || (l.Bold && !bodyBold && l.Size >= body * 0.95);

        string? title = UsableInfoTitle(info.Title);
        var titleLines = candidate.Count > 0 && candidate[0].Size >= body * LargerBy ? candidate : [];
        if (titleLines.Count > 0)
        {
            var large = string.Join(' ', titleLines.Select(l => l.Text));
            if (title is null || string.Equals(title, large, StringComparison.OrdinalIgnoreCase))
            {
                title ??= large;
                kept[0].RemoveAll(titleLines.Contains);
            }
        }

        title ??= fallbackTitle ?? id;
        var units = new List<(List<Line> Lines, int Page, bool FirstOnPage, bool LastOnPage)>();
        for (int p = 0; p < kept.Count; p++)
        {
            var start = units.Count;
            foreach (var unit in Units(kept[p], Prominent))
            {
                units.Add((unit, p, units.Count == start, false));
            }

            if (units.Count > start)
            {
                units[^1] = units[^1] with { LastOnPage = true };
            }
        }

        string? heading = null;
        bool headingSeen = false;
        var texts = new List<(string Text, string? Heading, bool OnFirstPage)>();
        (int Page, bool LastOnPage) previous = (-1, false);
        foreach (var (lines, page, firstOnPage, lastOnPage) in units)
        {
            var text = JoinLines(lines.Select(l => l.Text));
            if (lines.All(Prominent) && lines.Count <= 2 && text.Length <= MaxHeadingLength && !text.EndsWith('.'))
            {
                heading = text;
                headingSeen = true;
                previous = (-1, false);
                continue;
            }

            // A paragraph cut by a page break: the last block of one page runs on into the first of the next.
            if (texts.Count > 0 && firstOnPage && previous.LastOnPage && previous.Page == page - 1 && RunsOn(texts[^1].Text, text))
            {
                texts[^1] = texts[^1] with { Text = JoinLines([texts[^1].Text, text]) };
            }
            else
            {
                // One more than the limit may be the lead.
                if (texts.Count > limits.MaxParagraphs)
                {
                    throw new ArticleReadException(source, $"more than {limits.MaxParagraphs} paragraphs (the limit)");
                }

                texts.Add((text, heading, !headingSeen && page == 0));
            }

            previous = (page, lastOnPage);
        }

        if (texts.Count == 0)
        {
            throw new ArticleReadException(source, "no body text (only a title, headings, running headers or page numbers)");
        }

        // As in Markdown: the first paragraph before any heading is the lead when more paragraphs follow.
        string? lead = null;
        if (texts.Count > 1 && texts[0].OnFirstPage && texts[0].Heading is null)
        {
            lead = texts[0].Text;
            texts.RemoveAt(0);
        }

        if (texts.Count > limits.MaxParagraphs)
        {
            throw new ArticleReadException(source, $"more than {limits.MaxParagraphs} paragraphs (the limit)");
        }

        var paragraphs = texts.Select((t, i) => new Paragraph(i, t.Text, t.Heading)).ToList();
        return new Article(id, title, lead, paragraphs) { Metadata = BuildMetadata(metadata, info, limits) };
    }

    // Word processors often leave a file name or a template's placeholder in the Title entry.
    private static string? UsableInfoTitle(string? title) =>
        title is null || title.StartsWith("Microsoft Word - ", StringComparison.OrdinalIgnoreCase) || FileNameTitle().IsMatch(title)
            || title.Equals("untitled", StringComparison.OrdinalIgnoreCase) ? null : title;

    // The first line of page 1 in its largest size, with the lines of the same size that follow it in its block
    // (a title set on two or three lines): the title when that size is larger than the body text.
    private static List<Line> LargeFirstLines(List<Line> firstPage)
    {
        if (firstPage.Count == 0)
        {
            return [];
        }

        double largest = firstPage.Max(l => l.Size);

        int first = firstPage.FindIndex(l => l.Size == largest);
        var lines = new List<Line> { firstPage[first] };
        for (int i = first + 1; i < firstPage.Count && lines.Count < 3 && firstPage[i].Size == largest && firstPage[i].Block == firstPage[first].Block; i++)
        {
            lines.Add(firstPage[i]);
        }

        return lines;
    }

    // The paragraphs (and headings) of a page: runs of lines in one block that share a style (prominent or not), so
    // that a heading the segmentation put into the block of the paragraph under it still stands alone, split again
    // where the segmentation kept paragraphs together: at a wider gap between lines than the page's usual line
    // spacing, at an indented first line and at a list item.
    private static IEnumerable<List<Line>> Units(List<Line> lines, Func<Line, bool> prominent)
    {
        // The usual distance between baselines on this page, from lines of one block in one size; capped so that on
        // a page of one-line paragraphs (where every gap is a paragraph break) it is still a line's spacing.
        var pitches = lines.Zip(lines.Skip(1))
            .Where(p => p.First.Block == p.Second.Block && p.First.Size == p.Second.Size && p.First.Baseline > p.Second.Baseline)
            .Select(p => (Pitch: Math.Round(p.First.Baseline - p.Second.Baseline), p.First.Size))
            .ToList();
        double usual = pitches.Count == 0 ? double.MaxValue
            : pitches.GroupBy(p => p.Pitch).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => Math.Min(g.Key, 1.7 * g.First().Size)).First();

        var unit = new List<Line>();
        foreach (var line in lines)
        {
            var before = unit.Count > 0 ? unit[^1] : null;
            bool gap = before is not null && before.Baseline - line.Baseline > usual * 1.25;
            double shift = before is null ? 0 : line.Left - before.Left;
            bool indented = shift > 0.8 * line.Size && shift < 4 * line.Size && !ListItem().IsMatch(before!.Text);
            if (before is not null && (line.Block != before.Block || prominent(line) != prominent(before) || gap || indented || ListItem().IsMatch(line.Text)))
            {
                yield return unit;
                unit = [];
            }

            unit.Add(line);
        }

        if (unit.Count > 0)
        {
            yield return unit;
        }
    }

    /// <summary>
    /// Joins the lines of a paragraph with spaces, except that a word hyphenated at a line end (a letter, a hyphen,
    /// then a line starting in lower case) is put back together without the hyphen.
    /// </summary>
    internal static string JoinLines(IEnumerable<string> lines)
    {
        var text = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length == 0)
            {
                text.Append(line);
                continue;
            }

            char last = text[^1];
            if (last == '\u00AD' || (last is '-' or '\u2010' && text.Length > 1 && char.IsLetter(text[^2]) && line.Length > 0 && char.IsLower(line[0])))
            {
                text.Length--;
            }
            else
            {
                text.Append(' ');
            }

            text.Append(line);
        }

        return text.ToString();
    }

    private static bool RunsOn(string before, string after) =>
        after.Length > 0 && char.IsLower(after[0]) && before.Length > 0 && !".!?:;\"\u201D\u2019)]".Contains(before[^1], StringComparison.Ordinal);

    private static bool InMargin(PageLines page, Line line) =>
        page.Height > 0 && (line.Bottom >= page.Height * (1 - MarginShare) || line.Top <= page.Height * MarginShare);

    // A line and where it sits, with digits folded: "Page 3 of 9" on every page is one running footer.
    private static (string Text, long Height) Key(PageLines page, Line line) =>
        (Digits().Replace(line.Text, "#"), (long)Math.Round(line.Top / 3));

    // Lines in the margins whose text (digits aside) comes back at the same height on more than half of the pages.
    private static HashSet<(string, long)> RunningLines(List<PageLines> pages)
    {
        if (pages.Count < 2)
        {
            return [];
        }

        return pages
            .SelectMany(p => p.Lines.Where(l => InMargin(p, l)).Select(l => (Key: Key(p, l), p.Number)))
            .GroupBy(x => x.Key)
            .Where(g => g.Select(x => x.Number).Distinct().Count() * 2 > pages.Count)
            .Select(g => g.Key)
            .ToHashSet();
    }

    private static bool IsPageNumber(PageLines page, Line line) => InMargin(page, line) && PageNumber().IsMatch(line.Text);

    // A line that starts a list item: the lines after it hang indented under its text.
    [GeneratedRegex(@"^(?:[\u2022\u2023\u25E6\u2043\u2219*\u2013\u2014-]|[0-9]{1,3}[.)]|[a-z][.)])\s", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?:(?:page|p\.|pg\.?)\s*)?(?:[-\u2013\u2014]\s*)?(?:[0-9]{1,5}|[ivxlcdm]{1,7})(?:\s*[-\u2013\u2014])?(?:\s*(?:/|of)\s*[0-9]{1,5})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\.(?:docx?|odt|rtf|pdf|tex|dvi|indd|pages|txt)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNameTitle();
}
