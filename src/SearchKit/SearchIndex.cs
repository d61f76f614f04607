using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
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
public sealed class SearchIndex : IDisposable
{
    /// <summary>External commits are looked for at most this often, so a hot search loop does not list the directory every time.</summary>
    private static readonly long RefreshIntervalTicks = Stopwatch.Frequency / 20;

    private readonly LuceneDirectory _directory;
    private readonly ParagraphGapAnalyzer _analyzer;
    private readonly bool _ownsAnalyzer;
    private readonly WriterHost _writer;
    private readonly SearcherManager _searchers;
    private readonly ArticleSearcher _articleSearcher;
    private readonly SearchIndexOptions _options;
    private readonly ILogger _log;
    private long _lastRefresh;
    private int _disposed;

    private SearchIndex(LuceneDirectory directory, SearchIndexOptions options, string location)
    {
        _directory = directory;
        _options = options;
        _log = options.LoggerFactory?.CreateLogger<SearchIndex>() ?? (ILogger)NullLogger.Instance;
        Location = location;
        // Recreate treats the folder as empty: a rebuild (BeginRebuild below) replaces the old index at its first commit.
        bool hasCommit = DirectoryReader.IndexExists(directory);
        bool exists = !options.Recreate && hasCommit;
        if (exists)
        {
            CommitVerifier.VerifySmallFiles(directory, location);
        }

        string? recorded = null;
        if (exists && ReadCommitData(directory, location).TryGetValue(WriterHost.AnalyzerKey, out var name))
        {
            recorded = name;
        }

        AnalyzerName = ResolveAnalyzerName(options, recorded, location);
        var inner = options.Analyzer ?? AnalyzerCatalog.Create(AnalyzerName);
        _ownsAnalyzer = options.Analyzer is null;
        _analyzer = new ParagraphGapAnalyzer(inner);
        var similarity = new BM25Similarity(options.Ranking.K1, options.Ranking.B);
        var merges = options.LoggerFactory is null ? null : new LoggingInfoStream(_log);
        _writer = new WriterHost(directory, _analyzer, AnalyzerName, similarity, options.RamBufferMB, location, merges);
        try
        {
            // A rebuild keeps the old index readable until the new one is committed whole; an old index that
            // cannot be read has nothing to keep, and is replaced by an empty one at once.
            bool rebuild = options.Recreate && hasCommit && IsSound(directory, location);
            if (!exists)
            {
                // Segment files without a readable commit are a damaged index, not an empty folder: creating a
                // new index here would delete them.
                if (!options.Recreate && directory.ListAll().FirstOrDefault(IndexFolder.IsIndexFile) is { } orphan)
                {
                    throw new SearchKitIndexException(IndexProblem.Damaged, $"{location}: the index is damaged (index files such as '{orphan}' but no readable commit point 'segments_N')");
                }

                if (!rebuild && (options.ReadOnly || !options.CreateIfMissing))
                {
                    throw new SearchKitIndexException(IndexProblem.Missing, $"{location}: no index here (index some articles first)");
                }

                if (rebuild)
                {
                    _writer.BeginRebuild();
                }
                else
                {
                    _writer.CreateEmpty();
                }
            }

            _searchers = new SearcherManager(directory, new SimilaritySearcherFactory(similarity));
            if (options.VerifyOnOpen)
            {
                VerifyIntegrity(_searchers);
            }
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            _searchers?.Dispose();
            Release();
            throw Damaged(location, e);
        }
        catch
        {
            Release();
            throw;
        }

        var queries = new QueryFactory(_analyzer, options.Ranking, options.QueryLimits);
        _articleSearcher = new ArticleSearcher(queries, options.Ranking, options.QueryLimits);
        _lastRefresh = Stopwatch.GetTimestamp();
        IndexLog.Opened(_log, location, AnalyzerName, options.ReadOnly);
    }

    /// <summary>Where the index lives: its folder, or <c>(memory)</c>.</summary>
    public string Location { get; }

