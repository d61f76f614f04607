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
        return Read(entry, content: null, limits ?? ReaderLimits.Default, format, contentHash, cancellation);
    }

    /// <summary>
    /// As the public <see cref="Read(Entry, ReaderLimits?, ArticleFormat, string?, CancellationToken)"/>, from the
    /// file's bytes when <paramref name="content"/> holds them (read once, for the hash and the parse), else from the file.
    /// </summary>
    internal static IEnumerable<ArticleReadResult> Read(Entry entry, byte[]? content, ReaderLimits limits, ArticleFormat format, string? contentHash, CancellationToken cancellation)
    {
        var metadata = new ArticleMetadata { SourcePath = entry.Path, ContentHash = contentHash };
        var (resolved, gzip) = Sniff(entry.Path, format, content);
        if (resolved is ArticleFormat.JsonLines or ArticleFormat.Beir)
        {
            return ReadJsonLines(entry, content, limits, metadata, gzip, cancellation);
        }

        return [ReadPlainText(entry, content, limits, metadata, resolved, gzip)];
    }

    /// <summary>Whether a file is read as JSON Lines (which <see cref="OpenJsonLines"/> opens line by line), and through gzip.</summary>
    internal static (bool JsonLines, bool Gzip) IsJsonLines(string path, ArticleFormat format, byte[]? content)
    {
        var (resolved, gzip) = Sniff(path, format, content);
        return (resolved is ArticleFormat.JsonLines or ArticleFormat.Beir, gzip);
    }

    /// <summary>
    /// Opens a JSON Lines file's content (decompressed for gzip, within the limits) for reading line by line;
    /// a failure to open is a failed result naming the file.
    /// </summary>
    internal static (Stream? Stream, ArticleReadResult? Failure) OpenJsonLines(string path, byte[]? content, ReaderLimits limits, bool gzip)
    {
        try
        {
            return (OpenContent(path, content, limits, gzip), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, ArticleReadResult.Failure(new ArticleReadException(path, $"cannot open the file ({e.Message})", inner: e)));
        }
    }

    /// <summary>
    /// Reads a file whole (when it is at most <paramref name="maxBytes"/> long) and hashes it as
    /// <see cref="HashFile(string)"/> does, in one pass; a longer file is hashed as a stream and its content left
    /// null, to be read again where it is parsed.
    /// </summary>
    /// <exception cref="IOException">The path is not a regular file or cannot be read.</exception>
    internal static (string Hash, byte[]? Content) ReadAndHash(string path, int maxBytes, CancellationToken cancellation)
    {
        using (var stream = OpenRegular(path))
        {
            long length = stream.Length;
            if (length <= maxBytes)
            {
                var bytes = new byte[length];
                int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                // A file that grew since its length was taken is hashed as a stream, whole, like any long file.
                if (read == bytes.Length && stream.ReadByte() < 0)
                {
                    return (Convert.ToHexStringLower(XxHash128.Hash(bytes)), bytes);
                }
            }
        }

        return (HashFile(path, cancellation), null);
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

    private static IEnumerable<ArticleReadResult> ReadJsonLines(Entry entry, byte[]? content, ReaderLimits limits, ArticleMetadata metadata, bool gzip, CancellationToken cancellation)
    {
        var (stream, failure) = OpenJsonLines(entry.Path, content, limits, gzip);
        return stream is null
            ? [failure!]
            : Guarded(stream, JsonLinesArticleReader.Read(stream, entry.Path, limits, entry.Id, metadata, cancellation), entry.Path);
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
                catch (Exception ex) when (IsReadFailure(ex))
                {
                    next = ArticleReadResult.Failure(ReadFailure(ex, path));
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

    /// <summary>Whether an exception from reading a file ends that file as a failure (all but cancellation and out-of-memory).</summary>
    internal static bool IsReadFailure(Exception e) => e is not OperationCanceledException and not OutOfMemoryException;

    /// <summary>The failure of a file whose reading threw <paramref name="e"/>.</summary>
    internal static ArticleReadException ReadFailure(Exception e, string path) => e switch
    {
        // Said by the stream itself: a corrupt or truncated gzip, the decompressed-size limit.
        ArticleReadException said => said,
        IOException or UnauthorizedAccessException => new ArticleReadException(path, $"read failed ({e.Message})", inner: e),
        _ => new ArticleReadException(path, $"cannot read the file ({e.GetType().Name}: {e.Message})", inner: e),
    };

    private static ArticleReadResult ReadPlainText(Entry entry, byte[]? content, ReaderLimits limits, ArticleMetadata metadata, ArticleFormat format, bool gzip)
    {
        try
        {
            // A PDF carries images and fonts besides its text: it has a size limit of its own.
            long maxBytes = format == ArticleFormat.Pdf ? limits.MaxPdfBytes : limits.MaxArticleBytes;
            byte[] bytes;
            if (gzip)
            {
                bytes = ReadGzipText(entry.Path, content, limits, maxBytes);
            }
            else if (content is not null)
            {
                bytes = content.Length <= maxBytes ? content : throw new ArticleReadException(entry.Path, $"file is {content.Length} bytes, over the {maxBytes}-byte limit");
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
    private static Stream OpenContent(string path, byte[]? content, ReaderLimits limits, bool gzip)
    {
        Stream file = content is null ? OpenRegular(path) : new MemoryStream(content, writable: false);
        return gzip ? new GzipContentStream(file, path, limits.MaxDecompressedBytes) : file;
    }

    // A plain-text article in gzip: its decompressed size is only known by decompressing, so read up to one
    // byte past the article limit (and never past the decompressed-size limit) to tell whether it is over.
    private static byte[] ReadGzipText(string path, byte[]? content, ReaderLimits limits, long maxBytes)
    {
        using var stream = OpenContent(path, content, limits, gzip: true);
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
