using System.Diagnostics;
using System.Globalization;
using SearchKit.Benchmarking;
using SearchKit.Searching;

namespace SearchKit.Benchmarks;

/// <summary>
/// <c>metadata INDEXDIR [ROUNDS]</c>: filters, facets, sorting and deep paging on one index (built first from 100,000
/// synthetic articles when INDEXDIR has none), every comparison interleaved in one process: each round runs every
/// query once in each variant, in a shuffled order, and the first round is a warm-up (JIT, filter cache). Prints the
/// p50 and mean of each variant and the ratios the issue sets targets for.
/// </summary>
public static class MetadataCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string ix = args[0];
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
        var corpus = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 100_000 });
        if (!Directory.Exists(ix) || Directory.GetFiles(ix).Length == 0)
        {
            using var build = SearchIndex.Open(ix);
            var clock = Stopwatch.StartNew();
            var report = build.Add(corpus.Articles());
            output.WriteLine($"indexed {report.Added} articles in {clock.Elapsed.TotalSeconds:0} s");
        }

        using var index = SearchIndex.Open(ix, new SearchIndexOptions { ReadOnly = true });
        long articles = index.Search(string.Empty, new SearchOptions { Filters = [SearchFilter.Exists("published")], Top = 0 }).Total;
        var queries = corpus.SampleQueries(4);
        output.WriteLine($"{articles} articles, {queries.Count} sample queries, {rounds} rounds (the first a warm-up)");

        // A word in about half of the articles, for facets and deep paging.
        var half = corpus.Vocabulary.Take(400)
            .Select(w => (Word: w, Total: index.Search(w, new SearchOptions { Top = 0, SuggestBelow = 0 }).Total))
            .MinBy(t => Math.Abs(t.Total - (articles / 2)));
        output.WriteLine($"half query: '{half.Word}' matches {half.Total} articles ({100.0 * half.Total / articles:0} %)");

        var plain = new SearchOptions { SuggestBelow = 0 };
        var sport = SearchFilter.Parse("category=sport");
        var three = new[] { FacetRequest.Parse("category"), FacetRequest.Parse("tags"), FacetRequest.Parse("published:month") };

        // The cursor at depth 10,000 of the half query, by relevance, walked once.
        string? cursor = null;
        for (int page = 0; page < 10; page++)
        {
            cursor = index.Search(half.Word, plain with { Top = 1000, Paragraphs = false, After = cursor }).NextCursor;
        }

        var variants = new (string Name, IReadOnlyList<string> Queries, SearchOptions Options, bool ScoreDocs)[]
        {
            ("sample: relevance", queries, plain, false),
            ("sample: filter category=sport", queries, plain with { Filters = [sport] }, false),
            ("sample: filters tags=economy,music + published>=2022", queries, plain with { Filters = [SearchFilter.Parse("tags=economy,music"), SearchFilter.Parse("published>=2022")] }, false),
            ("sample: filter wordcount=100..300", queries, plain with { Filters = [SearchFilter.Parse("wordcount=100..300")] }, false),
            ("sample: sort newest", queries, plain with { Sort = SearchSort.Parse("newest") }, false),
            ("sample: sort wordcount", queries, plain with { Sort = SearchSort.Parse("wordcount") }, false),
            ("sample: relevance, no paragraphs (score+id order)", queries, plain with { Paragraphs = false }, false),
            ("sample: relevance, no paragraphs (plain score collector)", queries, plain with { Paragraphs = false }, true),
            ("half: relevance", [half.Word], plain, false),
            ("half: 3 facets (category, tags, published:month)", [half.Word], plain with { Facets = three }, false),
            ("half: 3 facets + category=sport (multi-select, 2 passes)", [half.Word], plain with { Facets = three, Filters = [sport] }, false),
            ("half: facet wordcount:0..100,100..200,200..400,400..", [half.Word], plain with { Facets = [FacetRequest.Parse("wordcount:0..100,100..200,200..400,400..")] }, false),
            ("half: no paragraphs", [half.Word], plain with { Paragraphs = false }, false),
            ("half: no paragraphs + 3 facets", [half.Word], plain with { Paragraphs = false, Facets = three }, false),
            ("half: first page", [half.Word], plain, false),
            ("half: page at depth 10,000 by cursor", [half.Word], plain with { After = cursor }, false),
            ("half: page at depth 10,000 by skip", [half.Word], plain with { Skip = 10_000 }, false),
            ("browse category=sport + 3 facets", [string.Empty], plain with { Filters = [sport], Facets = three }, false),
        };

        var times = variants.Select(_ => new List<double>()).ToArray();
        var random = new Random(11);
        for (int round = 0; round < rounds; round++)
        {
            // Each variant runs a fixed number of searches a round, so the single-query ones are measured as often as the sample.
            int repeat = queries.Count;
            var order = Enumerable.Range(0, variants.Length).OrderBy(_ => random.Next()).ToArray();
            for (int r = 0; r < repeat; r++)
            {
                foreach (int v in order)
                {
                    var (_, qs, options, scoreDocs) = variants[v];
                    index.RelevanceByScoreDocs = scoreDocs;
                    string q = qs[r % qs.Count];
                    long start = Stopwatch.GetTimestamp();
                    index.Search(q, options);
                    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (round > 0)
                    {
                        times[v].Add(ms);
                    }
                }
            }
        }

        index.RelevanceByScoreDocs = false;
        for (int v = 0; v < variants.Length; v++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[v].Name,-62} p50 {Pct(times[v], 50),7:0.00} ms  mean {times[v].Average(),7:0.00} ms  p99 {Pct(times[v], 99),7:0.00} ms  (n={times[v].Count})"));
        }

        double P50(int v) => Pct(times[v], 50);
        double Mean(int v) => times[v].Average();
        void Ratio(string what, int a, int b) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-62} p50 {P50(a) / P50(b):0.00} x  mean {Mean(a) / Mean(b):0.00} x"));
        output.WriteLine();
        Ratio("filtered (category=sport) / unfiltered", 1, 0);
        Ratio("filtered (tags any of 2 + date range) / unfiltered", 2, 0);
        Ratio("filtered (wordcount range) / unfiltered", 3, 0);
        Ratio("sort newest / relevance", 4, 0);
        Ratio("sort wordcount / relevance", 5, 0);
        Ratio("relevance score+id order / plain score collector", 6, 7);
        Ratio("3 facets / none (half query)", 9, 8);
        Ratio("depth 10,000 by cursor / first page", 15, 14);
        Ratio("depth 10,000 by skip / first page", 16, 14);
        return 0;
    }

    private static double Pct(List<double> values, double pct)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(pct / 100 * sorted.Count) - 1)];
    }
}
