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

    internal void Validate()
    {
        if (MaxArticleBytes <= 0 || MaxParagraphs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReaderLimits), "reader limits must be positive");
        }
    }
}
