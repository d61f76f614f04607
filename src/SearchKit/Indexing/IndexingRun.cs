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
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<ArticleReadException> _failures = new();
    private readonly Lock _commitGate = new();
    private const int SeenBits = 1 << 25;
    private readonly long[] _seen = new long[SeenBits / 64];
    private readonly ConcurrentDictionary<ulong, byte> _inFlight = new();
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

    public IndexWriter Writer { get; } = host.Writer;

    /// <summary>Writes one article.</summary>
    /// <param name="article">The article.</param>
    /// <param name="isUpdate">Count it as an update rather than an addition.</param>
    /// <param name="absentBefore">
    /// The caller knows no article with this id was in the index when the run started. Then the first article
    /// with the id in this run is added without a delete-by-id: an update buffers a delete term per document that
    /// the writer must later look up in every segment, which costs about a tenth of bulk indexing time.
    /// </param>
    public void Upsert(Article article, bool isUpdate, bool absentBefore = false)
    {
        var doc = ArticleDocumentMapper.ToDocument(article);
        if (!absentBefore)
        {
            Writer.UpdateDocument(new Term(ArticleFields.Id, article.Id), doc);
        }
        else
        {
            ulong hash = System.IO.Hashing.XxHash64.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(article.Id.AsSpan()));
            if (_inFlight.TryAdd(hash, 0))
            {
                try
                {
                    if (FirstInRun(hash))
                    {
                        Writer.AddDocument(doc);
                    }
                    else
                    {
                        Writer.UpdateDocument(new Term(ArticleFields.Id, article.Id), doc);
                    }
                }
                finally
                {
                    _inFlight.TryRemove(hash, out _);
                }
            }
            else
            {
                // Another thread is writing an article with (probably) the same id. Our delete-by-id must come after
                // its document, or both would survive: wait for it, then update.
                var wait = default(SpinWait);
                while (_inFlight.ContainsKey(hash))
                {
                    wait.SpinOnce();
                }

                FirstInRun(hash);
                Writer.UpdateDocument(new Term(ArticleFields.Id, article.Id), doc);
            }
        }

        Interlocked.Increment(ref isUpdate ? ref _updated : ref _added);
        Interlocked.Add(ref _paragraphs, article.Paragraphs.Count);
        Interlocked.Add(ref _bytes, TextBytes(article));
        Interlocked.Increment(ref _sinceCommit);
        MaybeCommit();
    }

    public void Fail(ArticleReadException error)
    {
        _failures.Enqueue(error);
        Report(force: false);
    }

    public void CountUnchanged(long articles) => Interlocked.Add(ref _unchanged, articles);

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
            host.Commit();
            Interlocked.Exchange(ref _sinceCommit, 0);
            Interlocked.Exchange(ref _lastCommitTicks, _clock.Elapsed.Ticks);
        }

        afterCommit();
    }

    public IndexingReport Finish(bool cancelled)
    {
        Commit();
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
        };
    }

    private void MaybeCommit()
    {
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
            progress.Report(new IndexingProgress(_filesDone, filesTotal, _added + _updated, _bytes, _failures.Count));
        }
    }

    /// <summary>
    /// True the first time an id hash is seen in this run, by a fixed 4 MB two-probe Bloom filter: memory stays flat
    /// however long the run. A false positive (about 0.4 % of articles after a million) only sends an article down
    /// the update path, which is always correct.
    /// </summary>
    private bool FirstInRun(ulong hash)
    {
        bool first = false;
        foreach (uint probe in (ReadOnlySpan<uint>)[(uint)hash, (uint)(hash >> 32)])
        {
            int bit = (int)(probe & (SeenBits - 1));
            long mask = 1L << (bit & 63);
            first |= (Interlocked.Or(ref _seen[bit >> 6], mask) & mask) == 0;
        }

        return first;
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
