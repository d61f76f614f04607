using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SearchKit.Articles;

/// <summary>
/// Reads one Markdown article (CommonMark, parsed with Markdig). A front-matter block between <c>---</c> lines
/// gives the metadata as in plain text (<c>category</c>, <c>tags</c>, <c>published</c>, <c>url</c>, other
/// <c>key: value</c> lines as named fields) and may give the <c>title</c>; otherwise the first <c>#</c> heading is
/// the title (then the first heading of any level, then the file name). Later headings of any
/// level are section headings. Paragraphs, list items and block quotes become paragraphs with the Markdown syntax
/// stripped: links keep their text, inline code its text, images and HTML are dropped. Code blocks are skipped:
/// they are not prose, and their identifiers would crowd the matches of ordinary words. The first paragraph after
/// the title and before any section heading is the lead when more paragraphs follow.
/// </summary>
public static class MarkdownArticleReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>Parses Markdown text into an article.</summary>
    /// <param name="text">The whole file as text.</param>
    /// <param name="id">The id to give the article.</param>
    /// <param name="metadata">Metadata to start from, or <see langword="null"/>.</param>
    /// <param name="maxParagraphs">Reject articles with more paragraphs than this.</param>
    /// <param name="source">A name for errors (usually the file path); defaults to <paramref name="id"/>.</param>
    /// <param name="fallbackTitle">The title when the text has no heading and no front-matter title; <paramref name="id"/> when null.</param>
    /// <exception cref="ArticleReadException">The text is empty, has too many paragraphs, a malformed front matter, or nesting past the parser's depth limit.</exception>
    public static Article Parse(string text, string id, ArticleMetadata? metadata = null, int maxParagraphs = ReaderLimits.DefaultMaxParagraphs, string? source = null, string? fallbackTitle = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(id);
        source ??= id;
        string? title = FrontMatterTitle(text);
        (text, metadata) = FrontMatter.Split(text, metadata ?? ArticleMetadata.Empty, source);

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException e)
        {
            // Markdig refuses blocks or inlines nested past its depth limit (quotes, lists, links, emphasis) with an
            // ArgumentException (the text is never null here); for a reader of files that is a bad file like any other.
            throw new ArticleReadException(source, e.Message.Contains("nested", StringComparison.OrdinalIgnoreCase)
                ? "Markdown nested too deeply (quotes, lists, links or emphasis past the parser's depth limit)"
                : $"Markdown the parser refuses ({e.Message.ReplaceLineEndings(" ")})", inner: e);
        }
        var blocks = new List<(string Text, bool IsHeading, int Level, bool TopLevel)>();
        Collect(document, blocks);
        if (blocks.Count == 0)
        {
            throw new ArticleReadException(source, "the file is empty (no heading and no paragraph)");
        }

        int titleBlock = -1;
        if (string.IsNullOrWhiteSpace(title))
        {
            titleBlock = blocks.FindIndex(b => b.IsHeading && b.Level == 1);
            if (titleBlock < 0)
            {
                titleBlock = blocks.FindIndex(b => b.IsHeading);
            }

            title = titleBlock >= 0 ? blocks[titleBlock].Text : fallbackTitle ?? id;
        }

        string? heading = null;
        string? lead = null;
        bool sectionSeen = false;
        var paragraphs = new List<Paragraph>();
        int bodyCount = blocks.Count(b => !b.IsHeading);
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (i == titleBlock)
            {
                continue;
            }

            if (block.IsHeading)
            {
                heading = block.Text;
                sectionSeen = true;
                continue;
            }

            if (lead is null && !sectionSeen && paragraphs.Count == 0 && block.TopLevel && bodyCount > 1)
            {
                lead = block.Text;
                continue;
            }

            if (paragraphs.Count >= maxParagraphs)
            {
                throw new ArticleReadException(source, $"more than {maxParagraphs} paragraphs (the limit)");
            }

            paragraphs.Add(new Paragraph(paragraphs.Count, block.Text, heading));
        }

        return new Article(id, title.Trim(), lead, paragraphs) { Metadata = metadata };
    }

    // The title: line of a front-matter block, which the shared front-matter parser leaves alone (in plain text
    // the first line after the block is the title).
    private static string? FrontMatterTitle(string text)
    {
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        if (reader.ReadLine()?.TrimEnd() != "---")
        {
            return null;
        }

        for (var line = reader.ReadLine(); line is not null && line.Trim() != "---"; line = reader.ReadLine())
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("title:", StringComparison.Ordinal))
            {
                var value = trimmed["title:".Length..].Trim();
                return value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
            }
        }

        return null;
    }

    // Walks the blocks in document order without recursion (a hostile file can nest quotes and lists deeply).
    private static void Collect(MarkdownDocument document, List<(string, bool, int, bool)> blocks)
    {
        var pending = new Stack<(Block Block, bool TopLevel)>();
        for (int i = document.Count - 1; i >= 0; i--)
        {
            pending.Push((document[i], true));
        }

        while (pending.Count > 0)
        {
            var (block, topLevel) = pending.Pop();
            switch (block)
            {
                case HeadingBlock h:
                    if (PlainText(h.Inline) is { Length: > 0 } headingText)
                    {
                        blocks.Add((headingText, true, h.Level, topLevel));
                    }

                    break;
                case ParagraphBlock p:
                    if (PlainText(p.Inline) is { Length: > 0 } paragraphText)
                    {
                        blocks.Add((paragraphText, false, 0, topLevel));
                    }

                    break;
                case CodeBlock or HtmlBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                    break;
                case ContainerBlock container:
                    for (int i = container.Count - 1; i >= 0; i--)
                    {
                        pending.Push((container[i], false));
                    }

                    break;
            }
        }
    }

    // The text of inlines with the syntax gone, whitespace runs collapsed; iterative for the same reason.
    private static string PlainText(ContainerInline? root)
    {
        if (root is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        var pending = new Stack<Inline>();
        PushChildren(root, pending);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case LinkInline { IsImage: true }:
                case HtmlInline:
                    break;
                case ContainerInline container:
                    PushChildren(container, pending);
                    break;
            }
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void PushChildren(ContainerInline container, Stack<Inline> pending)
    {
        var children = new List<Inline>();
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            children.Add(child);
        }

        for (int i = children.Count - 1; i >= 0; i--)
        {
            pending.Push(children[i]);
        }
    }
}
