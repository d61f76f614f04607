using System.Globalization;
using SearchKit;
using SearchKit.Articles;
using SearchKit.Evaluation;
using SearchKit.Indexing;

// Usage: dotnet run -c Release --project benchmarks/SearchKit.Eval -- DATA_DIR [CONFIG ...] [--runs DIR]
// DATA_DIR holds a BEIR collection: corpus.jsonl, queries.jsonl, qrels/test.tsv.
// CONFIG names a ranking choice from RankingChoices.All (all of them when none is given). Each config after the
// first is compared with the first by a paired two-sided randomization test on per-query nDCG@10 and AP.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SearchKit.Eval DATA_DIR [CONFIG ...]; configs: " + string.Join(", ", RankingChoices.All.Keys));
    return 2;
}

// --runs DIR writes each config's TREC run file (CONFIG.run) there, for checking with trec_eval.
string? runsFolder = null;
int runsAt = Array.IndexOf(args, "--runs");
if (runsAt >= 0 && runsAt + 1 < args.Length)
{
    runsFolder = args[runsAt + 1];
    args = [.. args[..runsAt], .. args[(runsAt + 2)..]];
}

var data = args[0];
var names = args.Length > 1 ? args[1..] : [.. RankingChoices.All.Keys];
foreach (var name in names.Where(n => !RankingChoices.All.ContainsKey(n)))
{
    Console.Error.WriteLine($"unknown config '{name}'; configs: {string.Join(", ", RankingChoices.All.Keys)}");
    return 2;
}

try
{
    var queries = QueryFile.Read(Path.Combine(data, "queries.jsonl"));
    var qrels = Qrels.Read(Path.Combine(data, "qrels", "test.tsv"));
    var folder = Directory.CreateTempSubdirectory("searchkit-eval-");
    try
    {
        using (var index = SearchIndex.Open(folder.FullName))
        {
            index.IndexFiles([Path.Combine(data, "corpus.jsonl")], new IndexingOptions { Format = ArticleFormat.Beir });
            Console.WriteLine($"indexed {index.GetStats().Articles} articles; {queries.Count} queries, {qrels.Count} judged");
        }

        Console.WriteLine($"| {"config",-22} | {"nDCG@10",7} | {"MAP",6} | {"MRR@10",6} | {"P@10",6} | {"R@100",6} | {"R@1000",6} | {"p nDCG",6} | {"p MAP",6} | {"ms/q",5} |");
        EvaluationReport? first = null;
        foreach (var name in names)
        {
            using var index = SearchIndex.Open(folder.FullName, new SearchIndexOptions { ReadOnly = true, Ranking = RankingChoices.All[name] });

            // One untimed pass warms the JIT and the index caches so that ms/q compares configs fairly.
            Evaluator.Run(index, queries.Take(5));
            var result = Evaluator.Evaluate(index, queries, qrels);
            first ??= result;
            if (runsFolder is not null)
            {
                Directory.CreateDirectory(runsFolder);
                using var run = File.CreateText(Path.Combine(runsFolder, name.Replace('/', '_') + ".run"));
                TrecRunWriter.Write(run, result.Runs, name.Replace('/', '_'));
            }

            var m = result.Metrics;
            var pNdcg = ReferenceEquals(first, result) ? "-" : Significance.PairedRandomization(first, result, q => q.Ndcg10).ToString("0.000", CultureInfo.InvariantCulture);
            var pMap = ReferenceEquals(first, result) ? "-" : Significance.PairedRandomization(first, result, q => q.Map).ToString("0.000", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name,-22} | {m.Ndcg10,7:0.0000} | {m.Map,6:0.0000} | {m.Mrr10,6:0.0000} | {m.P10,6:0.0000} | {m.Recall100,6:0.0000} | {m.Recall1000,6:0.0000} | {pNdcg,6} | {pMap,6} | {result.Took.TotalMilliseconds / Math.Max(1, result.Queries),5:0.0} |"));
        }
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}
catch (SearchKitException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

return 0;
