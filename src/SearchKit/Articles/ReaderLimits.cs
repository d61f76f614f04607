namespace SearchKit.Articles;

/// <summary>Limits that keep hostile or broken input from exhausting memory. Input past a limit is a read error.</summary>
public sealed record ReaderLimits
{
    /// <summary>The default of <see cref="MaxParagraphs"/>.</summary>
    public const int DefaultMaxParagraphs = 10_000;

    /// <summary>The default limits.</summary>
    public static ReaderLimits Default { get; } = new();

    /// <summary>The largest plain-text file, or JSON Lines line, read as one article. Default 16 MiB.</summary>
    public long MaxArticleBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The most body paragraphs one article may have. Default 10,000.</summary>
    public int MaxParagraphs { get; init; } = DefaultMaxParagraphs;

    /// <summary>
    /// The longest id, category, tag or source path, in characters: these are indexed whole, and Lucene
    /// rejects a term over 32,766 UTF-8 bytes. Default 1,024.
    /// </summary>
    public int MaxKeywordLength { get; init; } = 1024;

    /// <summary>
    /// The most bytes a compressed file (<c>*.jsonl.gz</c>, <c>*.txt.gz</c>) may decompress to: past it the file
    /// stops with an error (a gzip bomb ends here rather than filling memory or running for hours), keeping the
    /// articles read before. A plain-text article is also held to <see cref="MaxArticleBytes"/>. Default 4 GiB.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// The deepest nesting of elements an HTML page may have, counted from its raw tags (elements a parser closes
    /// by itself, such as <c>p</c> and <c>li</c>, and void elements do not count). Deeper pages are refused before
    /// parsing, so a hostile page cannot cost quadratic parsing time. Default 512.
    /// </summary>
    public int MaxHtmlDepth { get; init; } = 512;

    /// <summary>
    /// The most bytes the XML parts of a Word document (<c>*.docx</c>, a zip) may decompress to in total, as the
    /// zip declares them (.NET's zip reader stops each part at its declared size), so a zip bomb is refused before anything
    /// is decompressed. The <c>.docx</c> file itself is held to <see cref="MaxArticleBytes"/>. Default 64 MiB.
    /// </summary>
    public long MaxDocxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// The highest compression ratio (decompressed / compressed size) a part of a Word document over 1 MiB may have:
    /// Word's own XML compresses about 5–20 ×, a zip bomb about 1,000 ×. Default 200.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>
    /// The deepest element nesting in the XML of a Word document (body and styles); deeper documents are refused.
    /// Word's own files nest about 10–30 deep (tables in tables go further). Default 512.
    /// </summary>
    public int MaxDocxDepth { get; init; } = 512;

    /// <summary>
    /// The largest PDF file read, in bytes: PDFs carry images and fonts, so this is larger than
    /// <see cref="MaxArticleBytes"/>, which still bounds the text taken from a PDF. Default 64 MiB.
    /// </summary>
    public long MaxPdfBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The most pages a PDF may have; a longer one is refused before any page is read. Default 2,000.</summary>
    public int MaxPdfPages { get; init; } = 2_000;

    /// <summary>
    /// The most bytes the compressed streams of one PDF (page contents, fonts) may decode to, all together: past it
    /// the file is refused (a compression bomb inside a PDF). Default 512 MiB.
    /// </summary>
    public long MaxPdfDecodedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// How long reading one PDF may take, checked between pages and before each stream is decoded, so a crafted
    /// file that is slow to parse ends as that file's error instead of stalling the run. Default 60 seconds.
    /// </summary>
    public TimeSpan PdfTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        if (MaxDocxBytes <= 0 || MaxCompressionRatio <= 0 || MaxDocxDepth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReaderLimits), "the Word document limits must be positive");
        }

        if (MaxArticleBytes <= 0 || MaxDecompressedBytes <= 0 || MaxParagraphs <= 0 || MaxHtmlDepth <= 0 || MaxKeywordLength is <= 0 or > 8000
            || MaxPdfBytes <= 0 || MaxPdfPages <= 0 || MaxPdfDecodedBytes <= 0 || PdfTimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReaderLimits), "reader limits must be positive (and the keyword length at most 8,000 characters)");
        }
    }
}
