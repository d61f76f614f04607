using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SearchKit.Evaluation;
using SearchKit.Semantic;

// Usage:
//   dotnet run -c Release --project benchmarks/SearchKit.Semantic.Bench -- quality DATA_DIR [MODEL] [--onnx FILE] [--max-tokens N] [--per-query FILE]
//   dotnet run -c Release --project benchmarks/SearchKit.Semantic.Bench -- latency INDEX_FOLDER [--articles N] [--build] [--queries N] [--real-queries]
//   dotnet run -c Release --project benchmarks/SearchKit.Semantic.Bench -- speed DATA_DIR [MODEL] [--onnx FILE] [--threads N] [--count N]
//       [--spinning] [--inter-op N] [--opt basic|extended|all] [--batch N]
// DATA_DIR holds a BEIR collection: corpus.jsonl, queries.jsonl, qrels/test.tsv; or, for speed, a folder of .txt
// articles (the BBC news collection: title line, blank line, paragraphs separated by blank lines).
// quality: dense retrieval alone (every document's title + text embedded, exact cosine ranking), nDCG@10 and Recall@100
//          over the judged queries; --per-query FILE writes each query's nDCG@10 (tab-separated) for significance tests.
// consistency: cosine of batched against single vectors, and against another model's (--reference, default the fp32 one).
// speed:   paragraphs/s embedding COUNT paragraphs of about 60 words (the collection's text cut into 60-word pieces;
//          from a .txt folder, its real body paragraphs of 30-90 words, taken evenly across the folder).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SearchKit.Semantic.Bench quality|speed DATA_DIR [MODEL] [--onnx FILE] [--threads N] [--count N] [--max-tokens N]");
    return 2;
}

