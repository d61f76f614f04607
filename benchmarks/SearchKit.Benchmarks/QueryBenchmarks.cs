using BenchmarkDotNet.Attributes;
using SearchKit.Benchmarking;
using SearchKit.Searching;

namespace SearchKit.Benchmarks;

/// <summary>
/// Queries over a synthetic index (100,000 articles unless SEARCHKIT_BENCH_ARTICLES says otherwise), built once on
/// disk under the temp folder and reused by later runs. One benchmark operation runs every query of one kind
/// (four of each) for a top-10 page, with paragraph attribution and snippets on and off.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class QueryBenchmarks
{
    private SearchIndex? _index;
    private string[] _queries = [];
    private SearchOptions _options = SearchOptions.Default;

    public static IEnumerable<string> Kinds => ["term", "and", "or", "phrase", "proximity", "fuzzy", "prefix", "field", "passage"];

    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = "term";

    [Params(true, false)]
    public bool Paragraphs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (index, corpus) = QueryIndex.OpenOrBuild(SearchIndexOptions.Default.Directory);
        _index = index;
        var all = corpus.SampleQueries(4);

        // SampleQueries yields groups of eight in a fixed order: term, and, or, phrase, proximity, fuzzy, prefix, field.
        int slot = Kind == "passage" ? 0 : Array.IndexOf(Kinds.ToArray(), Kind);
        _queries = [.. all.Where((_, i) => i % 8 == slot)];
        _options = new SearchOptions { Paragraphs = Paragraphs, Passages = Kind == "passage" };
    }

    [GlobalCleanup]
    public void Cleanup() => _index?.Dispose();

    [Benchmark(OperationsPerInvoke = 4)]
    public long Search()
    {
        long hits = 0;
        foreach (var q in _queries)
        {
            hits += _index!.Search(q, _options).Hits.Count;
        }

        return hits;
    }
}

/// <summary>The shared on-disk synthetic index the query benchmarks and the peers command search.</summary>
public static class QueryIndex
{
    public static int Articles { get; } = int.TryParse(Environment.GetEnvironmentVariable("SEARCHKIT_BENCH_ARTICLES"), out var n) ? n : 100_000;

    public static string Folder => Path.Combine(Path.GetTempPath(), $"searchkit-bench-synthetic-{Articles}");

    /// <summary>Opens the index read-only, building it first when missing. The caller disposes the index.</summary>
    public static (SearchIndex Index, SyntheticCorpus Corpus) OpenOrBuild(DirectoryKind directory)
    {
        var corpus = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = Articles });
        var marker = Folder + ".complete"; // beside the index, not in it: Lucene owns its folder
        if (!File.Exists(marker))
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, true);
            }

            using (var build = SearchIndex.Open(Folder))
            {
                build.Add(corpus.Articles());
                build.Optimize(maxSegments: 4);
            }

            File.WriteAllText(marker, "built\n");
        }

        return (SearchIndex.Open(Folder, new SearchIndexOptions { ReadOnly = true, Directory = directory }), corpus);
    }
}
