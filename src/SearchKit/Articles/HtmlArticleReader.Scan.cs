using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace SearchKit.Articles;

// The parser, and the one pass over the parsed tree that collects what the reader needs from the whole page.
public static partial class HtmlArticleReader
{
    // The attributes the reader looks at; the parser keeps no others, which saves building most of a real page's
    // attributes (style, data-*, event handlers, srcset, ...).
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UsedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "class", "role", "hidden", "aria-hidden", "itemprop", "lang", "name", "property", "content", "rel", "href", "type",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    // A parser per thread, reused: building one (its browsing context and configuration) cost about an eighth of
    // parsing a whole page. A parser keeps nothing of a document once ParseDocument returns, and a thread-static
    // one is never used by two threads at once.
    [ThreadStatic]
    private static HtmlParser? _parser;

    private static HtmlParser Parser() => _parser ??= new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,

        // Comments and raw text (style, xmp, iframe, noembed, noframes) never reach the article: not built at all.
        // Script text is kept: JSON-LD lives there.
        SkipComments = true,
        SkipRawText = true,
        ShouldEmitAttribute = static (ref StructHtmlToken _, ReadOnlyMemory<char> name) => UsedAttributes.Contains(name.Span),
    });

    private sealed class Scan
    {
        public Dictionary<string, string> Meta { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<IElement> JsonLd { get; } = [];

        /// <summary>The outermost elements to drop (navigation, scripts, banners, ...), in document order.</summary>
        public List<IElement> Dropped { get; } = [];

        /// <summary>Elements outside the dropped ones that mark the article: <c>article</c>, <c>main</c>, <c>[role=main]</c>, <c>[itemprop~=articleBody]</c>.</summary>
        public List<IElement> Marked { get; } = [];
    }

    // Pre-order, iterative (no page nesting can exhaust the stack), through ChildNodes (an indexed list).
    private static Scan ScanDocument(IDocument document)
    {
        var scan = new Scan();
        if (document.DocumentElement is not { } html)
        {
            return scan;
        }

        var stack = new Stack<(IElement Element, bool InDropped)>();
        stack.Push((html, false));
        while (stack.Count > 0)
        {
            var (e, inDropped) = stack.Pop();
            switch (e.LocalName)
            {
                case "meta":
                    ReadMeta(e, scan.Meta);
                    break;
                case "link" when !scan.Meta.ContainsKey("canonical") && e.GetAttribute("href") is { } href && HasToken(e.GetAttribute("rel"), "canonical"):
                    scan.Meta["canonical"] = href;
                    break;
                case "script" when string.Equals(e.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase):
                    scan.JsonLd.Add(e);
                    break;
            }

            if (!inDropped)
            {
                if (IsDropped(e))
                {
                    scan.Dropped.Add(e);
                    inDropped = true;
                }
                else if (e.LocalName is "article" or "main"
                    || string.Equals(e.GetAttribute("role"), "main", StringComparison.Ordinal)
                    || HasToken(e.GetAttribute("itemprop"), "articleBody"))
                {
                    scan.Marked.Add(e);
                }
            }

            var children = e.ChildNodes;
            for (int i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push((child, inDropped));
                }
            }
        }

        return scan;
    }

    // The attributes read once, by index: GetAttribute lower-cases the name it is given on every call.
    private static bool IsDropped(IElement element)
    {
        if (Dropped.Contains(element.LocalName))
        {
            return true;
        }

        string? id = null, cls = null;
        var attributes = element.Attributes;
        for (int i = 0; i < attributes.Length; i++)
        {
            var a = attributes[i]!;
            switch (a.LocalName)
            {
                case "hidden":
                    return true;
                case "aria-hidden" when string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase):
                    return true;
                case "role" when DroppedRoles.Contains(a.Value.Trim()):
                    return true;
                case "id":
                    id = a.Value;
                    break;
                case "class":
                    cls = a.Value;
                    break;
            }
        }

        return !Kept.Contains(element.LocalName) && Unlikely(id, cls);
    }

    private static void ReadMeta(IElement m, Dictionary<string, string> meta)
    {
        var key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop");
        var value = m.GetAttribute("content");
        if (key is null || value is null)
        {
            return;
        }

        key = key.Trim();
        if (string.Equals(key, "article:tag", StringComparison.OrdinalIgnoreCase))
        {
            // Several article:tag metas: kept joined, split again for the tags.
            meta[key] = meta.TryGetValue(key, out var before) ? before + "\n" + value : value;
        }
        else if (!string.Equals(key, "canonical", StringComparison.OrdinalIgnoreCase))
        {
            meta.TryAdd(key, value);
        }
    }

    // A whitespace-separated token list (rel, itemprop) holds the token, compared as CSS's ~= does.
    private static bool HasToken(string? list, string token)
    {
        if (list is null)
        {
            return false;
        }

        foreach (var range in list.AsSpan().SplitAny(" \t\n\r\f"))
        {
            if (list.AsSpan(range).Equals(token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
