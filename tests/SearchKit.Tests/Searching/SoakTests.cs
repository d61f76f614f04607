using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Tests.Searching;

/// <summary>
/// One writer adds, replaces and deletes while several threads search, for a bounded time. A few seconds in
/// the normal suite; set <c>SEARCHKIT_SOAK_SECONDS</c> (e.g. 600) for a long manual run.
/// </summary>
public class SoakTests
{
    private const int IdPool = 400;

    [Fact]
    public void WriterAndSearchers_ShouldSeeConsistentSnapshotsAndEndWithExactCounts()
    {
        var duration = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("SEARCHKIT_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 3);
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { RamBufferMB = 1 });
        var model = new Dictionary<string, int>(StringComparer.Ordinal);
        var everDeleted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        long searches = 0, hitsChecked = 0, writes = 0;

        void Writer()
        {
            var random = new Random(5);
            var clock = Stopwatch.StartNew();
            int version = 0;
            while (clock.Elapsed < duration)
            {
                var id = "s" + random.Next(IdPool).ToString(CultureInfo.InvariantCulture);
                if (random.Next(4) == 0)
                {
                    everDeleted[id] = 0;
                    index.Delete(id);
                    model.Remove(id);
                }
                else
                {
                    version++;
                    index.Upsert(Article.Create(id, $"Soak {id} v{version}", null, [$"common text {version}", $"more common words for {id}"]));
                    model[id] = version;
                }

                writes++;
                if (random.Next(20) == 0)
                {
                    index.Commit();
                }

                if (random.Next(500) == 0)
                {
                    index.Optimize(3);
                }
            }

            index.Commit();
            stop.Cancel();
        }

        void Searcher(int seed)
        {
            var random = new Random(seed);
            string[] queries = ["common", "common AND text", "words", "soak", "\"common words\"", "s1*"];
            while (!stop.IsCancellationRequested)
            {
                var results = index.Search(queries[random.Next(queries.Length)], new SearchOptions { Top = 20, Passages = random.Next(3) == 0 });
                Interlocked.Increment(ref searches);
                foreach (var hit in results.Hits)
                {
                    // The hit was read from one snapshot: its stored article is whole.
                    Assert.StartsWith("Soak " + hit.Id + " v", hit.Title, StringComparison.Ordinal);
                    Assert.All(hit.Paragraphs, p => Assert.Contains("common", p.Text, StringComparison.Ordinal));

                    // A later snapshot may no longer hold it, but only if it was deleted meanwhile.
                    var article = index.Get(hit.Id);
                    Assert.True(article is not null || everDeleted.ContainsKey(hit.Id), $"{hit.Id} was found but cannot be read");
                    Interlocked.Increment(ref hitsChecked);
                }
            }
        }

        void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
                stop.Cancel();
            }
        }

        var threads = new[] { new Thread(() => Guard(Writer)) }
            .Concat(Enumerable.Range(1, 3).Select(i => new Thread(() => Guard(() => Searcher(i)))))
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(errors);
        Assert.True(searches > 0 && writes > 0, $"{searches} searches, {writes} writes");
        Assert.Equal(model.Count, index.GetStats().Articles);
        for (int i = 0; i < IdPool; i++)
        {
            var id = "s" + i.ToString(CultureInfo.InvariantCulture);
            var article = index.Get(id);
            if (model.TryGetValue(id, out var version))
            {
                Assert.Equal($"Soak {id} v{version}", article?.Title);
            }
            else
            {
                Assert.Null(article);
            }
        }
    }
}
