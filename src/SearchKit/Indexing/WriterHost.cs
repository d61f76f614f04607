using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;

using SearchKit.Analysis;

namespace SearchKit.Indexing;

/// <summary>
/// Owns the one <see cref="IndexWriter"/> of an index. The writer (and with it the write lock) is taken on
/// the first write, so that readers never block writers in other processes.
/// </summary>
internal sealed class WriterHost(Lucene.Net.Store.Directory directory, ParagraphGapAnalyzer analyzer, string analyzerName, Similarity similarity, double ramBufferMB, string location, FieldSchema schema, Lucene.Net.Util.InfoStream? infoStream = null) : IDisposable
{
    public const string AnalyzerKey = "searchkit.analyzer";
    public const string CommittedKey = "searchkit.committed";

    /// <summary>The commit-data key of the document layout's version: <see cref="Format"/> since metadata fields (issue 13).</summary>
    public const string FormatKey = "searchkit.format";

    /// <summary>The document layout this version writes.</summary>
    public const string Format = "2";

    /// <summary>The metadata fields' kinds, recorded at every commit.</summary>
    public FieldSchema Schema { get; } = schema;

    /// <summary>Embeds the articles written, when the index has embeddings; null for keyword only. Not owned here.</summary>
    public ITextEmbedder? Embedder { get; init; }

    /// <summary>The model the index's vectors come from, recorded at every commit (<see cref="EmbeddingRecord"/>); null for none.</summary>
    public EmbeddingModelInfo? EmbeddingModel { get; set; }

    /// <summary>The commit-data key of the files a run was part way through when it committed (<see cref="StartFile"/>).</summary>
    public const string UnfinishedKey = "searchkit.unfinished";

    // Path → content hash of each file whose articles the commits of a run may split; recorded at every commit,
    // and read back from the last commit whenever a writer is opened, so that the next run resumes them.
    private readonly Dictionary<string, string> _unfinished = new(StringComparer.Ordinal);

    private readonly System.Threading.Lock _gate = new();
    private IndexWriter? _writer;
    private bool _disposed;
    private bool _rebuilding;

