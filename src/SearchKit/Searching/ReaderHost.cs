using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// Owns the reader side of an index, the twin of <see cref="WriterHost"/>: the <see cref="SearcherManager"/>,
/// its throttled refresh (so commits by this or another process become visible), the searcher lease, and the
/// classification of read failures as damage.
/// </summary>
internal sealed class ReaderHost : IDisposable
{
    /// <summary>External commits are looked for at most this often, so a hot search loop does not list the directory every time.</summary>
    private static readonly long RefreshIntervalTicks = Stopwatch.Frequency / 20;

    private readonly SearcherManager _searchers;
    private readonly string _location;
    private readonly string _ownerName;
    private long _lastRefresh;
    private int _disposed;

    /// <summary>
    /// Opens a reader on the directory's last commit; with <paramref name="verify"/>, checks every checksum first.
    /// <paramref name="ownerName"/> is what a use after disposal names: the object users hold, not this one.
    /// </summary>
    public ReaderHost(Lucene.Net.Store.Directory directory, Similarity similarity, string location, bool verify, string ownerName)
    {
        _location = location;
        _ownerName = ownerName;
        _searchers = new SearcherManager(directory, new SimilaritySearcherFactory(similarity));
        if (verify)
        {
            try
            {
                VerifyIntegrity();
            }
            catch
            {
                _searchers.Dispose();
                throw;
            }
        }

        _lastRefresh = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a searcher leased for its duration, after a throttled refresh. A read
    /// failure, or any failure the checksums then confirm as damage, is reported as <see cref="IndexProblem.Damaged"/>.
    /// </summary>
    public T WithSearcher<T>(Func<IndexSearcher, T> body)
    {
        ThrowIfDisposed();
        try
        {
            Refresh(force: false);
            using var lease = Acquire();
            return body(lease.Searcher);
        }
        catch (Exception e) when (IndexDamage.IsReadFailure(e))
        {
            throw IndexDamage.Damaged(_location, e);
        }
        catch (Exception e) when (e is not SearchKitException and not OperationCanceledException and not ObjectDisposedException && IsDamaged())
        {
            // Damaged bytes can read as valid data and fail later in any way (an index out of range in a
            // decompressor, say). Only when the checksums confirm damage is this reported as such.
            throw IndexDamage.Damaged(_location, e);
        }
    }

    /// <summary>Leases the current searcher without refreshing, for a view that must stay fixed over a whole run.</summary>
    public Lease Acquire()
    {
        ThrowIfDisposed();
        return new Lease(_searchers, _searchers.Acquire());
    }

    /// <summary>Makes the newest commit visible: always when <paramref name="force"/>d, else at most every 50 ms.</summary>
    public void Refresh(bool force)
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

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _searchers.Dispose();
        }
    }

    private bool IsDamaged()
    {
        try
        {
            VerifyIntegrity();
            return false;
        }
        catch (Exception e) when (IndexDamage.IsReadFailure(e))
        {
            return true;
        }
    }

    /// <summary>Reads every file of the current commit and checks its checksum.</summary>
    private void VerifyIntegrity()
    {
        using var lease = new Lease(_searchers, _searchers.Acquire());
        foreach (var leaf in lease.Searcher.IndexReader.Leaves)
        {
            leaf.AtomicReader.CheckIntegrity();
        }
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(_ownerName);
        }
    }

    /// <summary>A searcher on loan; disposing returns it.</summary>
    public sealed class Lease(SearcherManager owner, IndexSearcher searcher) : IDisposable
    {
        private int _released;

        public IndexSearcher Searcher { get; } = searcher;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(Searcher);
            }
        }
    }

    private sealed class SimilaritySearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
