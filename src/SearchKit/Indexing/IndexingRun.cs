using System.Collections.Concurrent;
using System.Diagnostics;
using Lucene.Net.Index;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// The shared state of one bulk run: counters, failures, progress, and commits every N articles or T seconds.
/// Thread-safe: the run's worker threads call it concurrently.
/// </summary>
internal sealed class IndexingRun(WriterHost host, Action afterCommit, IndexingOptions options, IProgress<IndexingProgress>? progress, int filesTotal)
{
    private int _filesTotal = filesTotal;
    private int _skippedHidden;
    private int _skippedFolderLinks;
    private int _skippedDuplicates;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<ArticleReadException> _failures = new();
    private readonly Lock _commitGate = new();
    private long _added;
    private long _updated;
    private long _unchanged;
    private long _removed;
    private long _paragraphs;
    private long _bytes;
    private int _filesDone;
    private long _sinceCommit;
    private long _lastCommitTicks;
    private long _lastReportTicks;

    // Where the time goes (IndexingTimes), in Stopwatch ticks.
    private long _listingTicks;
    private long _readingTicks;
    private long _indexingTicks;
    private long _waitingTicks;
    private long _commitTicks;
    private long _finalCommitTicks;
    private int _commits;

    // Files are written under the read side, commits take the write side: a commit never lands between a
    // file's old articles being deleted and the last of its new ones being added. Otherwise a crash right
    // after such a commit would leave part of a file indexed under its new hash, and the re-run would skip
    // the rest as "unchanged".
    private readonly ReaderWriterLockSlim _fileGate = new(LockRecursionPolicy.NoRecursion);

    private readonly IndexWriter _writer = host.Writer;

    // With an embedder, articles go through the queue, which embeds them in batches across articles and writes them.
    private readonly EmbeddingQueue? _embeddings = host.Embedder is { } embedder ? new EmbeddingQueue(embedder, host.Writer, host.Schema) : null;

    /// <summary>
    /// A run that rebuilds the index commits once, at its end: a commit in between would publish a partial
    /// index in place of the whole old one. Cancelled, it is rolled back and the old index stays.
    /// </summary>
    public bool Rebuild { get; } = host.Rebuilding;

    /// <summary>The articles the run will index, when known beforehand (see <see cref="IndexingProgress.ArticlesTotal"/>).</summary>
    public long ArticlesTotal { get; set; }

    /// <summary>Runs the writes of one file read whole, or of one chunk of a large JSON Lines file, so that no commit of this run falls inside them.</summary>
    public void WriteFile(Action writes)
    {
        _fileGate.EnterReadLock();
        try
        {
            writes();
        }
        finally
        {
            _fileGate.ExitReadLock();
        }

        MaybeCommit();
    }

    /// <summary>Writes one article, then commits if the run's commit window is due.</summary>
    public void Upsert(Article article, bool isUpdate)
    {
        Write(article, isUpdate);
        MaybeCommit();
    }

    /// <summary>Writes an article inside <see cref="WriteFile"/>, where the commit check waits for the file's end.</summary>
    public void UpsertInFile(Article article, bool isUpdate) => Write(article, isUpdate);

    // An update by id, as every write of an article (see ArticleDocumentMapper.Upsert).
    private void Write(Article article, bool isUpdate)
    {
        if (_embeddings is not null)
        {
            _embeddings.Add(article);
        }
        else
        {
            ArticleDocumentMapper.Upsert(_writer, host.Schema, article);
        }

        Interlocked.Increment(ref isUpdate ? ref _updated : ref _added);
        Interlocked.Add(ref _paragraphs, article.Paragraphs.Count);
        Interlocked.Add(ref _bytes, TextBytes(article));
        Interlocked.Increment(ref _sinceCommit);

        // Within a file too (throttled): one big JSON Lines file, embedded, would otherwise show nothing for minutes.
        Report(force: false);
    }

    /// <summary>The schema the run's articles are read against.</summary>
    public FieldSchema Schema => host.Schema;

    /// <summary>Deletes every article that came from the file at <paramref name="path"/>; call inside <see cref="WriteFile"/> when it is replaced.</summary>
    public void DeleteFile(string path) => _writer.DeleteDocuments(new Term(ArticleFields.Path, path));

    /// <summary>Records a file whose articles commits of this run may split, until <see cref="EndFile"/>: a commit meanwhile marks it unfinished.</summary>
    public void StartFile(string path, string hash) => host.StartFile(path, hash);

    /// <summary>The file's last article is written (or the file is gone): commits no longer mark it unfinished.</summary>
    public void EndFile(string path) => host.EndFile(path);

    public void Fail(ArticleReadException error)
    {
        _failures.Enqueue(error);
        Report(force: false);
    }

    /// <summary>
    /// All input is read and queued: what is left is the indexing threads' last pieces of work. From here on the
    /// threads flush their buffers themselves, side by side, instead of the final commit flushing them one by one.
    /// </summary>
    public void InputRead() => host.FlushAsThreadsFinish();

    /// <summary>Adds to the time spent listing files.</summary>
    public void TimeListing(long ticks) => Interlocked.Add(ref _listingTicks, ticks);

    /// <summary>Adds to the reader thread's time reading files or a stream.</summary>
    public void TimeReading(long ticks) => Interlocked.Add(ref _readingTicks, ticks);

    /// <summary>Adds to the indexing threads' time indexing.</summary>
    public void TimeIndexing(long ticks) => Interlocked.Add(ref _indexingTicks, ticks);

