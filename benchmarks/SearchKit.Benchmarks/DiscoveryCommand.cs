using System.Diagnostics;
using System.Globalization;
using SearchKit.Benchmarking;
using SearchKit.Searching;

namespace SearchKit.Benchmarks;

/// <summary>
/// <c>discovery INDEXDIR [CORPUS]</c>: completions, did-you-mean and related articles on one index (built first
/// when INDEXDIR has none: from CORPUS, else from 100,000 synthetic articles). Prints the table build time,
/// <c>Complete</c> latency percentiles, what a suggestion adds to a search that finds nothing, and, when ids
/// start with a category (<c>sport/123</c>, as a folder corpus gives), how often related articles share it, for
/// each related method.
/// </summary>
public static class DiscoveryCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string ix = args[0];
        if (!Directory.Exists(ix) || Directory.GetFiles(ix).Length == 0)
        {
            using var build = SearchIndex.Open(ix);
            var report = args.Length > 1
                ? build.IndexFiles([args[1]])
                : build.Add(new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 100_000 }).Articles());
            output.WriteLine($"indexed {report.Added} articles");
        }

        using var index = SearchIndex.Open(ix, new SearchIndexOptions { ReadOnly = true });
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        index.Complete("a");
        output.WriteLine($"completion table: first call {clock.Elapsed.TotalMilliseconds:0} ms");

        // Prefixes of 1 to 5 letters of words from hits' titles: what a search box sends while a word is typed.
        var titles = index.Search("*:*", new SearchOptions { Top = 2000, Paragraphs = false, SuggestBelow = 0 }).Hits.Select(h => h.Title).ToList();
        var words = titles.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length >= 4 && w.All(char.IsLetter)).Distinct().ToList();
        var prefixes = Enumerable.Range(0, 5000).Select(_ => { var w = words[random.Next(words.Count)]; return w[..random.Next(1, Math.Min(6, w.Length + 1))]; }).ToList();
        foreach (var p in prefixes.Take(500))
        {
            index.Complete(p);
        }

        var complete = new List<double>();
        for (int round = 0; round < 4; round++)
        {
            foreach (var p in prefixes)
            {
                long start = Stopwatch.GetTimestamp();
                index.Complete(p);
                complete.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        output.WriteLine($"Complete: {complete.Count} calls, p50 {Pct(complete, 50):0.000} ms, p99 {Pct(complete, 99):0.000} ms, max {complete.Max():0.000} ms");

        // Misspelled title words (one letter dropped, doubled or two swapped), searched with and without suggestions, interleaved.
        var typos = words.Where(w => w.Length >= 5).Take(400).Select(w => Typo(w.ToLowerInvariant(), random)).ToList();
        var with = new List<double>();
        var without = new List<double>();
        int made = 0;
        int right = 0;
        var off = new SearchOptions { SuggestBelow = 0 };
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < typos.Count; i++)
            {
                var (typo, word) = typos[i];
                var plain = index.Search(typo, off);
                var suggested = index.Search(typo);
                if (plain.Total >= 3)
                {
                    continue;
                }

                if (round > 0 && suggested.Suggestion is { } s)
                {
                    made++;
                    right += s.Query.Equals(word, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                    with.Add(suggested.Took.TotalMilliseconds);
                    without.Add(plain.Took.TotalMilliseconds);
                }
            }
        }

        if (made > 0)
        {
            output.WriteLine($"Did you mean: {made / 2} suggestions for {typos.Count} misspelled words ({100.0 * right / made:0}% the original word); search p50 {Pct(without, 50):0.00} ms without, {Pct(with, 50):0.00} ms with (adds {Pct(with, 50) - Pct(without, 50):0.00} ms), p99 {Pct(with, 99):0.00} ms");
        }

        var ids = index.Search("*:*", new SearchOptions { Top = 100_000, Paragraphs = false, SuggestBelow = 0 }).Hits.Select(h => h.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).ToList();
        var categories = ids.Select(Category).Distinct().Count();
        if (categories < 2 || categories > 50)
        {
            return 0;
        }

        var sample = ids.OrderBy(_ => random.Next()).Take(500).ToList();
        foreach (var method in Enum.GetValues<RelatedMethod>())
        {
            index.RelatedMethod = method;
            double at5 = 0, at10 = 0;
            var took = new List<double>();
            foreach (var id in sample)
            {
                var related = index.Related(id, new SearchOptions { Top = 10 });
                took.Add(related.Took.TotalMilliseconds);
                at5 += related.Hits.Take(5).Count(h => Category(h.Id) == Category(id)) / 5.0;
                at10 += related.Hits.Count(h => Category(h.Id) == Category(id)) / 10.0;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Related ({method}): same category P@5 {at5 / sample.Count:0.000}, P@10 {at10 / sample.Count:0.000} over {sample.Count} articles; p50 {Pct(took, 50):0.0} ms, p99 {Pct(took, 99):0.0} ms"));
        }

        return 0;
    }

    private static string Category(string id) => id[..id.IndexOf('/', StringComparison.Ordinal)];

    private static (string Typo, string Word) Typo(string word, Random random)
    {
        int i = random.Next(1, word.Length - 1);
        return random.Next(3) switch
        {
            0 => (word.Remove(i, 1), word),
            1 => (word.Insert(i, word[i].ToString()), word),
            _ => (string.Concat(word.AsSpan(0, i), word[i + 1].ToString(), word[i].ToString(), word.AsSpan(i + 2)), word),
        };
    }

    private static double Pct(List<double> values, double pct)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(pct / 100 * sorted.Count) - 1)];
    }
}
