using Microsoft.Extensions.Logging;

namespace SearchKit.Extensions.Hosting;

/// <summary>
/// Opens each index folder once and shares it: every caller asking for the same path gets the same
/// <see cref="SearchIndex"/> (one index may have only one writer). Registered as a singleton by
/// <c>AddSearchKit</c>; the container disposes it, and it disposes the indexes it opened.
/// </summary>
public sealed class SearchIndexProvider : IDisposable
{
    private readonly Dictionary<string, SearchIndex> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ILoggerFactory? _loggerFactory;
    private bool _disposed;

    /// <summary>Creates a provider whose indexes log to <paramref name="loggerFactory"/> (nothing when null).</summary>
    public SearchIndexProvider(ILoggerFactory? loggerFactory = null) => _loggerFactory = loggerFactory;

    /// <summary>
    /// The shared index at <paramref name="path"/>, opened with <paramref name="options"/> on first use.
    /// Later calls for the same folder return that index whatever options they pass. Do not dispose it.
    /// </summary>
    /// <exception cref="SearchKitIndexException">The index is missing, locked, damaged or was built with another analyzer.</exception>
    public SearchIndex GetOrOpen(string path, SearchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_open.TryGetValue(full, out var index))
            {
                options ??= SearchIndexOptions.Default;
                index = SearchIndex.Open(full, options.LoggerFactory is null ? options with { LoggerFactory = _loggerFactory } : options);
                _open.Add(full, index);
            }

            return index;
        }
    }

    /// <summary>Disposes every index this provider opened.</summary>
    public void Dispose()
    {
        List<SearchIndex> indexes;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            indexes = [.. _open.Values];
            _open.Clear();
        }

        foreach (var index in indexes)
        {
            index.Dispose();
        }
    }
}