    public IndexWriter Writer
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _writer ??= Create(_rebuilding ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND);
            }
        }
    }

    /// <summary>
    /// True from <see cref="BeginRebuild"/> until the next successful commit: the writer builds a new index
    /// while the folder's last commit (the old index) stays what every reader sees.
    /// </summary>
    public bool Rebuilding
    {
        get
        {
            lock (_gate)
            {
                return _rebuilding;
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

    /// <summary>
    /// Starts a new, empty index over the old one without committing: Lucene's CREATE mode keeps the old commit
    /// point (and its files) until the writer commits, so readers here and in other processes keep seeing the
    /// old index, and a writer killed before that commit leaves it untouched. Takes the write lock now. A
    /// writer rolled back meanwhile is reopened in CREATE mode, so a failed run does not fall back to appending.
    /// </summary>
    public void BeginRebuild()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            RollbackLocked();
            _writer = Create(OpenMode.CREATE);
            _rebuilding = true;
        }
    }

    /// <summary>
    /// Lowers the writer's RAM buffer for the end of a run whose input is all read. Lucene flushes a thread's buffer
    /// on an indexing thread once the buffers outgrow the limit, but the final commit flushes what is left on one
    /// thread, buffer after buffer, while the other cores idle. With the limit low, each indexing thread's next
    /// article sends its own buffer to be flushed by that thread, in parallel, and the final commit finds little
    /// left. <see cref="RestoreRamBuffer"/> sets it back.
    /// </summary>
    public void FlushAsThreadsFinish()
    {
        lock (_gate)
        {
            if (_writer is { } writer)
            {
                writer.Config.RAMBufferSizeMB = Math.Max(1, ramBufferMB / 8);
            }
        }
    }

    /// <summary>Sets the RAM buffer back to the index's own after <see cref="FlushAsThreadsFinish"/>.</summary>
    public void RestoreRamBuffer()
    {
        lock (_gate)
        {
            if (_writer is { } writer && writer.Config.RAMBufferSizeMB != ramBufferMB)
            {
                writer.Config.RAMBufferSizeMB = ramBufferMB;
            }
        }
    }

    /// <summary>Records a file as unfinished until <see cref="EndFile"/>: every commit meanwhile says so.</summary>
    public void StartFile(string path, string hash)
    {
        lock (_unfinished)
        {
            _unfinished[path] = hash;
        }
    }

    /// <summary>The file is finished (or gone): commits no longer record it.</summary>
    public void EndFile(string path)
    {
        lock (_unfinished)
        {
            _unfinished.Remove(path);
        }
    }

    /// <summary>The files the index's last commit recorded as unfinished, by path, with the hash they were read at.</summary>
    public IReadOnlyDictionary<string, string> UnfinishedFiles()
    {
        _ = Writer;
        lock (_unfinished)
        {
            return new Dictionary<string, string>(_unfinished, StringComparer.Ordinal);
        }
    }

    public void Commit()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= Create(_rebuilding ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND);
            CommitLocked();
        }
    }

    /// <summary>
    /// Runs a write on the writer; a failed one (a full disk, a writer closed by a failure on another thread)
    /// is rolled back, so the index stays at its last commit, and reported as <see cref="SearchKitException"/>.
    /// </summary>
    public void Write(Action<IndexWriter> write)
    {
        try
        {
            write(Writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Rollback();
            throw new SearchKitException($"{location}: write failed ({e.Message}); the index stays at its last commit", e);
        }
    }

    /// <summary>The user data of the directory's last commit (the analyzer, the time of the commit).</summary>
    /// <exception cref="SearchKitIndexException">The commit point cannot be read (<see cref="IndexProblem.Damaged"/>).</exception>
    public static IDictionary<string, string> ReadCommitData(Lucene.Net.Store.Directory directory, string location)
    {
        try
        {
            var infos = new SegmentInfos();
            infos.Read(directory);
            return infos.UserData;
        }
        catch (Exception e) when (IndexDamage.IsDamage(e))
        {
            throw IndexDamage.Damaged(location, e);
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
            var data = new Dictionary<string, string>
            {
                [AnalyzerKey] = analyzerName,
                [CommittedKey] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [FormatKey] = Format,
                [FieldSchema.CommitKey] = Schema.ToJson(),
            };
            if (EmbeddingModel is { } model)
            {
                data[EmbeddingRecord.CommitKey] = EmbeddingRecord.ToJson(model);
            }

            lock (_unfinished)
            {
                if (_unfinished.Count > 0)
                {
                    data[UnfinishedKey] = System.Text.Json.JsonSerializer.Serialize(_unfinished);
                }
            }

            _writer!.SetCommitData(data);
            _writer.Commit();
            _rebuilding = false;
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
            var writer = new IndexWriter(directory, config);
            lock (_unfinished)
            {
                _unfinished.Clear();
            }

            if (mode != OpenMode.CREATE && DirectoryReader.IndexExists(directory))
            {
                // Another process may have committed fields since this index was opened (the write lock is taken
                // only now): this writer's commits must record them too.
                var data = ReadCommitData(directory, location);
                Schema.Merge(data, location);
                LoadUnfinished(data);
            }

            return writer;
        }
        catch (Lucene.Net.Store.LockObtainFailedException e)
        {
            throw LockFailed(location, e.InnerException);
        }
        catch (Exception e) when (IndexDamage.IsCorrupt(e))
        {
            throw IndexDamage.Damaged(location, e);
        }
    }

    private void LoadUnfinished(IDictionary<string, string> data)
    {
        if (!data.TryGetValue(UnfinishedKey, out var json))
        {
            return;
        }

        try
        {
            var files = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            lock (_unfinished)
            {
                foreach (var (path, hash) in files ?? [])
                {
                    _unfinished[path] = hash;
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Unreadable: the files it named are re-read in full when they change, as before resuming existed.
        }
    }

    /// <summary>
    /// Why the write lock could not be taken: held by another writer, or the lock file cannot be written at
    /// all, which no amount of waiting for another writer would fix.
    /// </summary>
    internal static SearchKitIndexException LockFailed(string location, Exception? failure)
    {
        if (ExclusiveFileLockFactory.IsHeldElsewhere(failure))
        {
            return new SearchKitIndexException(IndexProblem.Locked, $"{location}: the index is locked by another writer (another process or another open index is writing to it)", failure);
        }

        string why = failure switch
        {
            UnauthorizedAccessException => "permission denied: this user may not create or write files in the folder",
            IOException e when IsErrno(e, readOnlyFs: true) => "the folder is on a read-only file system",
            IOException e when IsErrno(e, readOnlyFs: false) => "the disk is full (no space left for even the lock file)",
            DirectoryNotFoundException or FileNotFoundException => "the folder cannot hold files (it is gone, or a special folder such as one under /proc)",
            _ => failure!.Message.Split('\n')[0].Trim(),
        };
        return new SearchKitIndexException(IndexProblem.Unwritable, $"{location}: cannot write to the index folder: {why}", failure);
    }

    // EROFS is 30 on Linux and macOS; ENOSPC 28 and EDQUOT 122 (Linux) or 69 (macOS); on Windows the disk-full
    // codes 39 and 112 and the write-protect code 19.
    private static bool IsErrno(IOException e, bool readOnlyFs) => OperatingSystem.IsWindows()
        ? readOnlyFs ? (e.HResult & 0xFFFF) == 19 : (e.HResult & 0xFFFF) is 39 or 112
        : readOnlyFs ? e.HResult == 30 : e.HResult is 28 or 122 || (OperatingSystem.IsMacOS() && e.HResult == 69);

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
