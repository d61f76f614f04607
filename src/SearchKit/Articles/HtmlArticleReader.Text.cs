using System.Text;
using AngleSharp.Dom;

namespace SearchKit.Articles;

// Text out of the tree: a paragraph's text in one walk, and whitespace normalisation.
public static partial class HtmlArticleReader
{
    // An element's text with whitespace collapsed as Normalize does, with a space for every line break and block
    // boundary (TextContent would glue "a<br>b" into "ab"), built in one walk; the buffers are reused across a page.
    private sealed class TextBuffer
    {
        private readonly StringBuilder _text = new();
        private readonly Stack<INode> _nodes = new();
        private bool _space;

        /// <summary>The text, or null when <paramref name="stopAtBlock"/> and the element holds a block element.</summary>
        public string? Of(IElement e, bool stopAtBlock)
        {
            _text.Clear();
            _nodes.Clear();
            _space = false;
            Push(e);
            while (_nodes.Count > 0)
            {
                var node = _nodes.Pop();
                if (node is IText t)
                {
                    Append(t.Data);
                    continue;
                }

                if (node is IElement el)
                {
                    if (Blocks.Contains(el.LocalName))
                    {
                        if (stopAtBlock)
                        {
                            return null;
                        }

                        _space = _text.Length > 0;
                    }
                    else if (el.LocalName is "br" or "hr" or "img")
                    {
                        _space = _text.Length > 0;
                    }

                    Push(el);
                }
            }

            return _text.ToString();
        }

        private void Push(INode node)
        {
            var children = node.ChildNodes;
            for (int i = children.Length - 1; i >= 0; i--)
            {
                _nodes.Push(children[i]);
            }
        }

        private void Append(string s) => AppendCollapsed(_text, s, ref _space);
    }

    /// <summary>Collapses every run of whitespace (no-break spaces too) into one space, trimmed; control characters dropped.</summary>
    internal static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        bool space = false;
        AppendCollapsed(sb, text, ref space);
        return sb.ToString();
    }

    // Appends s with whitespace runs (no-break and zero-width spaces too) collapsed into one space, none leading, and
    // control characters dropped; space carries a pending space from one call to the next.
    private static void AppendCollapsed(StringBuilder sb, string s, ref bool space)
    {
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                space = sb.Length > 0;
                continue;
            }

            if (char.IsControl(c))
            {
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }
    }
}
