using System.Diagnostics;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

public sealed class FolderWatcherTests
{
    /// <summary>Short timings so a test sees a batch quickly; the rescan is off so that only the events can drive it.</summary>
    private static readonly FolderWatcherOptions Fast = new()
    {
        Debounce = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        RescanInterval = Timeout.InfiniteTimeSpan,
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_ShouldPickUpNewChangedRenamedAndDeletedFiles()
    {
        using var folder = new TempFolder();
        folder.Write("first.txt", "First article\n\nAbout quokkas on an island.\n");
        using var index = SearchIndex.CreateInMemory();
        using var watcher = new FolderWatcher(index, folder.Path, Fast);
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(cancellation: stop.Token);

        await Eventually(() => index.Search("quokkas").Total == 1, "the initial sync");

        folder.Write("sub/second.txt", "Second article\n\nNarwhals surface near the ice.\n");
        await Eventually(() => index.Search("narwhals").Hits.SingleOrDefault()?.Id == "sub/second", "a new file in a new subfolder");

        File.WriteAllText(folder.Combine("first.txt"), "First article\n\nAbout wombats now.\n");
        await Eventually(() => index.Search("wombats").Total == 1 && index.Search("quokkas").Total == 0, "a changed file");

        File.Move(folder.Combine("first.txt"), folder.Combine("renamed.txt"));
        await Eventually(() => index.Get("renamed") is not null && index.Get("first") is null, "a renamed file");
        Assert.Equal("renamed", Assert.Single(index.Search("wombats").Hits).Id);

        File.Delete(folder.Combine("sub/second.txt"));
        await Eventually(() => index.Search("narwhals").Total == 0, "a deleted file");

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        Assert.True(watcher.Syncs >= 5, $"expected a sync per step, saw {watcher.Syncs}");
    }

    [Fact]
    public async Task RunAsync_ShouldIndexABurstOfTwoThousandFilesWithoutLosingAny()
    {
        using var folder = new TempFolder();
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { IndexingThreads = 2 });
        using var watcher = new FolderWatcher(index, folder.Path, Fast);
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(cancellation: stop.Token);
        await Eventually(() => watcher.Syncs >= 1, "the initial sync");

        const int count = 2000;
        for (int i = 0; i < count; i++)
        {
            folder.Write($"burst/{i % 20:00}/a{i:0000}.txt", $"Burst article {i}\n\nEvery burst file mentions pelicans and token w{i:0000}x.\n");
        }

        await Eventually(() => index.Search("pelicans").Total == count, $"all {count} files");

        // Then delete half of them at once: the same burst handling removes exactly those.
        for (int i = 0; i < count; i += 2)
        {
            File.Delete(folder.Combine($"burst/{i % 20:00}/a{i:0000}.txt"));
        }

        await Eventually(() => index.Search("pelicans").Total == count / 2, "half of them deleted");
        Assert.Equal(0, index.Search("w0000x").Total);
        Assert.Equal(1, index.Search("w1999x").Total);
        Assert.Empty(watcher.LastReport!.Failures);

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
    }

    [Fact]
    public async Task RunAsync_ShouldRescanPeriodicallyAsASafetyNet()
    {
        using var folder = new TempFolder();
        folder.Write("kept.txt", "Kept article\n\nAbout puffins on the cliffs.\n");
        using var index = SearchIndex.CreateInMemory();
        using var watcher = new FolderWatcher(index, folder.Path, Fast with { RescanInterval = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource();
        var running = watcher.RunAsync(cancellation: stop.Token);
        await Eventually(() => index.Search("puffins").Total == 1, "the initial sync");

        // A change no file event reports: the index lost the file's article behind the watcher's back (another
        // writer, a repair that dropped a segment). The folder is untouched, so only a rescan can bring it back.
        long syncs = watcher.Syncs;
        index.Delete("kept");
        index.Commit();
        Assert.Equal(0, index.Search("puffins").Total);

        await Eventually(() => index.Search("puffins").Total == 1, "the rescan putting the lost article back");
        Assert.True(watcher.Syncs > syncs);

        await stop.CancelAsync();
        await running.WaitAsync(Patience);
    }

    [Fact]
    public async Task Dispose_ShouldEndTheWatchNormally()
    {
        using var folder = new TempFolder();
        using var index = SearchIndex.CreateInMemory();
        var watcher = new FolderWatcher(index, folder.Path, Fast);
        var running = watcher.RunAsync();
        await Eventually(() => watcher.Syncs >= 1, "the initial sync");

        watcher.Dispose();

        await running.WaitAsync(Patience);
        Assert.True(running.IsCompletedSuccessfully);
    }

    [PosixFact] // a Unix path in the message
    public void Constructor_ShouldRejectAMissingFolder()
    {
        using var index = SearchIndex.CreateInMemory();
        var e = Assert.Throws<DirectoryNotFoundException>(() => new FolderWatcher(index, "/no/such/folder/here"));
        Assert.Contains("/no/such/folder/here", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_WithoutRunning_ShouldIndexTheFolderOnce()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "Alpha\n\nOne paragraph on otters.\n");
        using var index = SearchIndex.CreateInMemory();
        using var watcher = new FolderWatcher(index, folder.Path);

        var report = await watcher.SyncAsync();

        Assert.Equal(1, report.Added);
        Assert.Equal(1, index.Search("otters").Total);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"timed out after {Patience.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
