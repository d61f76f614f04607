namespace SearchKit.Articles;

/// <summary>The formats SearchKit reads articles from.</summary>
public enum ArticleFormat
{
    /// <summary>
    /// Chosen by file extension: <c>.jsonl</c> (and <c>.jsonl.gz</c>) is JSON Lines, <c>.md</c> and <c>.markdown</c>
    /// Markdown, <c>.html</c>/<c>.htm</c> HTML, <c>.pdf</c> PDF; a file without a known extension is decided by its
    /// content: gzip when it starts with the gzip magic bytes (of the format its name without <c>.gz</c> names, else
    /// of its decompressed content), PDF when it starts with <c>%PDF-</c>, HTML when it starts as an HTML document
    /// (<c>&lt;!doctype html</c>, <c>&lt;html</c>), Word when it is a zip holding <c>word/document.xml</c>, else plain text;
    /// <c>.docx</c> is Word.
    /// </summary>
    Auto,

    /// <summary>One article per file, see <see cref="PlainTextArticleReader"/>.</summary>
    PlainText,

    /// <summary>One article per line, see <see cref="JsonLinesArticleReader"/>.</summary>
    JsonLines,

    /// <summary>
    /// A BEIR corpus (<c>corpus.jsonl</c>): one <c>{"_id", "title", "text"}</c> object per line, read by
    /// <see cref="JsonLinesArticleReader"/>; the text is split into paragraphs on blank lines, or kept as one
    /// paragraph when it has none, and other properties (such as <c>metadata</c>) are ignored.
    /// </summary>
    Beir,

    /// <summary>One Markdown article per file (<c>.md</c>, <c>.markdown</c>), see <see cref="MarkdownArticleReader"/>.</summary>
    Markdown,

    /// <summary>A saved web page, one article per file, see <see cref="HtmlArticleReader"/>.</summary>
    Html,

    /// <summary>A Word document (<c>.docx</c>), one article per file, see <see cref="DocxArticleReader"/>.</summary>
    Docx,
    /// <summary>A PDF document, one article per file (<c>.pdf</c>), see <see cref="PdfArticleReader"/>.</summary>
    Pdf,
}
