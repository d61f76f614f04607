using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchKit.Indexing;

namespace SearchKit.Extensions.Hosting;

/// <summary>
/// A background service that keeps the application's index in step with <see cref="SearchKitOptions.WatchFolder"/>
/// through a <see cref="FolderWatcher"/>, from host start to host stop. Does nothing when no folder is set.
/// </summary>
public sealed class FolderIndexingService : BackgroundService
{
    private readonly SearchIndex _index;
    private readonly SearchKitOptions _options;
    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>Created by the container; see <c>AddSearchKit</c>.</summary>
    public FolderIndexingService(SearchIndex index, IOptions<SearchKitOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _options = options.Value;
        _loggerFactory = loggerFactory;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_options.WatchFolder))
        {
            return;
        }

        using var watcher = new FolderWatcher(_index, _options.WatchFolder, _options.ToWatcherOptions(), _loggerFactory);
        await watcher.RunAsync(cancellation: stoppingToken).ConfigureAwait(false);
    }
}
