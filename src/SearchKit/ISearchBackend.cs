using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Searching;

namespace SearchKit;

/// <summary>
/// The operations an application uses on an index of articles, whatever holds it: the embedded
/// <see cref="SearchIndex"/> or a cluster (the SearchKit.Elasticsearch package). Code written against this
/// interface switches backends with configuration. Writes become visible to searches after <see cref="Commit"/>.
/// The caller disposes the backend.
/// </summary>
public interface ISearchBackend : IDisposable
{
    /// <summary>Where the index lives: a folder, <c>(memory)</c>, or a cluster URL and index name.</summary>
    string Location { get; }

    /// <summary>The metadata fields the index knows and their kinds, the fixed <c>category</c>, <c>tags</c>, <c>published</c>, <c>url</c> first.</summary>
    IReadOnlyList<MetadataField> Fields { get; }

    /// <summary>Adds an article, or replaces the one with the same id. Visible to searches after <see cref="Commit"/>.</summary>
    /// <exception cref="ArgumentException">The article is malformed (the message names the problem).</exception>
    /// <exception cref="ArticleReadException">The article is over a limit, or a metadata value cannot be read as its field's kind.</exception>
    void Upsert(Article article);

    /// <summary>Deletes the article with this id, if there is one. Visible to searches after <see cref="Commit"/>.</summary>
    void Delete(string id);

    /// <summary>Makes every write so far durable and visible to searches.</summary>
    /// <exception cref="SearchKitException">The commit failed.</exception>
    void Commit();

    /// <summary>
    /// Indexes many articles (adding new ids, replacing existing ones) and commits. A malformed article, or one
    /// the backend refuses, does not stop the run: it is reported in <see cref="IndexingReport.Failures"/> with its
    /// id and reason, and the others are indexed. On cancellation what was indexed so far is kept and the report says so.
    /// </summary>
    /// <exception cref="SearchKitException">The backend failed as a whole (a write, the connection); what was committed stays.</exception>
    IndexingReport Add(IEnumerable<Article> articles, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default);

    /// <summary>Searches articles. Thread-safe.</summary>
    /// <exception cref="SearchKitQueryException">The query, a filter, the sort or the cursor is malformed; the message gives the reason.</exception>
    SearchResults Search(string query, SearchOptions? options = null);

    /// <summary>Searches articles, stopping with <see cref="OperationCanceledException"/> soon after <paramref name="cancellation"/> is cancelled. Thread-safe.</summary>
    /// <exception cref="SearchKitQueryException">The query, a filter, the sort or the cursor is malformed; the message gives the reason.</exception>
    SearchResults Search(string query, SearchOptions? options, CancellationToken cancellation);

    /// <summary>Reads one article back, or <see langword="null"/> when there is none with that id.</summary>
    Article? Get(string id);

    /// <summary>Counts and facts about the index as searches see it.</summary>
    /// <param name="topTerms">How many of the most frequent body terms to list (a backend that cannot list them lists none).</param>
    IndexStats GetStats(int topTerms = 10);
}
