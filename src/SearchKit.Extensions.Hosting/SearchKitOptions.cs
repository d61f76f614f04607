using SearchKit.Indexing;

namespace SearchKit.Extensions.Hosting;

/// <summary>
/// SearchKit's settings in an application, bound from configuration (section <c>"SearchKit"</c>) or set in
/// <c>AddSearchKit(options =&gt; …)</c>. Unlike the library's immutable option records this class is mutable,
/// because that is what the options pattern and the configuration binder work with; it is turned into a
/// <see cref="SearchIndexOptions"/> once, when the index is opened.
/// </summary>
public sealed class SearchKitOptions
{
    /// <summary>The configuration section read by default.</summary>
    public const string SectionName = "SearchKit";

    /// <summary>The folder of the index. Required unless <see cref="Elasticsearch"/> names a cluster.</summary>
    public string? IndexPath { get; set; }

    /// <summary>A cluster to use instead of the folder (section <c>"SearchKit:Elasticsearch"</c>). Default: none set.</summary>
    public SearchKitElasticsearchOptions Elasticsearch { get; set; } = new();

    /// <summary>The analyzer by name (see <see cref="Analysis.AnalyzerCatalog.Names"/>). Default: the index's own, or <c>english</c> for a new index.</summary>
    public string? Analyzer { get; set; }

    /// <summary>Open the index for searching only. Default false.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The writer's RAM buffer in MB. Default: the library's (64).</summary>
    public double? RamBufferMB { get; set; }

    /// <summary>Threads for indexing runs. Default: the library's (all cores).</summary>
    public int? IndexingThreads { get; set; }

    /// <summary>
    /// A folder of article files that the hosted service keeps the index in step with. Default
    /// <see langword="null"/>: no folder is watched.
    /// </summary>
    public string? WatchFolder { get; set; }

    /// <summary>Quiet time after a change before the index is updated. Default: <see cref="FolderWatcherOptions.Debounce"/>.</summary>
    public TimeSpan? Debounce { get; set; }

    /// <summary>The longest a change waits while the folder keeps changing. Default: <see cref="FolderWatcherOptions.MaxDelay"/>.</summary>
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>How often the watched folder is rescanned in full. Default: <see cref="FolderWatcherOptions.RescanInterval"/>.</summary>
    public TimeSpan? RescanInterval { get; set; }

    /// <summary>The library options these settings describe, with the application's logger factory.</summary>
    public SearchIndexOptions ToIndexOptions(Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory)
    {
        var defaults = SearchIndexOptions.Default;
        return defaults with
        {
            AnalyzerName = Analyzer,
            ReadOnly = ReadOnly,
            RamBufferMB = RamBufferMB ?? defaults.RamBufferMB,
            IndexingThreads = IndexingThreads ?? defaults.IndexingThreads,
            LoggerFactory = loggerFactory,
        };
    }

    /// <summary>The watcher options these settings describe.</summary>
    public FolderWatcherOptions ToWatcherOptions()
    {
        var defaults = FolderWatcherOptions.Default;
        return defaults with
        {
            Debounce = Debounce ?? defaults.Debounce,
            MaxDelay = MaxDelay ?? (Debounce is { } d && d > defaults.MaxDelay ? d : defaults.MaxDelay),
            RescanInterval = RescanInterval ?? defaults.RescanInterval,
        };
    }
}
