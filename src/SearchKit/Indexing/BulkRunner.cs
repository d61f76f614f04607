using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Indexing;

/// <summary>
/// Runs the bulk writes of an index: parallel adds and file runs inside an <see cref="IndexingRun"/>, the
/// decision whether a run was a bulk run worth a full merge, and the merge. The caller checks that the index
/// is open for writing before each call.
/// </summary>
internal sealed class BulkRunner(WriterHost writer, ReaderHost reader, ReaderLimits limits, int defaultThreads, ILogger log, string location)
{
    /// <summary>
    /// A run that wrote at least this share of the index's articles is a bulk run (a first build, a rebuild),
    /// after which merging the whole index is worth its cost; after a small incremental run it is not.
    /// </summary>
    private const double BulkRunShare = 0.5;

    /// <summary>Indexes articles in parallel; the index's <c>Add</c>.</summary>
    public IndexingReport Add(IEnumerable<Article> articles, IndexingOptions? indexing, IProgress<IndexingProgress>? progress, CancellationToken cancellation) =>
        Run(indexing, progress, 0, cancellation, (run, threads) =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            Parallel.ForEach(articles, parallel, (article, _, position) => AddOne(run, article, position));
        }, countAddedByArticles: true);

    /// <summary>Indexes articles from an asynchronous source in parallel.</summary>
    public IndexingReport AddAsync(IAsyncEnumerable<Article> articles, IndexingOptions? indexing, IProgress<IndexingProgress>? progress, CancellationToken cancellation) =>
        Run(indexing, progress, 0, cancellation, (run, threads) =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            Parallel.ForEachAsync(articles, parallel, (article, _) =>
            {
                AddOne(run, article, null);
                return ValueTask.CompletedTask;
            }).GetAwaiter().GetResult();
        }, countAddedByArticles: true);

    /// <summary>Indexes a stream of JSON Lines in parallel; the index's <c>IndexStream</c>.</summary>
    public IndexingReport IndexStream(Stream jsonLines, string source, string idPrefix, IndexingOptions? indexing, IProgress<IndexingProgress>? progress, CancellationToken cancellation) =>
        Run(indexing, progress, 0, cancellation, (run, threads) =>
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            // The reader thread only splits lines: parsing them is the indexing threads' work.
            var lines = JsonLinesArticleReader.Lines(jsonLines, limits.MaxArticleBytes, cancellation);
            using var prefetch = new Prefetch<JsonLinesArticleReader.RawLine>(lines, capacity: 1024, onEnd: threads > 1 ? run.InputRead : null);
            // No buffering: a line is indexed as soon as it comes, not when enough have come to fill a chunk.
            var items = System.Collections.Concurrent.Partitioner.Create(prefetch.Items(cancellation), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(items, parallel, line =>
            {
                long started = Stopwatch.GetTimestamp();
                IndexLine(run, line, source, idPrefix);
                run.TimeIndexing(Stopwatch.GetTimestamp() - started);
            });
        }, countAddedByArticles: true);

    // A line of a stream: parsed, validated and written by an indexing thread; a bad line is reported by the stream's name and line.
    private void IndexLine(IndexingRun run, JsonLinesArticleReader.RawLine line, string source, string idPrefix)
    {
        if (JsonLinesArticleReader.Parse(line, source, limits, idPrefix, null) is not { } result)
        {
            return;
        }

        if (result.Error is { } error)
        {
            run.Fail(error);
            return;
        }

        try
        {
            ArticleValidator.ValidateInBatch(result.Article, result.Line, limits);
            writer.Schema.Resolve(result.Article);
        }
        catch (ArticleReadException e)
        {
            // Named by the stream and line, as a malformed line is, not by the article's id.
            run.Fail(new ArticleReadException(source, e.Reason, result.Line, e));
            return;
        }

        run.Upsert(result.Article, isUpdate: false);
    }

    /// <summary>Indexes files and folders incrementally; the index's <c>IndexFiles</c>.</summary>
    public IndexingReport IndexFiles(IReadOnlyList<string> paths, IndexingOptions indexing, IProgress<IndexingProgress>? progress, CancellationToken cancellation)
    {
        // The listing runs inside the run, so that a cancellation while listing a huge tree ends the run like
        // any other (a report saying so), and the ids the index held before the run come from one snapshot.
        // A rebuild starts from nothing: the old index's files and ids are not known to it.
        bool rebuilding = writer.Rebuilding;
        var known = rebuilding ? new Dictionary<string, FileIndexer.FileState>() : reader.WithSearcher(searcher => FileIndexer.KnownFiles(searcher.IndexReader));
        var unfinished = rebuilding ? new Dictionary<string, string>() : writer.UnfinishedFiles();
        using var snapshot = reader.Acquire();
        return Run(indexing, progress, 0, cancellation, (run, threads) =>
            FileIndexer.Run(run, known, unfinished, paths, id => rebuilding ? null : FileIndexer.PathHolding(snapshot.Searcher.IndexReader, id), limits, indexing, threads, cancellation));
    }

    /// <summary>
    /// Re-writes, with vectors, every live article of the current commit that has none; the index's <c>EmbedMissing</c>.
    /// The articles are read back from the index, so the run changes nothing but their vectors.
    /// </summary>
    public IndexingReport EmbedMissing(IndexingOptions? indexing, IProgress<IndexingProgress>? progress, CancellationToken cancellation)
    {
        using var snapshot = reader.Acquire();
        var index = snapshot.Searcher.IndexReader;
        // Counted first (a pass over two bit sets per segment), so that progress can say how far the run is.
        long total = CountWithoutVectors(index);
        return Run(indexing, progress, 0, cancellation, (run, threads) =>
        {
            run.ArticlesTotal = total;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
            Parallel.ForEach(WithoutVectors(index), parallel, (article, _, position) => AddOne(run, article, position));
        }, countAddedByArticles: true);
    }

    private static long CountWithoutVectors(Lucene.Net.Index.IndexReader index) => DocsWithoutVectors(index).LongCount();

    private static IEnumerable<Article> WithoutVectors(Lucene.Net.Index.IndexReader index) =>
        DocsWithoutVectors(index).Select(d => ArticleDocumentMapper.FromDocument(d.Segment.Document(d.Doc)));

    // The live documents of the index that have no vectors, segment by segment.
    private static IEnumerable<(Lucene.Net.Index.AtomicReader Segment, int Doc)> DocsWithoutVectors(Lucene.Net.Index.IndexReader index)
    {
        foreach (var leaf in index.Leaves)
        {
            var segment = leaf.AtomicReader;
            var live = segment.LiveDocs;
            var withVectors = segment.GetDocsWithField(ArticleFields.Vectors);
            for (int d = 0; d < segment.MaxDoc; d++)
            {
                if ((live is null || live.Get(d)) && (withVectors is null || !withVectors.Get(d)))
                {
                    yield return (segment, d);
                }
            }
        }
    }

    /// <summary>Merges the index down to <paramref name="maxSegments"/> segments and commits.</summary>
    /// <returns>False when cancelled before or during the merge; the index then stays at its last commit.</returns>
    public bool Merge(int maxSegments, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return false;
        }

        IndexLog.ForceMerge(log, location, maxSegments);
        var target = writer.Writer;

        // Only the merge after a run can be cancelled, and everything is committed by then, so a cancelled merge
        // can be thrown away whole: rolling the writer back aborts the running merges and loses nothing.
        using var abort = cancellation.Register(writer.Rollback);
        try
        {
            writer.Write(_ => target.ForceMerge(maxSegments));
            Commit();
            return true;
        }
        catch (SearchKitException) when (cancellation.IsCancellationRequested)
        {
            reader.Refresh(force: true);
            return false;
        }
    }

    /// <summary>Commits the writer and makes the commit visible to searches.</summary>
    public void Commit()
    {
        writer.Commit();
        IndexLog.Committed(log, location);
        reader.Refresh(force: true);
    }

    // countAddedByArticles: tell added from updated articles by the index's article count before and after the
    // run instead of per article. Exact when the run is the index's only writer, and it keeps no set of ids,
    // whose memory grew with the corpus (docs/benchmarks.md, "Memory").
    private IndexingReport Run(IndexingOptions? indexing, IProgress<IndexingProgress>? progress, int files, CancellationToken cancellation, Action<IndexingRun, int> body, bool countAddedByArticles = false)
    {
        indexing ??= IndexingOptions.Default;
        indexing.Validate();
        int threads = indexing.Threads ?? defaultThreads;
        var run = new IndexingRun(writer, () =>
        {
            IndexLog.Committed(log, location);
            reader.Refresh(force: true);
        }, indexing, progress, files);
        IndexLog.RunStarted(log, location);
        // A rebuild starts from nothing, whatever the old index it replaces holds.
        int articlesBefore = countAddedByArticles && !run.Rebuild ? reader.WithSearcher(searcher => searcher.IndexReader.NumDocs) : 0;
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
            writer.Rollback();
            IndexLog.RunFailed(log, cause, location);
            throw new SearchKitException($"{location}: indexing failed ({cause.Message}); the index stays at its last commit", cause);
        }

        var report = run.Finish(cancelled);
        if (countAddedByArticles)
        {
            long added = Math.Clamp(reader.WithSearcher(searcher => searcher.IndexReader.NumDocs) - articlesBefore, 0, report.Indexed);
            report = report with { Added = added, Updated = report.Indexed - added };
        }

        if (!cancelled && indexing.MergeAfterBulkRun is int segments && IsBulkRun(report, segments))
        {
            var merging = Stopwatch.StartNew();
            bool merged = Merge(segments, cancellation);
            report = report with { Cancelled = !merged, MergeElapsed = merging.Elapsed, Elapsed = report.Elapsed + merging.Elapsed, Times = report.Times with { Merge = merging.Elapsed } };
        }

        IndexLog.Report(log, location, report);
        return report;
    }

    private bool IsBulkRun(IndexingReport report, int maxSegments) => reader.WithSearcher(searcher =>
        report.Indexed > 0
        && report.Indexed >= BulkRunShare * searcher.IndexReader.NumDocs
        && searcher.IndexReader.Leaves.Count > maxSegments);

    private void AddOne(IndexingRun run, Article? article, long? position)
    {
        long started = Stopwatch.GetTimestamp();
        AddValidated(run, article, position);
        run.TimeIndexing(Stopwatch.GetTimestamp() - started);
    }

    private void AddValidated(IndexingRun run, Article? article, long? position)
    {
        try
        {
            ArticleValidator.ValidateInBatch(article, position, limits);
            writer.Schema.Resolve(article);
        }
        catch (ArticleReadException e)
        {
            run.Fail(e);
            return;
        }

        // Counted as added here; Run tells added from updated by the index's article count at the end.
        run.Upsert(article, isUpdate: false);
    }
}
