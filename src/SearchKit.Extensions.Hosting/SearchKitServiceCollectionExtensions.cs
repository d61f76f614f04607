using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchKit.Extensions.Hosting;

// In the DI namespace by convention, so that AddSearchKit shows up wherever services are configured.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers SearchKit in a service collection.</summary>
public static class SearchKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the application's index: a singleton <see cref="SearchKit.ISearchBackend"/> (an Elasticsearch index when
    /// <see cref="SearchKitOptions.Elasticsearch"/> names a cluster, else the embedded index), a singleton <see cref="SearchKit.SearchIndex"/> at
    /// <see cref="SearchKitOptions.IndexPath"/> (opened on first use, shared through a singleton
    /// <see cref="SearchIndexProvider"/> so one folder has one index, disposed by the container), logging to the
    /// application's <see cref="ILoggerFactory"/>, and a <see cref="FolderIndexingService"/> that keeps it in
    /// step with <see cref="SearchKitOptions.WatchFolder"/> when one is set. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddSearchKit(this IServiceCollection services, Action<SearchKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services).Configure(configure);
        return services;
    }

    /// <summary>
    /// As <see cref="AddSearchKit(IServiceCollection, Action{SearchKitOptions})"/>, with the options bound from
    /// the <paramref name="sectionName"/> section of <paramref name="configuration"/>
    /// (<c>"SearchKit": { "IndexPath": …, "Analyzer": …, "WatchFolder": … }</c>); <paramref name="configure"/>
    /// may adjust them after binding.
    /// </summary>
    public static IServiceCollection AddSearchKit(this IServiceCollection services, IConfiguration configuration, string sectionName = SearchKitOptions.SectionName, Action<SearchKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = AddCore(services).Bind(configuration.GetSection(sectionName));
        if (configure is not null)
        {
            builder.PostConfigure(configure);
        }

        return services;
    }

    private static OptionsBuilder<SearchKitOptions> AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SearchIndexProvider(sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SearchKitOptions>>().Value;
            return sp.GetRequiredService<SearchIndexProvider>().GetOrOpen(options.IndexPath!, options.ToIndexOptions(sp.GetService<ILoggerFactory>()));
        });
        // The application's backend: the cluster when one is configured, else the embedded index (switch by configuration).
        services.TryAddSingleton<SearchKit.ISearchBackend>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SearchKitOptions>>().Value;
            return options.Elasticsearch.IsSet ? options.Elasticsearch.Open() : sp.GetRequiredService<SearchKit.SearchIndex>();
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FolderIndexingService>(sp =>
            new FolderIndexingService(sp.GetRequiredService<SearchKit.SearchIndex>, sp.GetRequiredService<IOptions<SearchKitOptions>>(), sp.GetService<ILoggerFactory>())));
        return services.AddOptions<SearchKitOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.IndexPath) || o.Elasticsearch.IsSet, "SearchKit:IndexPath is required (the folder of the index), or SearchKit:Elasticsearch:Url (a cluster)")
            .Validate(o => !o.Elasticsearch.IsSet || Uri.TryCreate(o.Elasticsearch.Url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps), "SearchKit:Elasticsearch:Url is not an http:// or https:// URL")
            .Validate(o => string.IsNullOrWhiteSpace(o.WatchFolder) || !o.Elasticsearch.IsSet || !string.IsNullOrWhiteSpace(o.IndexPath), "SearchKit:WatchFolder keeps the local index (SearchKit:IndexPath) in step; with only a cluster configured there is none to keep")
            .Validate(o => o.Analyzer is null || SearchKit.Analysis.AnalyzerCatalog.IsKnown(o.Analyzer), $"SearchKit:Analyzer is not a known analyzer (known: {string.Join(", ", SearchKit.Analysis.AnalyzerCatalog.Names)})")
            .Validate(o => string.IsNullOrWhiteSpace(o.WatchFolder) || !o.ReadOnly, "SearchKit:WatchFolder needs a writable index (ReadOnly is true)")
            .ValidateOnStart();
    }
}
