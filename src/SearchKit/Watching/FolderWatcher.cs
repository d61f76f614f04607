using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// In its own folder (a client of SearchIndex, not an indexing stage) but still in SearchKit.Indexing, so the
// public API does not change.
namespace SearchKit.Indexing;

/// <summary>
/// Keeps an index in step with a folder of article files: new, changed, renamed and deleted files reach the
/// index (committed, visible to searches) within <see cref="FolderWatcherOptions.MaxDelay"/> plus the time
/// of one run. It listens to the file system's change events, waits for a burst to settle, and then runs
/// <see cref="SearchIndex.IndexFiles"/> over the whole folder; that run is incremental by content hash, so it
/// rereads only what changed and removes the articles of vanished files. Because each batch compares the
/// folder with the index rather than replaying events, a lost or overflowing event queue loses nothing: the
/// next batch or the periodic rescan catches up. The caller owns the watcher and disposes it; the index stays the caller's.
/// </summary>
public sealed class FolderWatcher : IDisposable
{
    private readonly SearchIndex _index;
    private readonly FolderWatcherOptions _options;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private FileSystemWatcher? _watcher;
    private IndexingReport? _lastReport;
    private int _pendingEvents;
    private int _rescanRequested;
    private int _running;
    private long _syncs;
    private int _disposed;

    /// <summary>Creates a watcher over <paramref name="folder"/>; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="index">The index to keep in step; the caller keeps ownership.</param>
    /// <param name="folder">The folder of article files (<see cref="SearchKit.Articles.ArticleFiles.Extensions"/>; watched recursively).</param>
    /// <param name="options">Timings and indexing options; <see cref="FolderWatcherOptions.Default"/> when null.</param>
    /// <param name="loggerFactory">Where to log each batch and problem; nothing is logged when null.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public FolderWatcher(SearchIndex index, string folder, FolderWatcherOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= FolderWatcherOptions.Default;
        options.Validate();
        Folder = Path.GetFullPath(folder);
        if (!Directory.Exists(Folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder to watch");
        }

        _index = index;
        _options = options;
        _log = loggerFactory?.CreateLogger<FolderWatcher>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The full path of the watched folder.</summary>
    public string Folder { get; }

    /// <summary>How many times the index has been brought in step with the folder so far.</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>The report of the latest sync, or <see langword="null"/> before the first.</summary>
    public IndexingReport? LastReport => Volatile.Read(ref _lastReport);

    /// <summary>
    /// Indexes the folder once, then watches it and keeps the index in step until <paramref name="cancellation"/>
    /// is cancelled or the watcher is disposed; then it returns normally. Each sync's report goes to
    /// <paramref name="progress"/>. A failed sync (for example the index is locked) is logged and retried on
    /// the next change or rescan; it does not end the watch.
    /// </summary>
    /// <exception cref="InvalidOperationException">The watcher is already running.</exception>
    public async Task RunAsync(IProgress<IndexingReport>? progress = null, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("the folder watcher is already running");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _disposing.Token);
        var stop = linked.Token;
        try
        {
            StartWatching();
            IndexLog.WatchStarted(_log, Folder);
            await SyncAndReportAsync(0, rescan: true, progress, stop).ConfigureAwait(false);
            var rescans = _options.RescanInterval == Timeout.InfiniteTimeSpan ? Task.CompletedTask : RescanLoopAsync(stop);
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await _wake.WaitAsync(stop).ConfigureAwait(false);
                    await SettleAsync(stop).ConfigureAwait(false);

                    // Swallow the wake-ups this batch already answers before taking the count: an event
                    // that arrives after the count wakes the loop again, so none is lost.
                    while (_wake.Wait(0))
                    {
                    }

                    int events = Interlocked.Exchange(ref _pendingEvents, 0);
                    bool rescan = Interlocked.Exchange(ref _rescanRequested, 0) == 1;
                    if (events > 0 || rescan)
                    {
                        await SyncAndReportAsync(events, rescan, progress, stop).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                await rescans.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Asked to stop: that is the normal end of a watch.
        }
        finally
        {
            StopWatching();
            IndexLog.WatchStopped(_log, Folder);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Brings the index in step with the folder now, waiting for a sync in progress first, and returns what
    /// it did. Usable with or without <see cref="RunAsync"/>.
    /// </summary>
    /// <exception cref="SearchKitException">A write failed; the index stays at its last commit.</exception>
    public async Task<IndexingReport> SyncAsync(CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _syncGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            // IndexFiles is CPU-bound Lucene work: it runs on the thread pool rather than pretending to be async.
            var report = await Task.Run(() => _index.IndexFiles([Folder], _options.Indexing, null, cancellation), cancellation).ConfigureAwait(false);
            Volatile.Write(ref _lastReport, report);
            Interlocked.Increment(ref _syncs);
            return report;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _disposing.Cancel();
            StopWatching();
            _disposing.Dispose();

            // The semaphores stay undisposed on purpose: a RunAsync that is just ending may still touch them,
            // and they hold no unmanaged handle unless AvailableWaitHandle was used (it is not).
        }
    }

    private async Task SyncAndReportAsync(int events, bool rescan, IProgress<IndexingReport>? progress, CancellationToken stop)
    {
        IndexLog.WatchBatch(_log, Folder, events, rescan ? " (full rescan)" : "");
        try
        {
            var report = await SyncAsync(stop).ConfigureAwait(false);
            progress?.Report(report);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Try again later rather than end the watch: a locked index or a folder being moved is usually
            // temporary, and whatever else one sync hits must not stop the others from serving every other file.
            IndexLog.WatchSyncFailed(_log, e, Folder);
            Interlocked.Exchange(ref _rescanRequested, 1);
        }
    }

    /// <summary>Waits until no event arrived for <see cref="FolderWatcherOptions.Debounce"/>, or <see cref="FolderWatcherOptions.MaxDelay"/> passed.</summary>
    private async Task SettleAsync(CancellationToken stop)
    {
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            int seen = Volatile.Read(ref _pendingEvents);
            var left = _options.MaxDelay - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < _options.Debounce ? left : _options.Debounce, stop).ConfigureAwait(false);
            if (Volatile.Read(ref _pendingEvents) == seen)
            {
                return;
            }
        }
    }

    private async Task RescanLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.RescanInterval);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            Interlocked.Exchange(ref _rescanRequested, 1);
            Wake();
        }
    }

    private void StartWatching()
    {
        var watcher = new FileSystemWatcher(Folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,

            // The largest buffer Windows allows; on Linux inotify has its own queue. Either way an overflow
            // only costs a full rescan (see OnError).
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += OnChanged;
        watcher.Changed += OnChanged;
        watcher.Deleted += OnChanged;
        watcher.Renamed += OnChanged;
        watcher.Error += OnError;
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
    }

    private void StopWatching()
    {
        var watcher = Interlocked.Exchange(ref _watcher, null);
        if (watcher is not null)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        Interlocked.Increment(ref _pendingEvents);
        Wake();
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        IndexLog.WatchOverflow(_log, Folder, e.GetException().Message);
        Interlocked.Exchange(ref _rescanRequested, 1);
        Wake();
    }

    private void Wake()
    {
        // One pending wake-up is enough: the loop takes the whole count of events when it runs.
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
                // An event raced with disposal; there is no loop left to wake.
            }
        }
    }
}
