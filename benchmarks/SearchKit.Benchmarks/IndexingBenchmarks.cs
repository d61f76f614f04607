using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lucene.Net.Store;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Benchmarks;

/// <summary>
/// Indexing: SearchKit against the raw Lucene.Net loop (the baseline: ratio = wrapper cost) and the analysis
/// floor, over the same in-memory articles and into a RAMDirectory so disk noise stays out; plus SearchKit end to
/// end from the files (read, parse, analyse, index, commit). One thread and all cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class IndexingBenchmarks
{
    private List<Article> _articles = [];

    public static IEnumerable<string> CorpusNames => Corpora.Available();

    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    [ParamsSource(nameof(CorpusNames))]
    public string Corpus { get; set; } = Corpora.Synthetic;

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup() => _articles = Corpora.Load(Corpus);

    [Benchmark(Baseline = true, Description = "raw Lucene.Net loop")]
    public void RawLuceneLoop()
    {
        using var directory = new RAMDirectory();
        RawLucene.Index(directory, _articles, Threads);
    }

    [Benchmark(Description = "SearchKit Add")]
    public long SearchKitAdd()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { IndexingThreads = Threads });
        return index.Add(_articles, new IndexingOptions { Threads = Threads }).Indexed;
    }

    [Benchmark(Description = "analysis floor")]
    public long AnalysisFloor() => RawLucene.Analyze(_articles, Threads);

    [Benchmark(Description = "SearchKit end to end from files")]
    public long SearchKitFromFiles()
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { IndexingThreads = Threads });
        if (Corpus == Corpora.Synthetic)
        {
            return index.Add(new Benchmarking.SyntheticCorpus(new Benchmarking.SyntheticCorpusOptions { Articles = 20_000 }).Articles(), new IndexingOptions { Threads = Threads }).Indexed;
        }

        var path = Corpora.PathOf(Corpus)!;
        return path.EndsWith(".gz", StringComparison.Ordinal)
            ? index.Add(Benchmarking.BenchmarkCorpus.ReadJsonLinesGz(path), new IndexingOptions { Threads = Threads }).Indexed
            : index.IndexFiles([path], new IndexingOptions { Threads = Threads }).Indexed;
    }
}
