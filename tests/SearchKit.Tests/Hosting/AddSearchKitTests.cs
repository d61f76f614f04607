using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchKit.Extensions.Hosting;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Hosting;

public sealed class AddSearchKitTests
{
    [Fact]
    public void AddSearchKit_ShouldShareOneIndexPerPathAndDisposeItWithTheContainer()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection().AddSearchKit(o => o.IndexPath = folder.Combine("index"));
        SearchIndex index;
        using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }))
        {
            index = provider.GetRequiredService<SearchIndex>();
            Assert.Same(index, provider.GetRequiredService<SearchIndex>());
            Assert.Same(index, provider.GetRequiredService<SearchIndexProvider>().GetOrOpen(folder.Combine("index") + "/"));
            Assert.Same(index, provider.GetRequiredService<SearchIndexProvider>().GetOrOpen(folder.Combine("./index")));

            index.Upsert(TestArticles.Harbour);
            index.Commit();
        }

        Assert.Throws<ObjectDisposedException>(() => index.Search("harbour"));

        // Disposed by the container means the write lock is free again.
        using var reopened = SearchIndex.Open(folder.Combine("index"));
        reopened.Upsert(TestArticles.Orchard);
        reopened.Commit();
        Assert.Equal(2, reopened.GetStats().Articles);
    }

    [Fact]
    public void AddSearchKit_ShouldBindOptionsFromConfiguration()
    {
        using var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SearchKit:IndexPath"] = folder.Combine("index"),
            ["SearchKit:Analyzer"] = "standard",
            ["SearchKit:RamBufferMB"] = "16",
            ["SearchKit:Debounce"] = "00:00:00.250",
        }).Build();
        using var provider = new ServiceCollection().AddSearchKit(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SearchKitOptions>>().Value;
        Assert.Equal(folder.Combine("index"), options.IndexPath);
        Assert.Equal(16, options.RamBufferMB);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ToWatcherOptions().Debounce);
        var index = provider.GetRequiredService<SearchIndex>();
        Assert.Equal("standard", index.AnalyzerName);
    }

    [Fact]
    public async Task Host_WithoutIndexPath_ShouldFailToStartWithAClearMessage()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSearchKit(builder.Configuration);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("SearchKit:IndexPath is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_WithWatchFolder_ShouldKeepTheIndexInStepAndLogThroughTheApplication()
    {
        using var folder = new TempFolder();
        folder.Write("articles/first.txt", "First\n\nA paragraph about kestrels.\n");
        var logs = new ListLoggerFactory();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SearchKit:IndexPath"] = folder.Combine("index"),
            ["SearchKit:WatchFolder"] = folder.Combine("articles"),
            ["SearchKit:Debounce"] = "00:00:00.100",
        });
        builder.Services.AddSingleton<ILoggerFactory>(logs);
        builder.Services.AddSearchKit(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var index = host.Services.GetRequiredService<SearchIndex>();

        await Eventually(() => index.Search("kestrels").Total == 1);
        folder.Write("articles/second.txt", "Second\n\nA paragraph about ospreys.\n");
        await Eventually(() => index.Search("ospreys").Total == 1);

        await host.StopAsync();
        Assert.Contains(logs.Entries, e => e.Category == "SearchKit.Indexing.FolderWatcher" && e.Message.StartsWith("Watching", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "SearchKit.SearchIndex" && e.Message.Contains("1 added", StringComparison.Ordinal));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for the index to catch up");
            await Task.Delay(50);
        }
    }
}