    /// <summary>The name of the analyzer the index is built with.</summary>
    public string AnalyzerName { get; }

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
        var full = System.IO.Path.GetFullPath(path);
        if (!IndexFolder.Inspect(full, path))
        {
            if (options.ReadOnly || !options.CreateIfMissing)
            {
                throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here (the folder does not exist)");
            }

            try
            {
                System.IO.Directory.CreateDirectory(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A parent that is a file, a read-only or special file system (/proc), no permission.
                throw new SearchKitIndexException(IndexProblem.Unwritable, $"{path}: cannot create the index folder ({e.Message.Split('\n')[0].Trim()})", e);
            }
        }

        var info = new DirectoryInfo(full);

        // Not Lucene.Net's default NativeFSLockFactory: on Linux it lets two processes hold the write lock (see ExclusiveFileLockFactory).
        var locks = new ExclusiveFileLockFactory();
        LuceneDirectory directory = options.Directory switch
        {
            DirectoryKind.Mmap => new MMapDirectory(info, locks),
            DirectoryKind.Simple => new SimpleFSDirectory(info, locks),
            _ => new NIOFSDirectory(info, locks),
        };
        return new SearchIndex(directory, options, path);
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
    /// <exception cref="ArticleReadException">The article is over a limit of <see cref="SearchIndexOptions.ReaderLimits"/>.</exception>
    public void Upsert(Article article)
    {
        ArticleValidator.CheckWellFormed(article);
        ValidateArticle(article);
        Write(() => _writer.Writer.UpdateDocument(new Term(ArticleFields.Id, article.Id), ArticleDocumentMapper.ToDocument(article)));
    }

    /// <summary>Deletes the article with this id, if there is one. Visible to searches after <see cref="Commit"/>.</summary>
    public void Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Write(() => _writer.Writer.DeleteDocuments(new Term(ArticleFields.Id, id)));
    }

