namespace SearchKit;

/// <summary>A file or line could not be read as an article.</summary>
public sealed class ArticleReadException : SearchKitInputException
{
    /// <summary>Creates the exception.</summary>
    public ArticleReadException(string source, string reason, int? line = null, Exception? inner = null)
        : base(source, reason, line, inner)
    {
    }
}
