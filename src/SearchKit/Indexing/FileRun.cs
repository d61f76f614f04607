using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// One run over the listed files, as a pipeline: a reader thread takes the files in listing order, reads and
/// hashes each once, skips the unchanged ones and hands the rest to the indexing threads through a bounded queue
/// (so memory stays flat), while the indexing threads parse, analyse and write. A large JSON Lines file goes to
/// the indexing threads in chunks of lines, so that one big export uses every thread and the run's commit windows
/// fall inside it; the commits record the file as unfinished until its last line is written, and the next run
/// resumes it, skipping the articles the index already holds from it.
/// </summary>
internal sealed partial class FileRun
{
    /// <summary>Files up to this size are read whole by the reader thread: hashed and parsed from one read.</summary>
    private const int ReadWholeBytes = 1 << 20;

    /// <summary>A JSON Lines file over this size is indexed in chunks of about this many bytes.</summary>
    private const int ChunkBytes = 128 * 1024;

    /// <summary>Work items waiting for the indexing threads: enough to keep them busy, few enough to keep memory flat.</summary>
    private const int QueueCapacity = 64;

    // Each id a file article takes in this run, by a 128-bit hash of the id (to keep memory per article
    // small): two sources claiming one id is a reported failure, never a silent overwrite. The source that
    // comes first in the listing (then by line) keeps the id whatever order the threads run in, so the
    // outcome is the same on every run.
    private readonly ConcurrentDictionary<UInt128, Claim> _claims = new();
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];
    private readonly IndexingRun _run;
    private readonly IReadOnlyDictionary<string, FileIndexer.FileState> _known;
    private readonly IReadOnlyDictionary<string, string> _unfinished;
    private readonly List<ArticleFiles.Entry> _entries;
    private readonly Dictionary<string, int> _entryOf;
    // Each file's content hash once known; a clash check may need another file's before the reader gets to it,
    // and then hashes it too (rare, and harmless): a plain array keeps memory at a word per file.
    private readonly string?[] _hashes;
    private readonly Func<string, string?> _holderOf;
    private readonly ReaderLimits _limits;
    private readonly IndexingOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly bool _lookUpHolders;

    // unfinished: the files the last commit recorded as unfinished, with the hash they were being indexed at.
    public FileRun(IndexingRun run, IReadOnlyDictionary<string, FileIndexer.FileState> known, IReadOnlyDictionary<string, string> unfinished, List<ArticleFiles.Entry> entries, Func<string, string?> holderOf, ReaderLimits limits, IndexingOptions options, CancellationToken cancellation)
    {
        _run = run;
        _known = known;
        _unfinished = unfinished;
        _entries = entries;
        _holderOf = holderOf;
        _limits = limits;
        _options = options;
        _cancellation = cancellation;
        _entryOf = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            _entryOf[entries[i].Path] = i;
        }

        _hashes = new string?[entries.Count];

        // Only an unchanged file can hold an id without claiming it in this run; with none (a first build,
        // --force) there is nothing to look up.
        _lookUpHolders = !options.Force && known.Count > 0;
    }

    /// <summary>Indexes every listed file with <paramref name="threads"/> indexing threads and one reader thread.</summary>
    public void Run(int threads)
    {
        using var queue = new BlockingCollection<Work>(QueueCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
        Exception? readerFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                Produce(queue, stop.Token);
                if (threads > 1)
                {
                    _run.InputRead();
                }
            }
            catch (Exception e)
            {
                readerFailure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "SearchKit file reader" };
        reader.Start();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = _cancellation };
            Parallel.For(0, threads, parallel, _ =>
            {
                long waited = Stopwatch.GetTimestamp();
                foreach (var work in queue.GetConsumingEnumerable(_cancellation))
                {
                    long started = Stopwatch.GetTimestamp();
                    _run.TimeWaiting(started - waited);
                    work.Run();
                    waited = Stopwatch.GetTimestamp();
                    _run.TimeIndexing(waited - started);
                }

                _run.TimeWaiting(Stopwatch.GetTimestamp() - waited);
            });
        }
        finally
        {
            // An indexing thread failed (a disk error) or the run was cancelled: the reader must not wait on a full queue.
            stop.Cancel();
            reader.Join();
        }

        if (readerFailure is not null && !(readerFailure is OperationCanceledException && stop.IsCancellationRequested && !_cancellation.IsCancellationRequested))
        {
            ExceptionDispatchInfo.Throw(readerFailure);
        }
    }

    private void Produce(BlockingCollection<Work> queue, CancellationToken stop)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            stop.ThrowIfCancellationRequested();
            var entry = _entries[i];
            string hash;
            byte[]? content;
            long started = Stopwatch.GetTimestamp();
            try
            {
                (hash, content) = ArticleFiles.ReadAndHash(entry.Path, ReadWholeBytes, stop);
                _run.TimeReading(Stopwatch.GetTimestamp() - started);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _run.TimeReading(Stopwatch.GetTimestamp() - started);
                _run.Fail(new ArticleReadException(entry.Path, $"cannot read the file ({e.Message})", inner: e));
                _run.FileDone();
                continue;
            }

            Volatile.Write(ref _hashes[i], hash);
            bool existed = _known.TryGetValue(entry.Path, out var previous);
            // Resumed: a commit recorded the file unfinished at this very content, and what the index holds from it
            // is of this content (a file waiting in the queue at that commit still had its old articles there).
            bool resuming = !_options.Force && _unfinished.TryGetValue(entry.Path, out var unfinishedHash) && unfinishedHash == hash
                && (!existed || previous!.Hash == hash);
            if (existed && !_options.Force && !resuming && previous!.Hash == hash)
            {
                // Recorded unfinished at other content, then changed back: what the index holds is this content.
                _run.EndFile(entry.Path);
                _run.CountUnchanged(previous.Articles);
                _run.FileDone();
                continue;
            }

            // Every changed file is unfinished until its last article is written: a commit meanwhile (a window of
            // the run, or the last one of a cancelled run) records it so, and the next run does not take it for unchanged.
            _run.StartFile(entry.Path, hash);
            var file = new FileWork(this, i, hash, existed, resuming);
            var (jsonLines, gzip) = ArticleFiles.IsJsonLines(entry.Path, _options.Format, content);
            if (jsonLines && (content is null || content.Length > ChunkBytes))
            {
                ProduceChunks(file, content, gzip, queue, stop);
            }
            else
            {
                file.Acquire();
                queue.Add(new WholeFile(file, content), stop);
                file.Release();
            }
        }
    }

    // The chunks go out in order and are indexed in any order; the file stays recorded as unfinished until the last is written.
    private void ProduceChunks(FileWork file, byte[]? content, bool gzip, BlockingCollection<Work> queue, CancellationToken stop)
    {
        var (stream, failure) = ArticleFiles.OpenJsonLines(file.Path, content, _limits, gzip);
        if (stream is null)
        {
            _run.Fail(failure!.Error!);
            file.ReadFailed = true;
            file.Release();
            return;
        }

        using (stream)
        {
            var chunk = new List<JsonLinesArticleReader.RawLine>();
            long bytes = 0;
            long reading = Stopwatch.GetTimestamp();
            try
            {
                foreach (var line in JsonLinesArticleReader.Lines(stream, _limits.MaxArticleBytes, stop))
                {
                    chunk.Add(line);
                    bytes += line.Bytes.Length;

                    // No larger than a commit window either, so that small windows are kept inside the file too.
                    if (bytes >= ChunkBytes || chunk.Count >= _options.CommitEveryArticles)
                    {
                        _run.TimeReading(Stopwatch.GetTimestamp() - reading);
                        file.Acquire();
                        queue.Add(new Chunk(file, chunk), stop);
                        chunk = [];
                        bytes = 0;
                        reading = Stopwatch.GetTimestamp();
                    }
                }
            }
            catch (Exception e) when (ArticleFiles.IsReadFailure(e))
            {
                // What was read before the failure is indexed; the file stays unfinished, for the next run to retry.
                _run.Fail(ArticleFiles.ReadFailure(e, file.Path));
                file.ReadFailed = true;
            }

            _run.TimeReading(Stopwatch.GetTimestamp() - reading);
            if (chunk.Count > 0)
            {
                file.Acquire();
                queue.Add(new Chunk(file, chunk), stop);
            }
        }

        file.Release();
    }

    /// <summary>Indexes one article of <paramref name="file"/>, unless a resumed file's article is already in the index.</summary>
    private void Write(FileWork file, int line, Article article)
    {
        bool held = file.Resuming && string.Equals(_holderOf(article.Id), file.Path, StringComparison.Ordinal);
        if (!held)
        {
            // The file changed: its old articles go, whatever ids the new content has; but only once something
            // new could be read from it, so that a file that turned unreadable keeps its last good articles.
            file.EnsureReplaced();
        }

        ClaimAndWrite(file, line, article, held);
    }

    private void ClaimAndWrite(FileWork file, int line, Article article, bool held)
    {
        int entry = file.Index;
        var key = KeyOf(article.Id);
        lock (_stripes[(int)(key % (UInt128)_stripes.Length)])
        {
            if (_claims.TryGetValue(key, out var owner))
            {
                if (owner.Precedes(entry, line))
                {
                    _run.Fail(Clash(entry, line, article.Id, Where(owner.Entry, owner.Line)));
                    return;
                }

                // This source comes first: it takes the id over from the one that claimed it a moment ago.
                if (owner.Written)
                {
                    _run.Uncount(owner.Update, owner.Paragraphs, owner.Bytes);
                }
                else
                {
                    _run.CountUnchanged(-1);
                }

                _run.Fail(Clash(owner.Entry, owner.Line, article.Id, Where(entry, line)));
            }
            else if (!held && _lookUpHolders && _holderOf(article.Id) is { } holder
                && !string.Equals(holder, file.Path, StringComparison.Ordinal)
                && IsUnchanged(holder))
            {
                // The id belongs to an article of a file this run leaves as it is: it keeps it.
                _run.Fail(Clash(entry, line, article.Id, $"{holder} (unchanged, already indexed)"));
                return;
            }

            if (held)
            {
                // Indexed before the interruption of the run that started this file: kept, and counted as unchanged.
                _run.CountUnchanged(1);
                _claims[key] = new Claim(entry, line, false, 0, 0, Written: false);
                return;
            }

            bool isUpdate = file.Existed && !file.Resuming;
            _run.UpsertInFile(article, isUpdate);
            _claims[key] = new Claim(entry, line, isUpdate, article.Paragraphs.Count, IndexingRun.TextBytes(article), Written: true);
        }
    }

    private bool IsUnchanged(string path) =>
        _entryOf.TryGetValue(path, out int i)
        && _known.TryGetValue(path, out var state)
        && !_unfinished.ContainsKey(path)
        && HashOf(i) == state.Hash;

    private string? HashOf(int i)
    {
        if (Volatile.Read(ref _hashes[i]) is { } known)
        {
            return known;
        }

        try
        {
            var hash = ArticleFiles.HashFile(_entries[i].Path, _cancellation);
            Volatile.Write(ref _hashes[i], hash);
            return hash;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string Where(int entry, int line) => line > 0 ? $"{_entries[entry].Path}:{line}" : _entries[entry].Path;

    private ArticleReadException Clash(int entry, int line, string id, string other) =>
        new(_entries[entry].Path, $"the id \"{id}\" is also the id of the article from {other}, which keeps it; this article is not indexed (ids must be unique)", line > 0 ? line : null);

    private bool Validated(Article article, int? line)
    {
        try
        {
            ArticleValidator.CheckWellFormed(article);
            ArticleValidator.Validate(article, _limits);
            _run.Schema.Resolve(article, line);
            return true;
        }
        catch (ArticleReadException e)
        {
            _run.Fail(e);
            return false;
        }
        catch (ArgumentException e)
        {
            _run.Fail(new ArticleReadException(article.Metadata?.SourcePath ?? article.Id ?? "(article)", e.Message, inner: e));
            return false;
        }
    }

    /// <summary>Indexes a read result: a valid article is written, a failure reported.</summary>
    private void Index(FileWork file, ArticleReadResult result)
    {
        if (result.Article is { } article && Validated(article, result.Line))
        {
            Write(file, result.Line ?? 0, article);
        }
        else if (result.Error is { } failure)
        {
            _run.Fail(failure);
        }
    }

    private static UInt128 KeyOf(string id) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(id.AsSpan()));
}