    /// <summary>Adds to the indexing threads' time waiting for the reader.</summary>
    public void TimeWaiting(long ticks) => Interlocked.Add(ref _waitingTicks, ticks);

    public void CountUnchanged(long articles) => Interlocked.Add(ref _unchanged, articles);

    /// <summary>Sets the number of files once the listing is done.</summary>
    public void ListedFiles(int files) => Volatile.Write(ref _filesTotal, files);

    /// <summary>Records what the listing skipped on purpose.</summary>
    public void CountSkipped(int hidden, int folderLinks, int duplicates)
    {
        _skippedHidden = hidden;
        _skippedFolderLinks = folderLinks;
        _skippedDuplicates = duplicates;
    }

    /// <summary>Takes back the counts of an article written in this run and then replaced by one with a better claim to its id.</summary>
    public void Uncount(bool wasUpdate, int paragraphs, long bytes)
    {
        Interlocked.Decrement(ref wasUpdate ? ref _updated : ref _added);
        Interlocked.Add(ref _paragraphs, -paragraphs);
        Interlocked.Add(ref _bytes, -bytes);
    }

    public void CountRemoved(long articles) => Interlocked.Add(ref _removed, articles);

    public void FileDone()
    {
        Interlocked.Increment(ref _filesDone);
        Report(force: false);
    }

    public void Commit()
    {
        lock (_commitGate)
        {
            _fileGate.EnterWriteLock();
            long started = Stopwatch.GetTimestamp();
            try
            {
                // Every article queued for embedding is written first: the commit holds all the run has counted.
                _embeddings?.Flush();
                host.Commit();
            }
            finally
            {
                _fileGate.ExitWriteLock();
                long took = Stopwatch.GetTimestamp() - started;
                Interlocked.Add(ref _commitTicks, took);
                Interlocked.Exchange(ref _finalCommitTicks, took);
                Interlocked.Increment(ref _commits);
            }

            Interlocked.Exchange(ref _sinceCommit, 0);
            Interlocked.Exchange(ref _lastCommitTicks, _clock.Elapsed.Ticks);
        }

        afterCommit();
    }

    public IndexingReport Finish(bool cancelled)
    {
        host.RestoreRamBuffer();
        if (cancelled && Rebuild)
        {
            _embeddings?.Discard();
            host.Rollback();
        }
        else
        {
            Commit();
        }

        Report(force: true);
        return new IndexingReport
        {
            Added = _added,
            Updated = _updated,
            Unchanged = _unchanged,
            Removed = _removed,
            Paragraphs = _paragraphs,
            Bytes = _bytes,
            Failures = [.. _failures.OrderBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.Line)],
            Elapsed = _clock.Elapsed,
            Cancelled = cancelled,
            SkippedHidden = _skippedHidden,
            SkippedFolderLinks = _skippedFolderLinks,
            SkippedDuplicates = _skippedDuplicates,
            Discarded = cancelled && Rebuild,
            Times = new IndexingTimes
            {
                Listing = Stopwatch.GetElapsedTime(0, _listingTicks),
                Reading = Stopwatch.GetElapsedTime(0, _readingTicks),
                Indexing = Stopwatch.GetElapsedTime(0, _indexingTicks),
                WaitingForInput = Stopwatch.GetElapsedTime(0, _waitingTicks),
                Commits = Stopwatch.GetElapsedTime(0, _commitTicks),
                FinalCommit = Stopwatch.GetElapsedTime(0, _finalCommitTicks),
                CommitCount = _commits,
            },
        };
    }

    private void MaybeCommit()
    {
        if (Rebuild)
        {
            Report(force: false);
            return;
        }

        bool due = Interlocked.Read(ref _sinceCommit) >= options.CommitEveryArticles
            || _clock.Elapsed.Ticks - Interlocked.Read(ref _lastCommitTicks) >= options.CommitInterval.Ticks;
        if (due && _commitGate.TryEnter())
        {
            try
            {
                // Re-check under the gate: another thread may have just committed.
                if (Interlocked.Read(ref _sinceCommit) >= options.CommitEveryArticles
                    || _clock.Elapsed.Ticks - Interlocked.Read(ref _lastCommitTicks) >= options.CommitInterval.Ticks)
                {
                    Commit();
                }
            }
            finally
            {
                _commitGate.Exit();
            }
        }

        Report(force: false);
    }

    private void Report(bool force)
    {
        if (progress is null)
        {
            return;
        }

        long now = _clock.Elapsed.Ticks;
        long last = Interlocked.Read(ref _lastReportTicks);
        if (!force && now - last < TimeSpan.TicksPerMillisecond * 100)
        {
            return;
        }

        if (force || Interlocked.CompareExchange(ref _lastReportTicks, now, last) == last)
        {
            progress.Report(new IndexingProgress(_filesDone, Volatile.Read(ref _filesTotal), _added + _updated, _bytes, _failures.Count) { Embedded = _embeddings?.Embedded ?? 0, ArticlesTotal = ArticlesTotal });
        }
    }

    /// <summary>The UTF-8 size of an article's text, without encoding it.</summary>
    internal static long TextBytes(Article article)
    {
        long n = System.Text.Encoding.UTF8.GetByteCount(article.Title) + (article.Lead is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(article.Lead));
        foreach (var p in article.Paragraphs)
        {
            n += System.Text.Encoding.UTF8.GetByteCount(p.Text);
        }

        return n;
    }
}
