using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// Checks an article before it reaches the writer, whichever way it came (files or the API): a malformed or
/// over-limit article is one reported failure, whereas a null member would throw deep inside the mapping, and
/// Lucene's own rejection (an "immense term") inside a bulk run, failing all of it.
/// </summary>
internal static class ArticleValidator
{
    /// <summary>Checks that an article is well formed: no null where a value is required, an id that is not blank.</summary>
    /// <exception cref="ArgumentNullException">The article is null.</exception>
    /// <exception cref="ArgumentException">The id is null, empty or only white space; or the title, the paragraphs, a paragraph, its text, the metadata, the tags or a tag is null.</exception>
    public static void CheckWellFormed(Article? article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (string.IsNullOrWhiteSpace(article.Id))
        {
            throw new ArgumentException(article.Id is null ? "the article's id is null" : $"the article's id \"{article.Id}\" is empty or only white space", nameof(article));
        }

        string who = $"article \"{article.Id}\"";
        if (article.Title is null)
        {
            throw new ArgumentException($"{who}: the title is null (use \"\" for an article without one)", nameof(article));
        }

        if (article.Paragraphs is null)
        {
            throw new ArgumentException($"{who}: the paragraphs are null (use an empty list)", nameof(article));
        }

        for (int i = 0; i < article.Paragraphs.Count; i++)
        {
            var p = article.Paragraphs[i];
            if (p is null)
            {
                throw new ArgumentException($"{who}: paragraph {i} is null", nameof(article));
            }

            if (p.Text is null)
            {
                throw new ArgumentException($"{who}: the text of paragraph {i} is null", nameof(article));
            }
        }

        if (article.Metadata is null)
        {
            throw new ArgumentException($"{who}: the metadata is null (use ArticleMetadata.Empty)", nameof(article));
        }

        if (article.Metadata.Tags is null)
        {
            throw new ArgumentException($"{who}: the tags are null (use an empty list)", nameof(article));
        }

        for (int i = 0; i < article.Metadata.Tags.Count; i++)
        {
            if (article.Metadata.Tags[i] is null)
            {
                throw new ArgumentException($"{who}: tag {i} is null", nameof(article));
            }
        }
    }

    /// <summary>Checks a well-formed article (see <see cref="CheckWellFormed"/>) against the limits.</summary>
    /// <exception cref="ArticleReadException">The article is over a limit.</exception>
    public static void Validate(Article article, ReaderLimits limits)
    {
        string source = article.Metadata.SourcePath ?? article.Id;
        CheckKeyword(source, "id", article.Id, limits);
        CheckKeyword(source, "category", article.Metadata.Category, limits);
        CheckKeyword(source, "source path", article.Metadata.SourcePath, limits);
        foreach (var tag in article.Metadata.Tags)
        {
            CheckKeyword(source, "tag", tag, limits);
        }

        foreach (var (name, values) in article.Metadata.Fields ?? FieldNames.NoFields)
        {
            foreach (var value in values ?? [])
            {
                CheckKeyword(source, $"value of field \"{name}\"", value.TextValue, limits);
            }
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

    /// <summary>
    /// Checks one article of a batch; a malformed one becomes an <see cref="ArticleReadException"/> (its inner
    /// exception the <see cref="ArgumentException"/>) that the run reports as that article's failure.
    /// </summary>
    /// <param name="article">The article, perhaps null.</param>
    /// <param name="position">Its 0-based position in the batch, when known, to name a null or id-less article.</param>
    /// <param name="limits">The limits.</param>
    /// <exception cref="ArticleReadException">The article is malformed or over a limit.</exception>
    public static void ValidateInBatch([System.Diagnostics.CodeAnalysis.NotNull] Article? article, long? position, ReaderLimits limits)
    {
        if (article is null)
        {
            throw new ArticleReadException(position is long at ? $"(article {at} of the batch)" : "(an article of the batch)", "the article is null", inner: new ArgumentNullException(nameof(article)));
        }

        try
        {
            CheckWellFormed(article);
        }
        catch (ArgumentException e)
        {
            string source = article.Metadata?.SourcePath
                ?? (string.IsNullOrWhiteSpace(article.Id) ? (position is long n ? $"(article {n} of the batch)" : "(an article of the batch)") : article.Id);
            var reason = e.Message;
            int paramNote = reason.IndexOf(" (Parameter '", StringComparison.Ordinal);
            throw new ArticleReadException(source, paramNote < 0 ? reason : reason[..paramNote], inner: e);
        }

        Validate(article, limits);
    }

    private static void CheckKeyword(string source, string what, string? value, ReaderLimits limits)
    {
        if (value is not null && value.Length > limits.MaxKeywordLength)
        {
            throw new ArticleReadException(source, $"the {what} is {value.Length} characters long, over the {limits.MaxKeywordLength}-character limit");
        }
    }
}
