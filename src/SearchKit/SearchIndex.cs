using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SearchKit.Analysis;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Searching;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchKit;

/// <summary>
/// A full-text index of articles: the one entry point. Open one per index and share it; it is thread-safe.
/// Writes (<see cref="Upsert"/>, <see cref="Delete"/>) are buffered until <see cref="Commit"/>; the bulk
/// <see cref="Add(IEnumerable{Article}, IndexingOptions?, IProgress{IndexingProgress}?, CancellationToken)"/> and
/// <see cref="IndexFiles"/> commit as they go and when they end. Searches see each commit, also one made by
/// another process. Disposing drops what was not committed and releases the write lock.
/// </summary>
public sealed class SearchIndex : ISearchBackend
{
    private readonly IndexComponents _parts;
    private readonly SearchIndexOptions _options;
    private int _disposed;

    private SearchIndex(LuceneDirectory directory, SearchIndexOptions options, string location)
    {
        _options = options;
        Location = location;
        var log = options.LoggerFactory?.CreateLogger<SearchIndex>() ?? (ILogger)NullLogger.Instance;
        _parts = new IndexComponents(directory, options, location, log);
        AnalyzerName = _parts.AnalyzerName;
        IndexLog.Opened(log, location, AnalyzerName, options.ReadOnly);
    }

    /// <summary>Where the index lives: its folder, or <c>(memory)</c>.</summary>
    public string Location { get; }

    /// <summary>The vector side of searches (for tests).</summary>
    internal Searching.Vectors.VectorSearch Vectors => _parts.Vectors;

    /// <summary>The name of the analyzer the index is built with.</summary>
    public string AnalyzerName { get; }

    /// <summary>
    /// The metadata fields the index knows and their kinds: the fixed <c>category</c>, <c>tags</c>, <c>published</c>,
    /// <c>url</c>, then every named field by name, each with the kind learned from its first values.
    /// </summary>
    public IReadOnlyList<MetadataField> Fields => WithSearcher(searcher => _parts.Schema.Refreshed(searcher, Location).Fields);

    /// <summary>
    /// Opens the index in a folder, creating it when missing (unless <see cref="SearchIndexOptions.ReadOnly"/>
    /// or not <see cref="SearchIndexOptions.CreateIfMissing"/>). The caller disposes it.
    /// </summary>
    /// <exception cref="SearchKitIndexException">The index is missing, damaged, or was built with another analyzer.</exception>
    public static SearchIndex Open(string path, SearchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= SearchIndexOptions.Default;
        options.Validate();
        return new SearchIndex(IndexDirectory.Open(path, options.Directory, create: !options.ReadOnly && options.CreateIfMissing), options, path);
    }

