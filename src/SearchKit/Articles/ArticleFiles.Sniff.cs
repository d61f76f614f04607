using System.IO.Compression;

namespace SearchKit.Articles;

// Deciding a file's format by its content, for files given directly whose names say nothing.
public static partial class ArticleFiles
{
    /// <summary>
    /// The format a file is read as, and whether it is read through gzip. A name with a known extension
    /// (<see cref="Extensions"/>) decides both. Otherwise the first bytes do: the gzip magic (1F 8B) means gzip, of
    /// the format the name without <c>.gz</c> names, else of what the decompressed start looks like; and with
    /// <see cref="ArticleFormat.Auto"/> a start of <c>%PDF-</c> is PDF, an HTML document HTML, a zip holding
    /// <c>word/document.xml</c> Word, anything else plain text.
    /// </summary>
    private static (ArticleFormat Format, bool Gzip) Sniff(string path, ArticleFormat format, byte[]? content)
    {
        bool gzipName = IsGzip(path);
        if (IsArticleFileName(path))
        {
            return (FormatOf(path, format), gzipName);
        }

        try
        {
            using Stream stream = content is null ? OpenRegular(path) : new MemoryStream(content, writable: false);
            Span<byte> head = stackalloc byte[1024];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            bool gzip = gzipName || head[..read].StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]);
            if (format != ArticleFormat.Auto)
            {
                return (format, gzip);
            }

            var inner = gzip ? Path.GetFileName(path[..^(gzipName ? 3 : 0)]) : null;
            if (inner is not null && IsArticleFileName(inner))
            {
                return (FormatOf(inner), gzip);
            }

            if (gzip)
            {
                stream.Position = 0;
                read = ReadDecompressedHead(stream, head);
            }

            var byContent = ByContent(head[..read]);
            if (byContent == ArticleFormat.PlainText && !gzip)
            {
                // Only the zip directory is read: a Word document is a zip holding word/document.xml.
                stream.Position = 0;
                return (DocxArticleReader.LooksLikeDocx(stream) ? ArticleFormat.Docx : byContent, gzip);
            }

            return (byContent, gzip);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reader opens it again and reports the failure.
            return (FormatOf(path, format), gzipName);
        }
    }

    private static ArticleFormat ByContent(ReadOnlySpan<byte> head) =>
        PdfArticleReader.LooksLikePdf(head) ? ArticleFormat.Pdf
        : HtmlArticleReader.LooksLikeHtml(head) ? ArticleFormat.Html
        : ArticleFormat.PlainText;

    // The first bytes a gzip file decompresses to; broken data gives what came before it (the reader reports it).
    private static int ReadDecompressedHead(Stream compressed, Span<byte> head)
    {
        try
        {
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            return gzip.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException)
        {
            return 0;
        }
    }
}
