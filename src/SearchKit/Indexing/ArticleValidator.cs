using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// Checks an article against the limits before it reaches the writer, whichever way it came (files or the
/// API): a bad article is one reported failure, whereas Lucene's own rejection (an "immense term") would
/// throw inside a bulk run and fail all of it.
/// </summary>
internal static class ArticleValidator
{
    /// <exception cref="ArticleReadException">The article has no id, or is over a limit.</exception>
    public static void Validate(Article article, ReaderLimits limits)
    {
        string source = article.Metadata.SourcePath ?? article.Id ?? "(article)";
        if (string.IsNullOrEmpty(article.Id))
        {
            throw new ArticleReadException(source, "the article has no id");
        }

        CheckKeyword(source, "id", article.Id, limits);
        CheckKeyword(source, "category", article.Metadata.Category, limits);
        CheckKeyword(source, "source path", article.Metadata.SourcePath, limits);
        foreach (var tag in article.Metadata.Tags)
        {
            CheckKeyword(source, "tag", tag, limits);
        }

        if (article.Paragraphs.Count > limits.MaxParagraphs)
        {
            throw new ArticleReadException(source, $"more than {limits.MaxParagraphs} paragraphs (the limit)");
        }

        long bytes = IndexingRun.TextBytes(article);
        if (bytes > limits.MaxArticleBytes)
        {
            throw new ArticleReadException(source, $"the article's text is {bytes} bytes, over the {limits.MaxArticleBytes}-byte limit");
        }
    }

    private static void CheckKeyword(string source, string what, string? value, ReaderLimits limits)
    {
        if (value is not null && value.Length > limits.MaxKeywordLength)
        {
            throw new ArticleReadException(source, $"the {what} is {value.Length} characters long, over the {limits.MaxKeywordLength}-character limit");
        }
    }
}
