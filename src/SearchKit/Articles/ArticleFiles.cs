using System.IO.Hashing;
using System.Text;

namespace SearchKit.Articles;

/// <summary>Finds article files in folders and reads them, turning every failure into a per-file error.</summary>
public static partial class ArticleFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The file name endings <see cref="Enumerate"/> picks up in folders. A name ending in <c>.gz</c> is gzip
    /// read as the format its inner extension names (<c>.jsonl.gz</c>, <c>.txt.gz</c>, <c>.md.gz</c>, <c>.html.gz</c>).
    /// </summary>
    public static IReadOnlyList<string> Extensions { get; } = [".txt", ".jsonl", ".txt.gz", ".jsonl.gz", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".md.gz", ".markdown.gz", ".html.gz", ".htm.gz"];

    /// <summary>Whether a file name ends in one of <see cref="Extensions"/> (case-insensitively).</summary>
    public static bool IsArticleFileName(string name) =>
        Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a file is read through gzip: its name ends in <c>.gz</c>.</summary>
    internal static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path without its extension, and without <c>.gz</c> and the inner extension for a gzip file.</summary>
    internal static string WithoutExtension(string path) =>
        Path.ChangeExtension(IsGzip(path) ? path[..^3] : path, null);

    /// <summary>One file to read, with the id its article gets when the format carries none.</summary>
    /// <param name="Path">The full path of the file.</param>
    /// <param name="Id">The article id for a plain-text file: its path relative to the folder given, without extension.</param>
    public sealed record Entry(string Path, string Id);

    /// <summary>
    /// Lists the article files under the given files and folders (recursively, in ordinal path order), as
    /// <see cref="SearchIndex.IndexFiles"/> reads them: only regular files, dot files and folders skipped, links
    /// to folders not followed, a file reached by two paths listed once. A path given directly is listed
    /// whatever its extension. What cannot be listed or read is left out here; <see cref="SearchIndex.IndexFiles"/>
    /// reports it.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static IEnumerable<Entry> Enumerate(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return FolderScan.Run([.. paths], new FolderScan.Options(), CancellationToken.None).Entries;
    }

    /// <summary>The format of a file by its extension.</summary>
    /// <remarks>A gzip file (<c>.gz</c>) has the format of its inner extension: <c>a.jsonl.gz</c> is JSON Lines.</remarks>
    public static ArticleFormat FormatOf(string path, ArticleFormat format = ArticleFormat.Auto) =>
        format != ArticleFormat.Auto ? format
        : Path.GetExtension(IsGzip(path) ? path[..^3] : path).ToLowerInvariant() switch
        {
            ".jsonl" => ArticleFormat.JsonLines,
            ".md" or ".markdown" => ArticleFormat.Markdown,
            ".html" or ".htm" => ArticleFormat.Html,
            ".docx" => ArticleFormat.Docx,
            ".pdf" => ArticleFormat.Pdf,
            _ => ArticleFormat.PlainText,
        };

    /// <summary>
    /// Reads every article in one file. Never throws for bad content: each failure (unreadable, not a regular
    /// file, binary, empty, not UTF-8, too large, a malformed line, any error while reading one article) comes
    /// back as a failed result naming the file. Only regular files are opened: a named pipe or a device is a failure
    /// without being opened, so it cannot block the run.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (checked per line of JSON Lines).</exception>
    public static IEnumerable<ArticleReadResult> Read(Entry entry, ReaderLimits? limits = null, ArticleFormat format = ArticleFormat.Auto, string? contentHash = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        limits ??= ReaderLimits.Default;
        var metadata = new ArticleMetadata { SourcePath = entry.Path, ContentHash = contentHash };
        var (resolved, gzip) = Sniff(entry.Path, format);
        if (resolved is ArticleFormat.JsonLines or ArticleFormat.Beir)
        {
            return ReadJsonLines(entry, limits, metadata, gzip, cancellation);
        }

        return [ReadPlainText(entry, limits, metadata, resolved, gzip)];
    }

    /// <summary>Opens a regular file for reading; anything else (a pipe, a device, a folder) is refused unopened.</summary>
    /// <exception cref="IOException">The path is not a regular file, or cannot be opened.</exception>
    internal static FileStream OpenRegular(string path)
    {
        var kind = FileKinds.Of(path);
        if (kind != FileKind.Regular)
        {
            throw new IOException(kind == FileKind.Missing ? "no such file" : $"not a regular file but {FileKinds.Describe(kind)}");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
    }

    private static IEnumerable<ArticleReadResult> ReadJsonLines(Entry entry, ReaderLimits limits, ArticleMetadata metadata, bool gzip, CancellationToken cancellation)
    {
        Stream stream;
        try
        {
            stream = OpenContent(entry.Path, limits, gzip);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [ArticleReadResult.Failure(new ArticleReadException(entry.Path, $"cannot open the file ({e.Message})", inner: e))];
        }

        return Guarded(stream, JsonLinesArticleReader.Read(stream, entry.Path, limits, entry.Id, metadata, cancellation), entry.Path);
    }

    // Any exception from reading the file (an I/O error, a bug in a reader) ends that file as one failure; only
    // cancellation goes up, to end the run.
    private static IEnumerable<ArticleReadResult> Guarded(Stream owned, IEnumerable<ArticleReadResult> results, string path)
    {
        using (owned)
        {
            using var e = results.GetEnumerator();
            while (true)
            {
                ArticleReadResult next;
                bool failed = false;
                try
                {
                    if (!e.MoveNext())
                    {
                        yield break;
                    }

                    next = e.Current;
                }
                catch (ArticleReadException ex)
                {
                    // Said by the stream itself: a corrupt or truncated gzip, the decompressed-size limit.
                    next = ArticleReadResult.Failure(ex);
                    failed = true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    var reason = ex is IOException or UnauthorizedAccessException ? $"read failed ({ex.Message})" : $"cannot read the file ({ex.GetType().Name}: {ex.Message})";
                    next = ArticleReadResult.Failure(new ArticleReadException(path, reason, inner: ex));
                    failed = true;
                }

                yield return next;
                if (failed)
                {
                    yield break;
                }
            }
        }
    }

    private static ArticleReadResult ReadPlainText(Entry entry, ReaderLimits limits, ArticleMetadata metadata, ArticleFormat format, bool gzip)
    {
        try
        {
            // A PDF carries images and fonts besides its text: it has a size limit of its own.
            long maxBytes = format == ArticleFormat.Pdf ? limits.MaxPdfBytes : limits.MaxArticleBytes;
            byte[] bytes;
            if (gzip)
            {
                bytes = ReadGzipText(entry.Path, limits, maxBytes);
            }
            else
            {
                using var stream = OpenRegular(entry.Path);
                var length = stream.Length;
                if (length > maxBytes)
                {
                    throw new ArticleReadException(entry.Path, $"file is {length} bytes, over the {maxBytes}-byte limit");
                }

                // Read no more than the limit even if the file grows meanwhile.
                bytes = new byte[length];
                int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                bytes = read == bytes.Length ? bytes : bytes[..read];
            }

            var article = format switch
            {
                ArticleFormat.Html => HtmlArticleReader.Parse(bytes, entry.Id, metadata, limits, entry.Path),
                ArticleFormat.Docx => DocxArticleReader.Parse(bytes, entry.Id, metadata, limits, entry.Path, Path.GetFileName(WithoutExtension(entry.Path))),
                ArticleFormat.Pdf => PdfArticleReader.Parse(bytes, entry.Id, metadata, limits, entry.Path, Path.GetFileName(WithoutExtension(entry.Path))),
                ArticleFormat.Markdown => MarkdownArticleReader.Parse(DecodeUtf8(bytes, entry.Path), entry.Id, metadata, limits.MaxParagraphs, entry.Path, Path.GetFileName(WithoutExtension(entry.Path))),
                _ => PlainTextArticleReader.Parse(DecodeUtf8(bytes, entry.Path), entry.Id, metadata, limits.MaxParagraphs, entry.Path),
            };
            return ArticleReadResult.Success(article);
        }
        catch (ArticleReadException e)
        {
            return ArticleReadResult.Failure(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ArticleReadResult.Failure(new ArticleReadException(entry.Path, $"cannot read the file ({e.Message})", inner: e));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return ArticleReadResult.Failure(new ArticleReadException(entry.Path, $"cannot read the article ({e.GetType().Name}: {e.Message})", inner: e));
        }
    }

    /// <summary>Opens a file's content: the file itself, or for a gzip file its decompressed bytes, within the limits.</summary>
    /// <exception cref="IOException">The path is not a regular file, or cannot be opened.</exception>
    private static Stream OpenContent(string path, ReaderLimits limits, bool gzip)
    {
        var file = OpenRegular(path);
        return gzip ? new GzipContentStream(file, path, limits.MaxDecompressedBytes) : file;
    }

    // A plain-text article in gzip: its decompressed size is only known by decompressing, so read up to one
    // byte past the article limit (and never past the decompressed-size limit) to tell whether it is over.
    private static byte[] ReadGzipText(string path, ReaderLimits limits, long maxBytes)
    {
        using var stream = OpenContent(path, limits, gzip: true);
        long cap = Math.Min(maxBytes, limits.MaxDecompressedBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > cap)
            {
                throw new ArticleReadException(path, $"decompresses to more than {cap} bytes, over the {cap}-byte limit of one article");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A 128-bit hash of a file's bytes, as hex: what re-indexing compares to skip unchanged files.</summary>
    /// <exception cref="IOException">The path is not a regular file (a pipe, a device) or cannot be read.</exception>
    public static string HashFile(string path) => HashFile(path, CancellationToken.None);

    /// <summary>As <see cref="HashFile(string)"/>, checking <paramref name="cancellation"/> between blocks.</summary>
    internal static string HashFile(string path, CancellationToken cancellation)
    {
        var hash = new XxHash128();
        using var stream = OpenRegular(path);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            hash.Append(buffer.AsSpan(0, read));
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>Decodes strict UTF-8 (a BOM is dropped), rejecting binary data and invalid byte sequences.</summary>
    /// <exception cref="ArticleReadException">The bytes are binary or not valid UTF-8.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new ArticleReadException(source, $"binary data (a NUL byte at offset {nul}), not a text article");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index}" : string.Empty;
            throw new ArticleReadException(source, $"not valid UTF-8{at}");
        }
    }
}