    /// <summary>
    /// Opens an index over any Lucene directory, for tests that wrap one (a directory that fails on write,
    /// for example). The index takes ownership of <paramref name="directory"/> and disposes it.
    /// </summary>
    internal static SearchIndex OpenDirectory(LuceneDirectory directory, SearchIndexOptions? options = null, string location = "(directory)")
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= SearchIndexOptions.Default;
        options.Validate();
        return new SearchIndex(directory, options, location);
    }

    /// <summary>Creates an empty index in memory, for tests, benchmarks and short-lived data. The caller disposes it.</summary>
    public static SearchIndex CreateInMemory(SearchIndexOptions? options = null)
    {
        options ??= SearchIndexOptions.Default;
        options.Validate();
        return new SearchIndex(new RAMDirectory(), options with { ReadOnly = false, CreateIfMissing = true }, "(memory)");
    }

    /// <summary>Adds an article, or replaces the one with the same id. Visible to searches after <see cref="Commit"/>.</summary>
    /// <exception cref="ArgumentNullException">The article is null.</exception>
    /// <exception cref="ArgumentException">
    /// The article is malformed: its id is null, empty or white space, or its title, paragraphs, a paragraph or its
    /// text, metadata, tags or a tag is null. The message names which; nothing is written.
    /// </exception>
    /// <exception cref="ArticleReadException">
    /// The article is over a limit of <see cref="SearchIndexOptions.ReaderLimits"/>, names a field a name it may not take
    /// (<see cref="FieldNames"/>), or holds a value that cannot be read as its field's kind (see <see cref="Fields"/>).
    /// </exception>
    public void Upsert(Article article)
    {
        ArticleValidator.CheckWellFormed(article);
        ArticleValidator.Validate(article, _options.ReaderLimits);
        ThrowIfCannotWriteArticles();
        _parts.Schema.Resolve(article);

        // Embedded before the writer is touched: an embedder that fails leaves the index as it was.
        var vectors = _options.Embedder is { } embedder ? ArticleVectors.Embed(embedder, [article])[0] : null;
        _parts.Writer.Write(writer => ArticleDocumentMapper.Upsert(writer, _parts.Schema, article, vectors));
    }

    /// <summary>Deletes the article with this id, if there is one. Visible to searches after <see cref="Commit"/>.</summary>
    public void Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        ThrowIfReadOnly();
        _parts.Writer.Write(writer => ArticleDocumentMapper.Delete(writer, id));
    }

    /// <summary>Makes every buffered write durable and visible to searches.</summary>
    /// <exception cref="SearchKitException">The commit failed (for example the disk is full); the index stays at its last commit.</exception>
    public void Commit()
    {
        ThrowIfReadOnly();
        _parts.Bulk.Commit();
    }

    /// <summary>
    /// Indexes articles in parallel (adding new ids, replacing existing ones), committing every
    /// <see cref="IndexingOptions.CommitEveryArticles"/> articles or <see cref="IndexingOptions.CommitInterval"/>
    /// and at the end. On cancellation what was indexed so far is committed and the report says so.
    /// A null or malformed article (see <see cref="Upsert"/>) or one over a limit does not stop the batch: it is
    /// left out and reported in <see cref="IndexingReport.Failures"/> (with the <see cref="ArgumentException"/>
    /// naming the problem as its inner exception), and every other article is indexed.
    /// </summary>
    /// <exception cref="SearchKitException">A write failed; the index stays at its last commit.</exception>
    public IndexingReport Add(IEnumerable<Article> articles, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ThrowIfCannotWriteArticles();
        return _parts.Bulk.Add(articles, options, progress, cancellation);
    }

    /// <summary>
    /// Indexes articles from an asynchronous source (for example a reader of a remote feed) in parallel;
    /// otherwise as <see cref="Add(IEnumerable{Article}, IndexingOptions?, IProgress{IndexingProgress}?, CancellationToken)"/>.
    /// </summary>
    public Task<IndexingReport> AddAsync(IAsyncEnumerable<Article> articles, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return Task.Run(() =>
        {
            ThrowIfCannotWriteArticles();
            return _parts.Bulk.AddAsync(articles, options, progress, cancellation);
        }, CancellationToken.None);
    }

    /// <summary>
    /// Indexes article files and folders (recursively: <c>*.txt</c> plain text, <c>*.jsonl</c> JSON Lines, and those gzip-compressed as <c>*.txt.gz</c>, <c>*.jsonl.gz</c>)
    /// incrementally: unchanged files are skipped, changed ones replaced, and the articles of files gone
    /// from the given folders removed. A file that cannot be read is reported in
    /// <see cref="IndexingReport.Failures"/> and does not stop the run. Only regular files are read (a named pipe
    /// or a device is a failure, never opened); links to folders are not followed; dot files and folders are
    /// skipped unless <see cref="IndexingOptions.IncludeHidden"/>; a file reached by two paths is read once; an id
    /// claimed by two sources is a failure naming both (the first in listing order keeps it); a folder that
    /// cannot be listed is a failure and its articles stay. See docs/guarantees.md, "Files and folders".
    /// </summary>
    /// <exception cref="FileNotFoundException">A given path does not exist.</exception>
    /// <exception cref="SearchKitException">A write failed; the index stays at its last commit.</exception>
    public IndexingReport IndexFiles(IEnumerable<string> paths, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var given = paths.ToList();
        foreach (var path in given)
        {
            ArgumentNullException.ThrowIfNull(path, nameof(paths));
            if (!File.Exists(path) && !System.IO.Directory.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file or folder", path);
            }
        }

        ThrowIfCannotWriteArticles();
        return _parts.Bulk.IndexFiles(given, options ?? IndexingOptions.Default, progress, cancellation);
    }

    /// <summary>
    /// Indexes JSON Lines read from a stream (for example standard input) as they come, in parallel, committing as
    /// <see cref="Add(IEnumerable{Article}, IndexingOptions?, IProgress{IndexingProgress}?, CancellationToken)"/>
    /// does. A line that is malformed or over a limit is a failure in <see cref="IndexingReport.Failures"/> named
    /// <paramref name="source"/> and its line, and the lines after it are read. Articles keep the ids their lines
    /// carry; a line without one gets <c>{idPrefix}#{line}</c>. The articles have no source path, so no later
    /// <see cref="IndexFiles"/> run removes them. Cancellation ends the run at once, even while the stream waits
    /// for its writer; what was indexed until then is committed.
    /// </summary>
    /// <param name="jsonLines">UTF-8 JSON Lines; read to its end, not disposed.</param>
    /// <param name="source">The name failures give the stream (for example "stdin").</param>
    /// <param name="idPrefix">The prefix of ids made up for lines without one; <paramref name="source"/> when null.</param>
    /// <param name="options">Threads and the commit window; <see cref="IndexingOptions.Default"/> when null.</param>
    /// <param name="progress">Told of progress as articles are indexed.</param>
    /// <param name="cancellation">Ends the run; the articles indexed until then are committed.</param>
    /// <exception cref="SearchKitException">A write failed, or the stream could not be read; the index stays at its last commit.</exception>
    public IndexingReport IndexStream(Stream jsonLines, string source, string? idPrefix = null, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ThrowIfCannotWriteArticles();
        return _parts.Bulk.IndexStream(jsonLines, source, idPrefix ?? source, options, progress, cancellation);
    }

    /// <summary>
    /// The embedding model the index's vectors come from (recorded in its commits), or the model of
    /// <see cref="SearchIndexOptions.Embedder"/> for an index that gains embeddings with its next commit; null for a
    /// keyword-only index.
    /// </summary>
    public EmbeddingModelInfo? EmbeddingModel => _parts.EmbeddingModel;

    /// <summary>
    /// The embedding model recorded in the last commit of the index in a folder, without opening it: what a host
    /// needs to load the right embedder before it opens the index with it. Null when the folder holds no index, or an
    /// index without embeddings.
    /// </summary>
    /// <exception cref="SearchKitIndexException">The commit point or its record cannot be read (<see cref="IndexProblem.Damaged"/>).</exception>
    public static EmbeddingModelInfo? EmbeddingModelOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!System.IO.Directory.Exists(path))
        {
            return null;
        }

        using var directory = FSDirectory.Open(path);
        return DirectoryReader.IndexExists(directory) ? EmbeddingRecord.FromCommitData(WriterHost.ReadCommitData(directory, path), path) : null;
    }

    /// <summary>
    /// Embeds the articles that have no vectors yet (an index built without embeddings, or articles written before
    /// the embedder was given), as a bulk run: in batches, in parallel with reading, committing every
    /// <see cref="IndexingOptions.CommitEveryArticles"/> articles or <see cref="IndexingOptions.CommitInterval"/> and at
    /// the end; the report counts them as updated. On cancellation what was embedded so far is committed, and a later
    /// call goes on from there. Articles with vectors are not touched.
    /// </summary>
    /// <exception cref="InvalidOperationException">The index was opened without <see cref="SearchIndexOptions.Embedder"/>.</exception>
    /// <exception cref="SearchKitException">A write or the embedder failed; the index stays at its last commit.</exception>
    public IndexingReport EmbedMissing(IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ThrowIfReadOnly();
        if (_options.Embedder is null)
        {
            throw new InvalidOperationException($"{Location}: embedding articles needs an embedder (SearchIndexOptions.Embedder)");
        }

        return _parts.Bulk.EmbedMissing(options, progress, cancellation);
    }

    /// <summary>Searches articles. Thread-safe.</summary>
    /// <param name="query">Lucene query syntax, or plain words with <see cref="QuerySyntax.Natural"/>.</param>
    /// <param name="options">Paging, passage mode, snippets; <see cref="SearchOptions.Default"/> when null.</param>
    /// <exception cref="SearchKitQueryException">The query is malformed, over a limit of <see cref="QueryLimits"/>, or ran past its time limit.</exception>
    /// <exception cref="SearchKitIndexException">The index is damaged.</exception>
    public SearchResults Search(string query, SearchOptions? options = null) => Search(query, options, CancellationToken.None);

    /// <summary>Searches articles, stopping with <see cref="OperationCanceledException"/> soon after <paramref name="cancellation"/> is cancelled. Thread-safe.</summary>
    /// <param name="query">Lucene query syntax, or plain words with <see cref="QuerySyntax.Natural"/>.</param>
    /// <param name="options">Paging, passage mode, snippets, filters, sort, cursor; <see cref="SearchOptions.Default"/> when null.</param>
    /// <param name="cancellation">Checked at every stage: parsing, term expansion, collection, building the hits.</param>
    /// <exception cref="SearchKitQueryException">
    /// The query is malformed, over a limit of <see cref="QueryLimits"/>, or ran past its time limit; a filter or the
    /// sort names an unknown field, a range is on a keyword field, a value is not a number or date, or the cursor is
    /// malformed or from another search. The query is empty (and there are no filters).
    /// </exception>
    /// <exception cref="SearchKitIndexException">The index is damaged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public SearchResults Search(string query, SearchOptions? options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= SearchOptions.Default;
        options.Validate();
        return WithSearcher(searcher => _parts.Searcher.Search(searcher, query, options, _parts.Schema.Refreshed(searcher, Location), cancellation));
    }

    /// <summary>
    /// Completions for a search box as the user types: words of the index and article titles that start with
    /// <paramref name="prefix"/> (case-insensitive), most frequent first, words before titles. The first call after a
    /// commit becomes visible builds a table of the index's words and titles; later calls are binary searches. Thread-safe.
    /// </summary>
    /// <param name="prefix">What was typed; for several words, the last is completed. Empty or white space: no completions.</param>
    /// <param name="count">At most this many completions, 1 to 100.</param>
    /// <exception cref="ArgumentNullException">The prefix is null.</exception>
    /// <exception cref="ArgumentException">The prefix is over 200 characters long.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count is not between 1 and 100.</exception>
    public IReadOnlyList<Completion> Complete(string prefix, int count = 10)
    {
        var typed = Completer.Normalise(prefix, count);
        return WithSearcher(searcher => _parts.Completer.Complete(searcher.IndexReader, typed, count));
    }

    /// <summary>
    /// The articles most like the one with this id (its most distinctive title, lead and body words, found with
    /// Lucene's MoreLikeThis), never the article itself; hits, paging and filters as for <see cref="Search(string, SearchOptions?, CancellationToken)"/>. Thread-safe.
    /// </summary>
    /// <exception cref="SearchKitQueryException">No article has this id, or an option is malformed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public SearchResults Related(string id, SearchOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        options ??= SearchOptions.Default;
        options.Validate();
        return WithSearcher(searcher => _parts.Searcher.Search(searcher, id, _parts.Related.Build(searcher, id), options, _parts.Schema.Refreshed(searcher, Location), cancellation));
    }

    /// <summary>The per-segment filter cache, for tests and diagnostics.</summary>
    internal FilterBuilder Filters => _parts.Searcher.Filters;

    /// <summary>How <see cref="Related"/> looks for articles: the benchmarks compare the methods.</summary>
    internal RelatedMethod RelatedMethod { get => _parts.Related.Method; set => _parts.Related.Method = value; }

    /// <summary>Relevance by Lucene's plain score collector: the benchmarks compare it with the total order (see <see cref="ArticleSearcher.RelevanceByScoreDocs"/>).</summary>
    internal bool RelevanceByScoreDocs { get => _parts.Searcher.RelevanceByScoreDocs; set => _parts.Searcher.RelevanceByScoreDocs = value; }

    /// <summary>Reads one article back from the index, or <see langword="null"/> when there is none with that id.</summary>
    public Article? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WithSearcher(searcher =>
        {
            var top = searcher.Search(new TermQuery(new Term(ArticleFields.Id, id)), 1);
            return top.TotalHits == 0 ? null : ArticleDocumentMapper.FromDocument(searcher.Doc(top.ScoreDocs[0].Doc));
        });
    }

    /// <summary>Counts and facts about the index at its last commit.</summary>
    /// <param name="topTerms">How many of the most frequent body terms to list.</param>
    public IndexStats GetStats(int topTerms = 10)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return IndexStatistics.Read(_parts.Directory, _parts.Reader, _parts.Schema, AnalyzerName, Location, topTerms);
    }

    /// <summary>Merges the index down to <paramref name="maxSegments"/> segments and commits: smaller and faster to search.</summary>
    public void Optimize(int maxSegments = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        ThrowIfReadOnly();
        _parts.Bulk.Merge(maxSegments, CancellationToken.None);
    }

    /// <summary>
    /// Checks the index in a folder with Lucene's CheckIndex, at one commit: while another process writes the
    /// index, every file of its newest commit is held open for the check, so files a merge deletes meanwhile do
    /// not read as damage. With <paramref name="repair"/>, drops the segments that cannot be read (losing
    /// <see cref="IndexCheckReport.ArticlesLost"/> articles); the write lock is taken for that.
    /// </summary>
    /// <exception cref="SearchKitIndexException">
    /// There is no index (<see cref="IndexProblem.Missing"/>), the path is not an index (<see cref="IndexProblem.NotAnIndex"/>:
    /// nothing is written into it, not even for a repair), or it is locked by a writer (when repairing).
    /// </exception>
    public static IndexCheckReport Check(string path, bool repair = false, TextWriter? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return IndexChecker.Check(path, repair, log);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _parts.Dispose();
        }
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> body)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _parts.Reader.WithSearcher(body);
    }

    /// <summary>Writes of articles need the index's embedder once it has embeddings: an article written without vectors would be missing from semantic search.</summary>
    private void ThrowIfCannotWriteArticles()
    {
        ThrowIfReadOnly();
        if (_options.Embedder is null && _parts.EmbeddingModel is { } model && !_options.Recreate)
        {
            throw new SearchKitIndexException(IndexProblem.EmbeddingMismatch, $"{Location}: the index has embeddings of the model {model}; articles can be written to it only with that embedder (SearchIndexOptions.Embedder)");
        }
    }

    private void ThrowIfReadOnly()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_options.ReadOnly)
        {
            throw new InvalidOperationException($"{Location}: the index was opened read-only");
        }
    }
}
