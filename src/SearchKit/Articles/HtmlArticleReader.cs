using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace SearchKit.Articles;

/// <summary>
/// Reads a saved web page (<c>*.html</c>, <c>*.htm</c>) as one article: the main content only (readability-style:
/// the page's <c>article</c>/<c>main</c> element, or else the block with the most paragraph text, after navigation,
/// asides, footers, forms, cookie banners, comment sections, ads and share bars are dropped), with the title from the
/// content's <c>h1</c> (else <c>og:title</c> or <c>&lt;title&gt;</c> without the site-name suffix), the lead from a
/// marked lead paragraph, <c>og:description</c> or <c>meta description</c>, section headings from <c>h2</c>–<c>h4</c>,
/// and paragraphs from <c>p</c>, list items and block quotes in document order. Metadata comes from JSON-LD
/// (<c>NewsArticle</c>/<c>Article</c>), <c>article:*</c> meta tags, the canonical link and the <c>lang</c> attribute.
/// Scripts and styles never reach the text.
/// </summary>
public static partial class HtmlArticleReader
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "form", "button",
        "input", "select", "textarea", "nav", "aside", "footer", "dialog", "menu", "head",
    };

    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar",
    };

    // Containers that are never dropped for their class or id: a body class such as "has-cookie-banner" must not
    // drop the page.
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase) { "html", "body", "article", "main" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
        "div", "section", "ul", "ol", "dl", "table", "tr", "td", "th", "figure", "header", "address", "details", "summary",
    };

    /// <summary>Reads an article from the bytes of an HTML file, decoding them as the page declares (BOM, meta charset).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="id">The id to give the article.</param>
    /// <param name="metadata">Metadata to start from (source path, content hash), or <see langword="null"/>.</param>
    /// <param name="limits">Reader limits (paragraphs, nesting depth), or <see langword="null"/> for the defaults.</param>
    /// <param name="source">A name for errors (usually the file path); defaults to <paramref name="id"/>.</param>
    /// <exception cref="ArticleReadException">Binary data, nesting past the limit, no title, no main content, too many paragraphs.</exception>
    public static Article Parse(ReadOnlySpan<byte> bytes, string id, ArticleMetadata? metadata = null, ReaderLimits? limits = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        source ??= id;
        return Parse(Decode(bytes, source), id, metadata, limits, source);
    }

    /// <summary>Reads an article from HTML text; see the class summary for what becomes what.</summary>
    /// <exception cref="ArticleReadException">Nesting past the limit, no title, no main content, too many paragraphs.</exception>
    public static Article Parse(string html, string id, ArticleMetadata? metadata = null, ReaderLimits? limits = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(id);
        source ??= id;
        limits ??= ReaderLimits.Default;
        metadata ??= ArticleMetadata.Empty;

        // The tree builder keeps a stack of open elements and scans it for scope checks, so a file of millions of
        // nested tags would cost quadratic time before any DOM limit could be checked: refuse it from the raw tags.
        CheckNesting(html, limits.MaxHtmlDepth, source);
        using var document = Parser().ParseDocument(html);

        // One pass over the tree finds the head's metadata, the JSON-LD blocks, what to drop and the marked content.
        var scan = ScanDocument(document);
        var meta = scan.Meta;
        var jsonLd = ReadJsonLd(scan.JsonLd);
        var lang = document.DocumentElement?.GetAttribute("lang")?.Trim();
        var pageTitle = document.Title;

        // Removing an ancestor first leaves its already-detached descendants harmless to remove.
        foreach (var element in scan.Dropped)
        {
            element.Remove();
        }

        var root = ChooseRoot(document, scan.Marked)
            ?? throw new ArticleReadException(source, "no main content (the page has no body text)");
        var content = Walk(root, limits.MaxParagraphs, source);

        string? title = Normalize(content.H1) is { Length: > 0 } h1 ? h1
            : Normalize(jsonLd?.Headline) is { Length: > 0 } headline ? headline
            : StripSiteName(Normalize(meta.GetValueOrDefault("og:title")) is { Length: > 0 } og ? og : Normalize(pageTitle), Normalize(meta.GetValueOrDefault("og:site_name")));
        if (string.IsNullOrEmpty(title))
        {
            throw new ArticleReadException(source, "no title (no h1 in the content, no og:title and no <title>)");
        }

        string? lead = content.Lead ?? NonEmpty(meta.GetValueOrDefault("og:description")) ?? NonEmpty(meta.GetValueOrDefault("description"));
        var paragraphs = content.Paragraphs;
        if (lead is not null && paragraphs.Count > 0 && string.Equals(paragraphs[0].Text, lead, StringComparison.Ordinal))
        {
            paragraphs.RemoveAt(0);
        }

        if (paragraphs.Count == 0)
        {
            throw new ArticleReadException(source, "no main content (no paragraphs of article text found)");
        }

        var list = paragraphs.Select((p, i) => new Paragraph(i, p.Text, p.Heading)).ToList();
        return new Article(id, title, lead, list) { Metadata = BuildMetadata(metadata, meta, jsonLd, lang, document, limits) };
    }

    private static bool Unlikely(string? id, string? cls)
    {
        if (id is null && cls is null)
        {
            return false;
        }

        var names = (id + " " + cls).AsSpan();
        return names.Length <= 2048 && UnlikelyNames().IsMatch(names) && !LikelyNames().IsMatch(names);
    }

    private static IElement? ChooseRoot(IDocument document, List<IElement> markedElements)
    {
        // A page that marks its article is believed; among several marked ones, the one with the most text wins.
        var marked = markedElements
            .Select(e => (Element: e, Length: TextLength(e)))
            .Where(c => c.Length >= 1)
            .ToList();
        if (marked.Count > 0)
        {
            // Prefer the innermost marked element that still holds most of the marked text (an article inside main).
            var best = marked.MaxBy(c => c.Length);
            var inner = marked.Where(c => c.Element != best.Element && best.Element.Contains(c.Element) && c.Length * 10 >= best.Length * 8 && HasHeadingOrIsArticle(c.Element))
                .OrderByDescending(c => Depth(c.Element)).FirstOrDefault();
            return inner.Element ?? best.Element;
        }

        // Otherwise score the parents of paragraphs as readability does: text length, commas, less link text.
        var scores = new Dictionary<IElement, double>();
        foreach (var p in document.QuerySelectorAll("p, pre, td, blockquote"))
        {
            var text = Normalize(p.TextContent);
            if (text.Length < 25)
            {
                continue;
            }

            double score = 1 + text.Count(c => c == ',') + Math.Min(text.Length / 100, 3);
            if (p.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + score;
                if (parent.ParentElement is { } grand)
                {
                    scores[grand] = scores.GetValueOrDefault(grand) + (score / 2);
                }
            }
        }

        if (scores.Count > 0)
        {
            return scores.MaxBy(kv => kv.Value * (1 - LinkDensity(kv.Key))).Key;
        }

        return document.Body is { } body && TextLength(body) > 0 ? body : null;
    }

    private static bool HasHeadingOrIsArticle(IElement e) =>
        e.LocalName == "article" || e.HasAttribute("itemprop") || e.QuerySelector("h1") is not null;

    private static int Depth(INode node)
    {
        int depth = 0;
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            depth++;
        }

        return depth;
    }

    // Counted from the text nodes in place: TextContent would build the whole subtree's text as one string.
    private static int TextLength(IElement e)
    {
        int count = 0;
        var stack = new Stack<INode>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                foreach (var c in text.Data)
                {
                    count += char.IsWhiteSpace(c) ? 0 : 1;
                }

                continue;
            }

            var children = node.ChildNodes;
            for (int i = 0; i < children.Length; i++)
            {
                stack.Push(children[i]);
            }
        }

        return count;
    }

    private static double LinkDensity(IElement e)
    {
        int all = TextLength(e);
        if (all == 0)
        {
            return 1;
        }

        int links = e.QuerySelectorAll("a").Sum(a => TextLength(a));
        return Math.Min(1, (double)links / all);
    }

    private sealed record Block(string Text, string? Heading);

    private sealed class Content
    {
        public string? H1 { get; set; }

        public string? Lead { get; set; }

        public List<Block> Paragraphs { get; } = [];
    }

    // Iterative, so no page nesting can exhaust the stack.
    private static Content Walk(IElement root, int maxParagraphs, string source)
    {
        var content = new Content();
        string? heading = null;
        var text = new TextBuffer();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            var name = e.LocalName;
            if (name is "h1" or "h2" or "h3" or "h4")
            {
                var headingText = text.Of(e, stopAtBlock: false)!;
                if (headingText.Length == 0)
                {
                    continue;
                }

                if (name == "h1")
                {
                    content.H1 ??= headingText;
                }
                else
                {
                    heading = headingText;
                }

                continue;
            }

            bool paragraph = name is "p" or "li" or "blockquote" or "pre" or "dd" or "dt" or "h5" or "h6" or "figcaption"
                || (name is "div" or "section" or "td" && HasOwnText(e));
            // A paragraph that holds blocks (a list item with a nested list) is read block by block instead.
            if (paragraph && text.Of(e, stopAtBlock: true) is { } paragraphText)
            {
                if (paragraphText.Length == 0)
                {
                    continue;
                }

                if (content.Lead is null && content.Paragraphs.Count == 0 && e.GetAttribute("class") is { } cls && LeadNames().IsMatch(cls))
                {
                    content.Lead = paragraphText;
                    continue;
                }

                if (content.Paragraphs.Count == maxParagraphs)
                {
                    throw new ArticleReadException(source, $"more than {maxParagraphs} paragraphs");
                }

                content.Paragraphs.Add(new Block(paragraphText, heading));
                continue;
            }

            // Through ChildNodes (a list): Children builds a new collection on every call and indexes it by walking it.
            var children = e.ChildNodes;
            for (int i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }

        return content;
    }

    private static bool HasOwnText(IElement e)
    {
        foreach (var child in e.ChildNodes)
        {
            if (child.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(child.TextContent))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"cookie|consent|gdpr|comment|disqus|advert|(^|[\s_-])ads?([\s_-]|$)|sponsor|promo|share|social|newsletter|subscribe|related|recommend|sidebar|popup|modal|breadcrumb|footer|masthead|(^|[\s_-])(nav|menu|navbar)([\s_-]|$)|banner|paywall|outbrain|taboola", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex UnlikelyNames();

    [GeneratedRegex(@"(^|[\s_-])(article|article-body|story|entry-content|post-content|main-content)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex LikelyNames();

    [GeneratedRegex(@"(^|[\s_-])(lead|standfirst|summary|dek|intro|deck|subtitle|subheadline|excerpt)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex LeadNames();
}
