using System.Globalization;
using SearchKit;
using SearchKit.Articles;
using SearchKit.Evaluation;
using SearchKit.Indexing;

// Usage: dotnet run -c Release --project benchmarks/SearchKit.Eval -- DATA_DIR [CONFIG ...]
// DATA_DIR holds a BEIR collection: corpus.jsonl, queries.jsonl, qrels/test.tsv.
// CONFIG names a ranking choice from RankingChoices.All (all of them when none is given).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SearchKit.Eval DATA_DIR [CONFIG ...]; configs: " + string.Join(", ", RankingChoices.All.Keys));
    return 2;
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
            var report = index.IndexFiles([Path.Combine(data, "corpus.jsonl")], new IndexingOptions { Format = ArticleFormat.Beir });
            Console.WriteLine($"indexed {index.GetStats().Articles} articles; {queries.Count} queries, {qrels.Count} judged");
        }

        Console.WriteLine($"{"config",-24} {"ndcg@10",8} {"map",8} {"mrr@10",8} {"p@10",8} {"r@100",8} {"r@1000",8} {"ms/q",8}");
        foreach (var name in names)
        {
            using var index = SearchIndex.Open(folder.FullName, new SearchIndexOptions { ReadOnly = true, Ranking = RankingChoices.All[name] });
            var result = Evaluator.Evaluate(index, queries, qrels);
            var m = result.Metrics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-24} {m.Ndcg10,8:0.0000} {m.Map,8:0.0000} {m.Mrr10,8:0.0000} {m.P10,8:0.0000} {m.Recall100,8:0.0000} {m.Recall1000,8:0.0000} {result.Took.TotalMilliseconds / Math.Max(1, result.Queries),8:0.0}"));
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
