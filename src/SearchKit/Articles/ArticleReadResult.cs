namespace SearchKit.Articles;

/// <summary>The outcome of reading one article: either the article or the error that stopped it.</summary>
public sealed record ArticleReadResult
{
    private ArticleReadResult(Article? article, ArticleReadException? error, int? line = null)
    {
        Article = article;
        Error = error;
        Line = line;
    }

    /// <summary>The article, when it was read.</summary>
    public Article? Article { get; }

    /// <summary>Why the article could not be read, when it could not.</summary>
    public ArticleReadException? Error { get; }

    /// <summary>The 1-based line the article was read from, for line-oriented formats such as JSON Lines.</summary>
    public int? Line { get; }

    /// <summary>A successful read.</summary>
    public static ArticleReadResult Success(Article article) => new(article ?? throw new ArgumentNullException(nameof(article)), null);

    /// <summary>A successful read of the article on <paramref name="line"/>.</summary>
    public static ArticleReadResult Success(Article article, int line) => new(article ?? throw new ArgumentNullException(nameof(article)), null, line);

    /// <summary>A failed read.</summary>
    public static ArticleReadResult Failure(ArticleReadException error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
