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
    private readonly Func<SearchIndex> _index;
    private readonly SearchKitOptions _options;
    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>Creates the service over an open index.</summary>
    public FolderIndexingService(SearchIndex index, IOptions<SearchKitOptions> options, ILoggerFactory? loggerFactory = null)
        : this(() => index, options, loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(index);
    }

    /// <summary>
    /// Created by the container (see <c>AddSearchKit</c>) with the index opened only when there is a folder to
    /// watch: an index that cannot be opened (damaged, locked) must not keep the application from starting.
    /// </summary>
    internal FolderIndexingService(Func<SearchIndex> index, IOptions<SearchKitOptions> options, ILoggerFactory? loggerFactory)
    {
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

        SearchIndex index;
        try
        {
            index = _index();
        }
        catch (SearchKitIndexException e)
        {
            // The application keeps running and says what is wrong where the index is used; stopping the host
            // over it would turn one bad folder into an outage.
            _loggerFactory?.CreateLogger<FolderIndexingService>().LogError(e, "Not watching {Folder}: {Reason}", _options.WatchFolder, e.Message);
            return;
        }

        using var watcher = new FolderWatcher(index, _options.WatchFolder, _options.ToWatcherOptions(), _loggerFactory);
        await watcher.RunAsync(cancellation: stoppingToken).ConfigureAwait(false);
    }
}
