using Microsoft.Extensions.Logging;
using SearchKit.Cli.Rendering;
using SearchKit.Indexing;

namespace SearchKit.Cli.Commands;

/// <summary>
/// <c>searchkit index FOLDER --watch</c>, after the first run: keeps the index in step with the folder through
/// the library's <see cref="FolderWatcher"/> until the host's cancellation (Ctrl-C, SIGTERM), printing a line per
/// batch that changed something.
/// </summary>
internal static class IndexWatch
{
    /// <summary>Watches <paramref name="folder"/> until <paramref name="cancellation"/>; returns the exit code (0 on a clean stop).</summary>
    public static int Run(CliHost host, SearchIndex index, string folder, IndexingOptions indexing, bool json, CancellationToken cancellation)
    {
        var output = new Output(host.Out, host.OutIsTerminal);
        using var logging = new ErrorLoggerFactory(host.Error);
        using var watcher = new FolderWatcher(index, folder, new FolderWatcherOptions { Indexing = indexing }, logging);
        host.Error.WriteLine($"searchkit: watching {folder} for changes; Ctrl-C to stop");

        // A synchronous IProgress: Progress<T> would post each report to the thread pool, so lines could
        // arrive out of order or after the watch has ended.
        var batches = new Reporter(report => IndexRenderer.WriteBatch(output, report, json));
        watcher.RunAsync(batches, cancellation).GetAwaiter().GetResult();

        // Every batch commits its own changes; this commit only makes the stop explicit should the last
        // batch have been cut short between its writes and its commit.
        index.Commit();
        host.Error.WriteLine($"searchkit: stopped watching after {watcher.Syncs} sync(s); the index is committed");
        return ExitCodes.Success;
    }

    private sealed class Reporter(Action<IndexingReport> report) : IProgress<IndexingReport>
    {
        public void Report(IndexingReport value) => report(value);
    }

    /// <summary>
    /// The watcher's warnings and errors (a sync that failed and will be retried, lost change events) as
    /// one line each on standard error; its information and debug messages are the batch lines already printed.
    /// </summary>
    private sealed class ErrorLoggerFactory(TextWriter error) : ILoggerFactory, ILogger
    {
        private readonly Lock _lock = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = exception is null ? formatter(state, exception) : $"{formatter(state, exception)}: {exception.Message.Split('\n')[0].Trim()}";
            lock (_lock)
            {
                error.WriteLine($"searchkit: {line}");
            }
        }

        public void Dispose()
        {
        }
    }
}
