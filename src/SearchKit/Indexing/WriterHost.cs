using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;

using SearchKit.Analysis;

namespace SearchKit.Indexing;

/// <summary>
/// Owns the one <see cref="IndexWriter"/> of an index. The writer (and with it the write lock) is taken on
/// the first write, so that readers never block writers in other processes.
/// </summary>
internal sealed class WriterHost(Lucene.Net.Store.Directory directory, ParagraphGapAnalyzer analyzer, string analyzerName, Similarity similarity, double ramBufferMB, string location, Lucene.Net.Util.InfoStream? infoStream = null) : IDisposable
{
    public const string AnalyzerKey = "searchkit.analyzer";
    public const string FormatKey = "searchkit.format";
    public const string CommittedKey = "searchkit.committed";
    public const string FormatVersion = "1";

    private readonly System.Threading.Lock _gate = new();
    private IndexWriter? _writer;
    private bool _disposed;

    public IndexWriter Writer
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _writer ??= Create(OpenMode.CREATE_OR_APPEND);
            }
        }
    }

    public bool HasWriter
    {
        get
        {
            lock (_gate)
            {
                return _writer is not null;
            }
        }
    }

    /// <summary>Creates a fresh, empty index at the directory, recording the analyzer.</summary>
    public void CreateEmpty()
    {
        lock (_gate)
        {
            _writer ??= Create(OpenMode.CREATE);
            CommitLocked();
        }
    }

    public void Commit()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= Create(OpenMode.CREATE_OR_APPEND);
            CommitLocked();
        }
    }

    /// <summary>
    /// Throws away everything not committed and closes the writer, after a failed write: the index stays
    /// at its last commit and the next write opens a new writer.
    /// </summary>
    public void Rollback()
    {
        lock (_gate)
        {
            RollbackLocked();
        }
    }

    private void CommitLocked()
    {
        try
        {
            _writer!.SetCommitData(new Dictionary<string, string>
            {
                [AnalyzerKey] = analyzerName,
                [FormatKey] = FormatVersion,
                [CommittedKey] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            });
            _writer.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = $"{location}: commit failed ({e.Message}); the index stays at its last commit";
            RollbackLocked();
            throw new SearchKitException(message, e);
        }
    }

    private void RollbackLocked()
    {
        try
        {
            _writer?.Rollback();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or MergePolicy.MergeException)
        {
            // Discarding a failed writer; nothing more to do. A background merge that failed (a full disk) rethrows
            // its error here, when the writer waits for its merge threads.
        }

        _writer = null;
    }

    private IndexWriter Create(OpenMode mode)
    {
        var config = new IndexWriterConfig(LuceneInfo.Version, analyzer)
        {
            OpenMode = mode,
            RAMBufferSizeMB = ramBufferMB,
            Similarity = similarity,

            // Verify checksums before merging: otherwise a damaged segment is merged into a new one with a
            // valid checksum, and the damage can no longer be found (Lucene 4.8 leaves this off by default).
            CheckIntegrityAtMerge = true,
        };
        if (infoStream is not null)
        {
            config.SetInfoStream(infoStream);
        }

        try
        {
            return new IndexWriter(directory, config);
        }
        catch (Lucene.Net.Store.LockObtainFailedException e)
        {
            throw new SearchKitIndexException(IndexProblem.Locked, $"{location}: the index is locked by another writer (another process or another open index is writing to it)", e);
        }
        catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
        {
            throw new SearchKitIndexException(IndexProblem.Damaged, $"{location}: the index is damaged ({e.Message}); run 'searchkit check'", e);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Uncommitted changes are dropped, as documented: only Commit makes writes durable.
            RollbackLocked();
        }
    }
}