string? Option(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

if (args[0] == "latency")
{
    // latency INDEX_FOLDER [--articles N] [--build] [--queries N] [--real-queries]: see Latency.cs.
    return Latency.Run(args[1], int.Parse(Option("--articles") ?? "100000", CultureInfo.InvariantCulture), args.Contains("--build"),
        int.Parse(Option("--queries") ?? "300", CultureInfo.InvariantCulture), args.Contains("--real-queries"));
}

var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
var verb = positional[0];
var data = positional[1];
var model = positional.Length > 2 ? positional[2] : EmbeddingModels.DefaultName;
var onnx = Option("--onnx");
var options = new EmbedderOptions
{
    Threads = int.Parse(Option("--threads") ?? "0", CultureInfo.InvariantCulture),
    MaxTokens = Option("--max-tokens") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : null,
    BatchSize = int.Parse(Option("--batch") ?? "32", CultureInfo.InvariantCulture),
    Spinning = args.Contains("--spinning"),
    InterOpThreads = int.Parse(Option("--inter-op") ?? "1", CultureInfo.InvariantCulture),
    Optimization = (Option("--opt") ?? "all") switch
    {
        "basic" => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended" => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        _ => Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL,
    },
};
var textFolder = !File.Exists(Path.Combine(data, "corpus.jsonl"));

var corpus = (textFolder ? Enumerable.Empty<string>() : File.ReadLines(Path.Combine(data, "corpus.jsonl"))).Select(line =>
{
    using var doc = JsonDocument.Parse(line);
    var root = doc.RootElement;
    return (Id: root.GetProperty("_id").GetString()!, Title: root.GetProperty("title").GetString() ?? "", Text: root.GetProperty("text").GetString() ?? "");
}).ToList();

var load = Stopwatch.StartNew();
using var embedder = EmbeddingModels.Load(model, options, onnx);
load.Stop();
var label = model + (onnx is null ? "" : " (" + Path.GetFileName(onnx) + ")");
Console.WriteLine($"{label}: loaded in {load.ElapsedMilliseconds} ms; {embedder.Model}");

if (verb == "quality")
{
    var queries = QueryFile.Read(Path.Combine(data, "queries.jsonl"));
    var qrels = Qrels.Read(Path.Combine(data, "qrels", "test.tsv"));
    var clock = Stopwatch.StartNew();
    var documents = embedder.EmbedPassages([.. corpus.Select(d => d.Title.Length == 0 ? d.Text : d.Title + ". " + d.Text)]);
    clock.Stop();
    double ndcg = 0, recall = 0;
    int judged = 0;
    using var perQuery = Option("--per-query") is { } perQueryFile ? File.CreateText(perQueryFile) : TextWriter.Null;
    foreach (var query in queries.Where(q => qrels.IsJudged(q.Id)))
    {
        var q = embedder.EmbedQuery(query.Text);
        var ranking = Enumerable.Range(0, corpus.Count)
            .Select(i => (i, score: Dot(q, documents[i])))
            .OrderByDescending(x => x.score).Take(1000)
            .Select(x => corpus[x.i].Id).ToList();
        var judgements = qrels.For(query.Id);
        double n = Measures.Ndcg(ranking, judgements, 10);
        ndcg += n;
        recall += Measures.Recall(ranking, judgements, 100);
        judged++;
        perQuery.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{query.Id}\t{n:0.000000}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | nDCG@10 {ndcg / judged:0.0000} | Recall@100 {recall / judged:0.0000} | {judged} queries | {corpus.Count} documents embedded in {clock.Elapsed.TotalSeconds:0.0} s |"));
}
else if (verb == "speed")
{
    int count = int.Parse(Option("--count") ?? "512", CultureInfo.InvariantCulture);
    List<string> paragraphs;
    if (textFolder)
    {
        var all = Directory.EnumerateFiles(data, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
            .Where(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is >= 30 and <= 90).ToList();
        paragraphs = [.. Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Count / count)])];
    }
    else
    {
        var words = corpus.SelectMany(d => d.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        paragraphs = [.. Enumerable.Range(0, count).Select(i => string.Join(' ', words.Skip(i * 60 % Math.Max(1, words.Length - 60)).Take(60)))];
    }

    double wordsPer = paragraphs.Average(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    int tokens = paragraphs.Sum(p => ((OnnxTextEmbedder)embedder).Tokenize(p).Length);
    embedder.EmbedPassages(paragraphs.Take(64).ToList()); // warm-up
    using var self = Process.GetCurrentProcess();
    var cpu = self.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    embedder.EmbedPassages(paragraphs);
    clock.Stop();
    self.Refresh();
    // CPU time as well as wall time: on a shared machine the wall-clock rate says more about the neighbours.
    var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | threads {(options.Threads == 0 ? Environment.ProcessorCount : options.Threads)} | {count / clock.Elapsed.TotalSeconds:0.0} paragraphs/s | {count / cpuSeconds:0.0} paragraphs per CPU-second | {wordsPer:0} words, {tokens / (double)count:0} tokens/paragraph | {(options.Spinning ? "spinning" : "no spinning")}, inter-op {options.InterOpThreads}, opt {options.Optimization}, batch {options.BatchSize} | peak working set {self.PeakWorkingSet64 / (1 << 20)} MB | load {Environment.ProcessorCount} cpus, loadavg {File.ReadAllText("/proc/loadavg").Trim()} |"));
}
else if (verb == "consistency")
{
    // How much a vector depends on its batch (int8 activations are quantised per batch) and on the weights' precision.
    var paragraphs = corpus.Take(64).Select(d => d.Text).ToList();
    var batched = embedder.EmbedPassages(paragraphs);
    var single = paragraphs.Select(p => embedder.EmbedPassages([p])[0]).ToList();
    var batchCosines = Enumerable.Range(0, paragraphs.Count).Select(i => Dot(batched[i], single[i])).ToList();
    using var reference = EmbeddingModels.Load(Option("--reference") ?? "all-MiniLM-L6-v2-fp32", options);
    var exact = reference.EmbedPassages(paragraphs);
    var referenceCosines = Enumerable.Range(0, paragraphs.Count).Select(i => Dot(batched[i], exact[i])).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | batch vs single: min cosine {batchCosines.Min():0.0000}, mean {batchCosines.Average():0.0000} | vs {reference.Model.Name}: min {referenceCosines.Min():0.0000}, mean {referenceCosines.Average():0.0000} |"));
}
else
{
    Console.Error.WriteLine($"unknown verb '{verb}'");
    return 2;
}

return 0;

static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
