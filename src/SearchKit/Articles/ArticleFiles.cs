using System.IO.Hashing;
using System.Text;

namespace SearchKit.Articles;

/// <summary>The formats SearchKit reads articles from.</summary>
public enum ArticleFormat
{
    /// <summary>Chosen by file extension: <c>.jsonl</c> is JSON Lines, anything else plain text.</summary>
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
}

/// <summary>Finds article files in folders and reads them, turning every failure into a per-file error.</summary>
public static class ArticleFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file extensions <see cref="Enumerate"/> picks up in folders.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".txt", ".jsonl"];

    /// <summary>One file to read, with the id its article gets when the format carries none.</summary>
    /// <param name="Path">The full path of the file.</param>
    /// <param name="Id">The article id for a plain-text file: its path relative to the folder given, without extension.</param>
    public sealed record Entry(string Path, string Id);

    /// <summary>
    /// Lists the article files under the given files and folders (recursively, in ordinal path order).
    /// A path given directly is listed whatever its extension.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static IEnumerable<Entry> Enumerate(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given);
            if (File.Exists(full))
            {
                yield return new Entry(full, Path.GetFileNameWithoutExtension(full));
            }
            else if (Directory.Exists(full))
            {
                var files = Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var relative = Path.GetRelativePath(full, file);
                    var id = Path.ChangeExtension(relative, null).Replace(Path.DirectorySeparatorChar, '/');
                    yield return new Entry(file, id);
                }
            }
            else
            {
                throw new FileNotFoundException($"{given}: no such file or folder", given);
            }
        }
    }

    /// <summary>The format of a file by its extension.</summary>
    public static ArticleFormat FormatOf(string path, ArticleFormat format = ArticleFormat.Auto) =>
        format != ArticleFormat.Auto ? format
        : string.Equals(Path.GetExtension(path), ".jsonl", StringComparison.OrdinalIgnoreCase) ? ArticleFormat.JsonLines
        : ArticleFormat.PlainText;

    /// <summary>
    /// Reads every article in one file. Never throws for bad content: each failure (unreadable, binary,
    /// empty, not UTF-8, too large, a malformed line) comes back as a failed result naming the file.
    /// </summary>
    public static IEnumerable<ArticleReadResult> Read(Entry entry, ReaderLimits? limits = null, ArticleFormat format = ArticleFormat.Auto, string? contentHash = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        limits ??= ReaderLimits.Default;
        var metadata = new ArticleMetadata { SourcePath = entry.Path, ContentHash = contentHash };
        if (FormatOf(entry.Path, format) is ArticleFormat.JsonLines or ArticleFormat.Beir)
        {
            return ReadJsonLines(entry, limits, metadata);
        }

        return [ReadPlainText(entry, limits, metadata)];
    }

    private static IEnumerable<ArticleReadResult> ReadJsonLines(Entry entry, ReaderLimits limits, ArticleMetadata metadata)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [ArticleReadResult.Failure(new ArticleReadException(entry.Path, $"cannot open the file ({e.Message})", inner: e))];
        }

        return Guarded(stream, JsonLinesArticleReader.Read(stream, entry.Path, limits, entry.Id, metadata), entry.Path);
    }

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
                catch (IOException ex)
                {
                    next = ArticleReadResult.Failure(new ArticleReadException(path, $"read failed ({ex.Message})", inner: ex));
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

    private static ArticleReadResult ReadPlainText(Entry entry, ReaderLimits limits, ArticleMetadata metadata)
    {
        try
        {
            var length = new FileInfo(entry.Path).Length;
            if (length > limits.MaxArticleBytes)
            {
                throw new ArticleReadException(entry.Path, $"file is {length} bytes, over the {limits.MaxArticleBytes}-byte limit");
            }

            var bytes = File.ReadAllBytes(entry.Path);
            var text = DecodeUtf8(bytes, entry.Path);
            var article = PlainTextArticleReader.Parse(text, entry.Id, metadata, limits.MaxParagraphs, entry.Path);
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
    }

    /// <summary>A 128-bit hash of a file's bytes, as hex: what re-indexing compares to skip unchanged files.</summary>
    public static string HashFile(string path)
    {
        var hash = new XxHash128();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        hash.Append(stream);
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