    /// <summary>Makes every buffered write durable and visible to searches.</summary>
    /// <exception cref="SearchKitException">The commit failed (for example the disk is full); the index stays at its last commit.</exception>
    public void Commit()
    {
        ThrowIfReadOnly();
        _writer.Commit();
        IndexLog.Committed(_log, Location);
        Refresh(force: true);
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
        return Run(options, progress, 0, cancellation, (run, threads) =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            Parallel.ForEach(articles, parallel, (article, _, position) => AddOne(run, article, position));
        }, countAddedByArticles: true);
    }

    /// <summary>
    /// Indexes articles from an asynchronous source (for example a reader of a remote feed) in parallel;
    /// otherwise as <see cref="Add(IEnumerable{Article}, IndexingOptions?, IProgress{IndexingProgress}?, CancellationToken)"/>.
    /// </summary>
    public Task<IndexingReport> AddAsync(IAsyncEnumerable<Article> articles, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return Task.Run(() => Run(options, progress, 0, cancellation, (run, threads) =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            Parallel.ForEachAsync(articles, parallel, (article, _) =>
            {
                AddOne(run, article, null);
                return ValueTask.CompletedTask;
            }).GetAwaiter().GetResult();
        }, countAddedByArticles: true), CancellationToken.None);
    }

    /// <summary>
    /// Indexes article files and folders (recursively: <c>*.txt</c> plain text, <c>*.jsonl</c> JSON Lines)
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

        options ??= IndexingOptions.Default;

        // The listing runs inside the run, so that a cancellation while listing a huge tree ends the run like
        // any other (a report saying so), and the ids the index held before the run come from one snapshot.
        // A rebuild starts from nothing: the old index's files and ids are not known to it.
        bool rebuilding = _writer.Rebuilding;
        var known = rebuilding ? new Dictionary<string, FileIndexer.FileState>() : KnownFiles();
        var snapshot = _searchers.Acquire();
        try
        {
            return Run(options, progress, 0, cancellation, (run, threads) =>
                FileIndexer.Run(run, known, given, id => rebuilding ? null : PathHolding(snapshot, id), _options.ReaderLimits, options, threads, cancellation));
        }
        finally
        {
            _searchers.Release(snapshot);
        }
    }

    /// <summary>The source path of the live article with this id in <paramref name="searcher"/>'s view, or null.</summary>
    private static string? PathHolding(IndexSearcher searcher, string id)
    {
        var term = new BytesRef(id);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var terms = reader.GetTerms(ArticleFields.Id);
            if (terms is null)
            {
                continue;
            }

            var e = terms.GetEnumerator();
            if (!e.SeekExact(term))
            {
                continue;
            }

            var docs = e.Docs(reader.LiveDocs, null, DocsFlags.NONE);
            int doc = docs.NextDoc();
            if (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                return reader.Document(doc).Get(ArticleFields.Path) ?? string.Empty;
            }
        }

        return null;
    }

    /// <summary>Searches articles. Thread-safe.</summary>
    /// <param name="query">Lucene query syntax, or plain words with <see cref="QuerySyntax.Natural"/>.</param>
    /// <param name="options">Paging, passage mode, snippets; <see cref="SearchOptions.Default"/> when null.</param>
    /// <exception cref="SearchKitQueryException">The query is malformed, over a limit of <see cref="QueryLimits"/>, or ran past its time limit.</exception>
    /// <exception cref="SearchKitIndexException">The index is damaged.</exception>
    public SearchResults Search(string query, SearchOptions? options = null) => Search(query, options, CancellationToken.None);

    /// <summary>Searches articles, stopping with <see cref="OperationCanceledException"/> soon after <paramref name="cancellation"/> is cancelled. Thread-safe.</summary>
    /// <param name="query">Lucene query syntax, or plain words with <see cref="QuerySyntax.Natural"/>.</param>
    /// <param name="options">Paging, passage mode, snippets; <see cref="SearchOptions.Default"/> when null.</param>
    /// <param name="cancellation">Checked at every stage: parsing, term expansion, collection, building the hits.</param>
    /// <exception cref="SearchKitQueryException">The query is malformed, over a limit of <see cref="QueryLimits"/>, or ran past its time limit.</exception>
    /// <exception cref="SearchKitIndexException">The index is damaged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public SearchResults Search(string query, SearchOptions? options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= SearchOptions.Default;
        options.Validate();
        return WithSearcher(searcher => _articleSearcher.Search(searcher, query, options, cancellation));
    }

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
        var data = ReadCommitData(_directory, Location);
        long size = _directory.ListAll().Sum(f => SafeLength(f));
        return WithSearcher(searcher =>
        {
            var reader = searcher.IndexReader;
            long paragraphs = 0;
            foreach (var leaf in reader.Leaves)
            {
                var counts = leaf.AtomicReader.GetNumericDocValues(ArticleFields.ParagraphCount);
                var live = leaf.AtomicReader.LiveDocs;
                for (int d = 0; counts is not null && d < leaf.AtomicReader.MaxDoc; d++)
                {
                    if (live is null || live.Get(d))
                    {
                        paragraphs += counts.Get(d);
                    }
                }
            }

            return new IndexStats
            {
                Articles = reader.NumDocs,
                DeletedArticles = reader.NumDeletedDocs,
                Paragraphs = paragraphs,
                Segments = reader.Leaves.Count,
                SizeBytes = size,
                Analyzer = AnalyzerName,
                LastCommit = data.TryGetValue(WriterHost.CommittedKey, out var t) && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? when : null,
                TopTerms = TopTerms(reader, topTerms),
            };
        });
    }

    /// <summary>Merges the index down to <paramref name="maxSegments"/> segments and commits: smaller and faster to search.</summary>
    public void Optimize(int maxSegments = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        Merge(maxSegments, CancellationToken.None);
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
            _searchers.Dispose();
            Release();
        }
    }

    private void Release()
    {
        _writer.Dispose();
        if (_ownsAnalyzer)
        {
            _analyzer.Inner.Dispose();
        }

        _analyzer.Dispose();
        _directory.Dispose();
    }

    // countAddedByArticles: tell added from updated articles by the index's article count before and after the
    // run instead of per article. Exact when the run is the index's only writer, and it keeps no set of ids,
    // whose memory grew with the corpus (docs/benchmarks.md, "Memory").
    private IndexingReport Run(IndexingOptions? options, IProgress<IndexingProgress>? progress, int files, CancellationToken cancellation, Action<IndexingRun, int> body, bool countAddedByArticles = false)
    {
        ThrowIfReadOnly();
        options ??= IndexingOptions.Default;
        options.Validate();
        int threads = options.Threads ?? _options.IndexingThreads;
        var run = new IndexingRun(_writer, () =>
        {
            IndexLog.Committed(_log, Location);
            Refresh(force: true);
        }, options, progress, files);
        IndexLog.RunStarted(_log, Location);
        // A rebuild starts from nothing, whatever the old index it replaces holds.
        int articlesBefore = countAddedByArticles && !run.Rebuild ? WithSearcher(searcher => searcher.IndexReader.NumDocs) : 0;
        bool cancelled = false;
        try
        {
            body(run, threads);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            cancelled = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AggregateException or ObjectDisposedException)
        {
            // Of several worker failures, report the root cause (the disk error), not a sibling thread's
            // "the writer is closed" that it caused.
            var cause = e is AggregateException a
                ? a.Flatten().InnerExceptions.OrderBy(x => x is IOException or UnauthorizedAccessException ? 0 : x is SearchKitException ? 1 : 2).First()
                : e;
            _writer.Rollback();
            IndexLog.RunFailed(_log, cause, Location);
            throw new SearchKitException($"{Location}: indexing failed ({cause.Message}); the index stays at its last commit", cause);
        }

        var report = run.Finish(cancelled);
        if (countAddedByArticles)
        {
            long added = Math.Clamp(WithSearcher(searcher => searcher.IndexReader.NumDocs) - articlesBefore, 0, report.Indexed);
            report = report with { Added = added, Updated = report.Indexed - added };
        }

        if (!cancelled && options.MergeAfterBulkRun is int segments && IsBulkRun(report, segments))
        {
            var merging = Stopwatch.StartNew();
            bool merged = Merge(segments, cancellation);
            report = report with { Cancelled = !merged, MergeElapsed = merging.Elapsed, Elapsed = report.Elapsed + merging.Elapsed };
        }

        IndexLog.Report(_log, Location, report);
        return report;
    }

    /// <summary>
    /// A run that wrote at least this share of the index's articles is a bulk run (a first build, a rebuild),
    /// after which merging the whole index is worth its cost; after a small incremental run it is not.
    /// </summary>
    private const double BulkRunShare = 0.5;

    private bool IsBulkRun(IndexingReport report, int maxSegments) => WithSearcher(searcher =>
        report.Indexed > 0
        && report.Indexed >= BulkRunShare * searcher.IndexReader.NumDocs
        && searcher.IndexReader.Leaves.Count > maxSegments);

    /// <summary>Merges the index down to <paramref name="maxSegments"/> segments and commits.</summary>
    /// <returns>False when cancelled before or during the merge; the index then stays at its last commit.</returns>
    private bool Merge(int maxSegments, CancellationToken cancellation)
    {
        ThrowIfReadOnly();
        if (cancellation.IsCancellationRequested)
        {
            return false;
        }

        IndexLog.ForceMerge(_log, Location, maxSegments);
        var writer = _writer.Writer;

        // Only the merge after a run can be cancelled, and everything is committed by then, so a cancelled merge
        // can be thrown away whole: rolling the writer back aborts the running merges and loses nothing.
        using var abort = cancellation.Register(_writer.Rollback);
        try
        {
            Write(() => writer.ForceMerge(maxSegments));
            Commit();
            return true;
        }
        catch (SearchKitException) when (cancellation.IsCancellationRequested)
        {
            Refresh(force: true);
            return false;
        }
    }

    private void AddOne(IndexingRun run, Article? article, long? position)
    {
        try
        {
            ArticleValidator.ValidateInBatch(article, position, _options.ReaderLimits);
        }
        catch (ArticleReadException e)
        {
            run.Fail(e);
            return;
        }

        // Counted as added here; Run tells added from updated by the index's article count at the end.
        run.Upsert(article, isUpdate: false);
    }

    private void ValidateArticle(Article article) => ArticleValidator.Validate(article, _options.ReaderLimits);

    private Dictionary<string, FileIndexer.FileState> KnownFiles() => WithSearcher(searcher =>
    {
        var files = new Dictionary<string, FileIndexer.FileState>(StringComparer.Ordinal);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var paths = leaf.AtomicReader.GetBinaryDocValues(ArticleFields.Path);
            var hashes = leaf.AtomicReader.GetBinaryDocValues(ArticleFields.Hash);
            var live = leaf.AtomicReader.LiveDocs;
            var bytes = new BytesRef();
            for (int d = 0; paths is not null && hashes is not null && d < leaf.AtomicReader.MaxDoc; d++)
            {
                if (live is not null && !live.Get(d))
                {
                    continue;
                }

                paths.Get(d, bytes);
                var path = bytes.Utf8ToString();
                if (path.Length == 0)
                {
                    continue;
                }

                hashes.Get(d, bytes);
                var hash = bytes.Utf8ToString();
                files[path] = files.TryGetValue(path, out var s) ? s with { Articles = s.Articles + 1 } : new FileIndexer.FileState(hash, 1);
            }
        }

        return files;
    });

    private static IReadOnlyList<TermCount> TopTerms(IndexReader reader, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var terms = MultiFields.GetTerms(reader, ArticleFields.Body);
        if (terms is null)
        {
            return [];
        }

        var best = new PriorityQueue<string, int>();
        var e = terms.GetEnumerator();
        while (e.MoveNext())
        {
            int df = e.DocFreq;
            if (best.Count < count)
            {
                best.Enqueue(e.Term.Utf8ToString(), df);
            }
            else if (best.TryPeek(out _, out var least) && df > least)
            {
                best.DequeueEnqueue(e.Term.Utf8ToString(), df);
            }
        }

        var list = new List<TermCount>();
        while (best.TryDequeue(out var term, out var df))
        {
            list.Add(new TermCount(term, df));
        }

        list.Reverse();
        return list;
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> body)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            Refresh(force: false);
            var searcher = _searchers.Acquire();
            try
            {
                return body(searcher);
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooNewException or IndexFormatTooOldException)
        {
            throw Damaged(Location, e);
        }
        catch (Exception e) when (e is not SearchKitException and not OperationCanceledException and not ObjectDisposedException && IsDamaged())
        {
            // Damaged bytes can read as valid data and fail later in any way (an index out of range in a
            // decompressor, say). Only when the checksums confirm damage is this reported as such.
            throw Damaged(Location, e);
        }
    }

    private bool IsDamaged()
    {
        try
        {
            VerifyIntegrity(_searchers);
            return false;
        }
        catch (Exception e) when (e is IOException or CorruptIndexException)
        {
            return true;
        }
    }

    /// <summary>Reads every file of the current commit and checks its checksum.</summary>
    private static void VerifyIntegrity(SearcherManager searchers)
    {
        var searcher = searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                leaf.AtomicReader.CheckIntegrity();
            }
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>Whether the index's last commit passes the open-time checks, so that a rebuild can keep it readable.</summary>
    private static bool IsSound(LuceneDirectory directory, string location)
    {
        try
        {
            CommitVerifier.VerifySmallFiles(directory, location);
            return true;
        }
        catch (SearchKitIndexException)
        {
            return false;
        }
    }

    private void Refresh(bool force)
    {
        long now = Stopwatch.GetTimestamp();
        if (force)
        {
            _searchers.MaybeRefreshBlocking();
        }
        else if (now - Interlocked.Read(ref _lastRefresh) >= RefreshIntervalTicks)
        {
            _searchers.MaybeRefresh();
        }
        else
        {
            return;
        }

        Interlocked.Exchange(ref _lastRefresh, now);
    }

    private void Write(Action action)
    {
        ThrowIfReadOnly();
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _writer.Rollback();
            throw new SearchKitException($"{Location}: write failed ({e.Message}); the index stays at its last commit", e);
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

    private long SafeLength(string file)
    {
        try
        {
            return _directory.FileLength(file);
        }
        catch (IOException)
        {
            return 0; // deleted by a concurrent merge while we listed
        }
    }

    private static string ResolveAnalyzerName(SearchIndexOptions options, string? recorded, string location)
    {
        string wanted = options.Analyzer is { } custom ? "custom:" + custom.GetType().FullName : options.AnalyzerName?.ToLowerInvariant() ?? recorded ?? AnalyzerCatalog.DefaultName;
        if (recorded is not null && !string.Equals(recorded, wanted, StringComparison.OrdinalIgnoreCase))
        {
            throw new SearchKitIndexException(IndexProblem.AnalyzerMismatch, $"{location}: the index was built with the '{recorded}' analyzer, not '{wanted}'; open it with '{recorded}' or rebuild it");
        }

        return wanted;
    }

    private static IDictionary<string, string> ReadCommitData(LuceneDirectory directory, string location)
    {
        try
        {
            var infos = new SegmentInfos();
            infos.Read(directory);
            return infos.UserData;
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw Damaged(location, e);
        }
    }

    /// <summary>Whether an exception thrown while opening an index means its files are damaged.</summary>
    private static bool IsReadFailure(Exception e) =>
        e is IOException or CorruptIndexException or IndexFormatTooNewException or IndexFormatTooOldException

            // Damaged bytes decoded as data fail in arbitrary ways: an unknown codec name, an index past an array's end.
            or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException or InvalidCastException;

    private static SearchKitIndexException Damaged(string location, Exception e) =>
        new(IndexProblem.Damaged, $"{location}: the index is damaged ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()})", e);

    private sealed class SimilaritySearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
