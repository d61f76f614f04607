using System.Text.Json;
using SearchKit.Benchmarking;

namespace SearchKit.Tests.Benchmarking;

public class BenchmarkingTests
{
    [Fact]
    public void SyntheticCorpus_ShouldBeDeterministicForASeed()
    {
        var a = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 20, Seed = 7 }).Articles().ToList();
        var b = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 20, Seed = 7 }).Articles().ToList();
        var c = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 20, Seed = 8 }).Articles().ToList();

        Assert.Equal(20, a.Count);
        Assert.Equal(a.Select(Flatten), b.Select(Flatten));
        Assert.NotEqual(a.Select(Flatten), c.Select(Flatten));
    }

    [Fact]
    public void SyntheticCorpus_ShouldHaveNewsLikeShapeAndZipfFrequencies()
    {
        var corpus = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 300 });
        var articles = corpus.Articles().ToList();

        Assert.All(articles, a =>
        {
            Assert.InRange(a.Title.Split(' ').Length, 4, 12);
            Assert.InRange(a.Paragraphs.Count, 3, 20);
            Assert.False(string.IsNullOrWhiteSpace(a.Lead), "every synthetic article has a lead, as news articles do");
            Assert.NotNull(a.Metadata.Category);
            Assert.NotNull(a.Metadata.Published);
            Assert.InRange(a.Metadata.Tags.Count, 1, 3);
            Assert.Equal(a.Metadata.Tags.Count, a.Metadata.Tags.Distinct().Count());
        });
        Assert.Contains(articles, a => a.Headings.Count > 0);

        // Tags are skewed as on a news site: the commonest is on many articles, the rarest on few.
        var tagCounts = articles.SelectMany(a => a.Metadata.Tags).GroupBy(t => t).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(tagCounts.Count >= 15 && tagCounts[0] > 4 * tagCounts[^1], string.Join(",", tagCounts));

        // Zipf: the most frequent word is far more common than the hundredth.
        var counts = articles.SelectMany(a => a.Paragraphs).SelectMany(p => p.Text.ToLowerInvariant().Split(' ', ',', '.'))
            .Where(w => w.Length > 0).GroupBy(w => w).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(counts[0] > 20 * counts[99], $"top {counts[0]} vs 100th {counts[99]}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(null, 3)]
    public void IndexBenchmark_ShouldMergeEachRunUnlessAskedNotTo(int? mergeTo, int segments)
    {
        // One thread and a commit every 20 of 60 articles: three segments, which only the merge brings to one.
        var corpus = BenchmarkCorpus.Synthetic(new SyntheticCorpusOptions { Articles = 60 });
        var options = new IndexBenchmarkOptions { Threads = [1], Directories = [null], Runs = 1, WarmupRuns = 0, CommitEveryArticles = 20, MergeAfterBulkRun = mergeTo };

        var row = Assert.Single(IndexBenchmark.Run(corpus, options).Rows);

        Assert.Equal(segments, row.Segments);
    }

    [Fact]
    public void IndexBenchmark_ShouldReportOneRowPerCombinationWithConsistentCounts()
    {
        var corpus = BenchmarkCorpus.Synthetic(new SyntheticCorpusOptions { Articles = 60 });
        var options = new IndexBenchmarkOptions { Threads = [1, 2], Directories = [null, DirectoryKind.Nio], Runs = 2, WarmupRuns = 0 };

        var result = IndexBenchmark.Run(corpus, options);

        Assert.Equal(4, result.Rows.Count);
        Assert.All(result.Rows, row =>
        {
            Assert.Equal(2, row.Runs.Count);
            Assert.All(row.Runs, r => Assert.Equal(60, r.Articles));
            Assert.True(row.ArticlesPerSecond.Min <= row.ArticlesPerSecond.Median && row.ArticlesPerSecond.Median <= row.ArticlesPerSecond.Max);
            Assert.True(row.IndexSizeBytes > 0);
            Assert.True(row.PeakProcessBytes > 0);
            Assert.True(row.PeakPrivateBytes > 0);
        });
        var csv = result.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("corpus,threads,", csv[0], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.ToJson());
        Assert.Equal(4, json.RootElement.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void QueryBenchmark_ShouldMeasureEveryQueryAndReportHitCounts()
    {
        var synthetic = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 200 });
        using var index = SearchIndex.CreateInMemory();
        index.Add(synthetic.Articles());
        var queries = synthetic.SampleQueries(1);
        var options = new QueryBenchmarkOptions { Duration = TimeSpan.FromMilliseconds(300), Warmup = TimeSpan.FromMilliseconds(50), Concurrency = 2 };

        var result = QueryBenchmark.Run(index, queries, options);

        Assert.Equal([1, 2], result.Phases.Select(p => p.Concurrency));
        Assert.Equal(200, result.Articles);
        Assert.All(result.Phases, p =>
        {
            Assert.True(p.Queries > 0);
            Assert.True(p.P50Ms <= p.P95Ms && p.P95Ms <= p.P99Ms && p.P99Ms <= p.MaxMs);
            Assert.Equal(queries, p.PerQuery.Select(q => q.Query));
        });
        Assert.Contains(result.Phases[0].PerQuery, q => q.Hits > 0);
        Assert.Contains("summary,2,", result.ToCsv(), StringComparison.Ordinal);
    }

    [Fact]
    public void QueryBenchmark_ShouldNameTheMalformedQuery()
    {
        using var index = SearchIndex.CreateInMemory();
        index.Add(new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 5 }).Articles());

        var e = Assert.Throws<SearchKitQueryException>(() => QueryBenchmark.Run(index, ["fine", "(broken"], new QueryBenchmarkOptions { Duration = TimeSpan.FromMilliseconds(10) }));

        Assert.StartsWith("query 2:", e.Message, StringComparison.Ordinal);
    }

    private static string Flatten(SearchKit.Articles.Article a) => a.Id + "|" + a.Title + "|" + a.Lead + "|" + string.Join("|", a.Paragraphs.Select(p => p.Heading + ":" + p.Text));
}
