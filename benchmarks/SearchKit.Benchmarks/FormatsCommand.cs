using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using SearchKit.Articles;
using SearchKit.Benchmarking;
using SearchKit.Indexing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SearchKit.Benchmarks;

/// <summary>
/// <c>formats [ARTICLES] [RUNS]</c>: the same synthetic articles indexed from one JSON Lines file and from one file
/// each as plain text, Markdown (front matter, headings), HTML (with navigation, a cookie banner, JSON-LD, comments
/// and a footer around the article) Word (.docx, Title and Heading styles, document properties) and PDF (<see cref="PdfRendering"/>), runs
/// interleaved format by format (each run starting with the next format, after an untimed warm-up round), one thread,
/// each step from a collected heap; prints what each reader made of the files (text, paragraphs, metadata: the same for all), each
/// run (wall and CPU time, collections), then per format the median index time, articles/s, MB/s, the ratio to JSON
/// Lines (of the medians, and the median of each run's ratio), the median CPU time of indexing and its ratio, the time the format's reader
/// alone takes to parse the files (its share of the run), and the time to index the parsed articles without files
/// ("add": analysis and indexing of that format's text alone). <c>formats [ARTICLES] [RUNS] [FORMAT,...]</c> runs
/// only the formats named (JSON Lines always).
/// </summary>
public static class FormatsCommand
{
    private sealed record Format(string Name, string Extension, Func<Article, byte[]> Render, Func<string, IEnumerable<Article>> Parse);

    private static readonly Format[] Formats =
    [
        new("jsonl", ".jsonl", a => Encoding.UTF8.GetBytes(RenderJson(a) + "\n"), ParseJsonLines),
        new("txt", ".txt", a => Encoding.UTF8.GetBytes(RenderText(a)), f => [PlainTextArticleReader.Parse(File.ReadAllText(f), Id(f))]),
        new("md", ".md", a => Encoding.UTF8.GetBytes(RenderMarkdown(a)), f => [MarkdownArticleReader.Parse(File.ReadAllText(f), Id(f))]),
        new("html", ".html", a => Encoding.UTF8.GetBytes(Render(a)), f => [HtmlArticleReader.Parse(File.ReadAllBytes(f), Id(f))]),
        new("docx", ".docx", RenderDocx, f => [DocxArticleReader.Parse(File.ReadAllBytes(f), Id(f))]),
        new("pdf", ".pdf", PdfRendering.Render, f => [PdfArticleReader.Parse(File.ReadAllBytes(f), Id(f))]),
    ];

    public static int Run(string[] args, TextWriter output)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var only = args.Length > 2 ? args[2].Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
        var formats = Formats.Where(f => f.Name == "jsonl" || only is null || only.Contains(f.Name)).ToList();
        string root = Path.Combine(Path.GetTempPath(), "searchkit-formats-" + Environment.ProcessId);
        try
        {
            var articles = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = count }).Articles().ToList();
            foreach (var format in formats)
            {
                Write(format, articles, Path.Combine(root, format.Name));
            }

            // What each format's reader makes of the same articles: the text and fields that reach analysis.
            foreach (var format in formats)
            {
                var parsed = ParseAll(format, Path.Combine(root, format.Name));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{format.Name}: {parsed.Count} articles, {parsed.Sum(TextLength) / 1e6:0.00} M chars of text, {parsed.Sum(a => a.Paragraphs.Count)} paragraphs, metadata: {Describe(parsed[0].Metadata)}"));
            }

            // One untimed round of every format over all files, so no timed run pays the JIT (and its tiering up) of
            // the reader or of the indexing code.
            foreach (var format in formats)
            {
                Index(Path.Combine(root, format.Name), Path.Combine(root, $"w-{format.Name}"), count);
            }

            var index = formats.ToDictionary(f => f.Name, _ => new List<double>());
            var parse = formats.ToDictionary(f => f.Name, _ => new List<double>());
            var add = formats.ToDictionary(f => f.Name, _ => new List<double>());
            var cpu = formats.ToDictionary(f => f.Name, _ => new List<double>());
            for (int run = 0; run < runs; run++)
            {
                var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}:"));

                // Each run starts with another format, so no format always runs first (after a format's own garbage).
                foreach (var format in formats.Skip(run % formats.Count).Concat(formats.Take(run % formats.Count)))
                {
                    string folder = Path.Combine(root, format.Name);
                    // Every timed step starts from a collected heap: no step pays for the garbage of the one before.
                    Settle();
                    var (gen0, gen1, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                    var processor = Process.GetCurrentProcess().TotalProcessorTime;
                    index[format.Name].Add(Index(folder, Path.Combine(root, $"i-{format.Name}-{run}"), count));
                    cpu[format.Name].Add((Process.GetCurrentProcess().TotalProcessorTime - processor).TotalSeconds);
                    var gc = string.Create(CultureInfo.InvariantCulture,
                        $"GC {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s");
                    Settle();
                    var clock = Stopwatch.StartNew();
                    var parsed = ParseAll(format, folder);
                    parse[format.Name].Add(clock.Elapsed.TotalSeconds);
                    Settle();
                    add[format.Name].Add(Add(parsed, Path.Combine(root, $"a-{format.Name}-{run}")));
                    line.Append(CultureInfo.InvariantCulture, $" {format.Name} {index[format.Name][^1]:0.00} s (CPU {cpu[format.Name][^1]:0.00} s, {gc}; parse {parse[format.Name][^1]:0.00} s, add {add[format.Name][^1]:0.00} s)");
                }

                output.WriteLine(line);
            }

            double json = Median(index["jsonl"]);
            double jsonAdd = Median(add["jsonl"]);
            double jsonCpu = Median(cpu["jsonl"]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} articles, {runs} runs, medians; load {File.ReadAllText("/proc/loadavg").Trim()}"));
            output.WriteLine("| format | files | MB | index s | articles/s | MB/s | × jsonl | × jsonl in-run | index CPU s | CPU × jsonl | parse s | parse MB/s | parse share | add s | add × jsonl |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var format in formats)
            {
                string folder = Path.Combine(root, format.Name);
                double mb = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length) / 1e6;
                double t = Median(index[format.Name]);
                double p = Median(parse[format.Name]);
                double a = Median(add[format.Name]);
                double c = Median(cpu[format.Name]);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {format.Name} | {Directory.EnumerateFiles(folder).Count()} | {mb:0.0} | {t:0.00} | {count / t:0} | {mb / t:0.0} | {t / json:0.00} | {Median([.. index[format.Name].Zip(index["jsonl"], (x, j) => x / j)]):0.00} | {c:0.00} | {c / jsonCpu:0.00} | {p:0.00} | {mb / p:0.0} | {100 * p / t:0} % | {a:0.00} | {a / jsonAdd:0.00} |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(Format format, List<Article> articles, string folder)
    {
        Directory.CreateDirectory(folder);
        if (format.Name == "jsonl")
        {
            using var file = File.Create(Path.Combine(folder, "corpus.jsonl"));
            foreach (var a in articles)
            {
                file.Write(format.Render(a));
            }

            return;
        }

        for (int i = 0; i < articles.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"{i:D6}{format.Extension}"), format.Render(articles[i]));
        }
    }

    private static List<Article> ParseAll(Format format, string folder) =>
        [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).SelectMany(format.Parse)];

    private static string Id(string file) => Path.GetFileNameWithoutExtension(file);

    private static long TextLength(Article a) =>
        a.Title.Length + (a.Lead?.Length ?? 0) + a.Paragraphs.Sum(p => p.Text.Length + (p.Heading?.Length ?? 0));

    private static string Describe(ArticleMetadata m) =>
        string.Join(", ", new[]
        {
            m.Category is null ? null : "category", m.Tags.Count > 0 ? $"{m.Tags.Count} tags" : null, m.Published is null ? null : "published",
            m.Url is null ? null : "url",
        }.OfType<string>().Concat(m.Fields.Keys));

    // The parsed articles indexed without files: analysis and indexing alone, for the same text as the files hold.
    private static double Add(List<Article> articles, string indexPath)
    {
        var clock = Stopwatch.StartNew();
        using (var index = SearchIndex.Open(indexPath))
        {
            index.Add(articles, new IndexingOptions { Threads = 1 });
            index.Commit();
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static List<Article> ParseJsonLines(string file)
    {
        using var stream = File.OpenRead(file);
        return [.. JsonLinesArticleReader.Read(stream, file).Select(r => r.Article ?? throw new InvalidOperationException(r.Error!.Message))];
    }

    private static string RenderJson(Article a) => JsonSerializer.Serialize(new
    {
        id = a.Id, title = a.Title, lead = a.Lead,
        paragraphs = a.Paragraphs.Select(p => new { text = p.Text, heading = p.Heading }),
        category = a.Metadata.Category, tags = a.Metadata.Tags, published = a.Metadata.Published,
    });

    // Front matter for the metadata, the title as '#', the lead as the first paragraph, headings as '##'.
    private static string RenderMarkdown(Article a)
    {
        var sb = new StringBuilder("---\n")
            .Append("category: ").Append(a.Metadata.Category).Append('\n')
            .Append("tags: [").Append(string.Join(", ", a.Metadata.Tags)).Append("]\n")
            .Append("published: ").Append(a.Metadata.Published?.ToString("O", CultureInfo.InvariantCulture)).Append("\n---\n\n")
            .Append("# ").Append(a.Title).Append("\n\n").Append(a.Lead).Append("\n\n");
        string? heading = null;
        foreach (var p in a.Paragraphs)
        {
            if (p.Heading is not null && p.Heading != heading)
            {
                heading = p.Heading;
                sb.Append("## ").Append(heading).Append("\n\n");
            }

            sb.Append(p.Text).Append("\n\n");
        }

        return sb.ToString();
    }

    // A Word document as Word writes one: Title, Subtitle and Heading 2 styles, document properties for the metadata.
    private static byte[] RenderDocx(Article a)
    {
        static W.Paragraph Para(string text, string? style)
        {
            var p = new W.Paragraph();
            if (style is not null)
            {
                p.Append(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
            }

            p.Append(new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            return p;
        }

        static W.Style Style(string id, string name) => new(new W.StyleName { Val = name }) { Type = W.StyleValues.Paragraph, StyleId = id };

        var body = new W.Body(Para(a.Title, "Title"));
        if (a.Lead is not null)
        {
            body.Append(Para(a.Lead, "Subtitle"));
        }

        string? heading = null;
        foreach (var p in a.Paragraphs)
        {
            if (p.Heading is not null && p.Heading != heading)
            {
                heading = p.Heading;
                body.Append(Para(heading, "Heading2"));
            }

            body.Append(Para(p.Text, null));
        }

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(body);
            main.AddNewPart<StyleDefinitionsPart>().Styles = new W.Styles(Style("Title", "Title"), Style("Subtitle", "Subtitle"), Style("Heading2", "heading 2"));
            var properties = document.PackageProperties;
            properties.Category = a.Metadata.Category;
            properties.Keywords = string.Join(", ", a.Metadata.Tags);
            properties.Created = a.Metadata.Published?.UtcDateTime;
        }

        return stream.ToArray();
    }

    private static double Index(string folder, string indexPath, int expected)
    {
        var clock = Stopwatch.StartNew();
        using (var index = SearchIndex.Open(indexPath))
        {
            var report = index.IndexFiles([folder], new IndexingOptions { Threads = 1 });
            if (report.Added != expected)
            {
                throw new InvalidOperationException($"indexed {report.Added} of {expected} articles from {folder}");
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    // The plain-text layout: title, lead, then blank-separated paragraphs with each heading on a line of its own.
    private static string RenderText(Article a)
    {
        var sb = new StringBuilder().Append(a.Title).Append('\n').Append(a.Lead).Append("\n\n");
        string? heading = null;
        foreach (var p in a.Paragraphs)
        {
            if (p.Heading is not null && p.Heading != heading)
            {
                heading = p.Heading;
                sb.Append(heading).Append("\n\n");
            }

            sb.Append(p.Text).Append("\n\n");
        }

        return sb.ToString();
    }

    private static string Render(Article a)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(a.Title)).Append(" | Synthetic Times</title>")
            .Append("<meta name=\"description\" content=\"").Append(E(a.Lead)).Append("\">")
            .Append("<meta property=\"article:published_time\" content=\"").Append(a.Metadata.Published?.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
            .Append("<style>body{font-family:serif}.cookie{position:fixed}</style><script>window.dataLayer=[];</script>")
            .Append("<script type=\"application/ld+json\">")
            .Append(JsonSerializer.Serialize(new Dictionary<string, object?> { ["@type"] = "NewsArticle", ["headline"] = a.Title, ["articleSection"] = a.Metadata.Category, ["keywords"] = a.Metadata.Tags }))
            .Append("</script></head><body><div class=\"cookie-banner\"><p>We use cookies. Accept or manage your consent settings.</p></div>")
            .Append("<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav></header>")
            .Append("<main><article><h1>").Append(E(a.Title)).Append("</h1>");
        string? heading = null;
        foreach (var p in a.Paragraphs)
        {
            if (p.Heading is not null && p.Heading != heading)
            {
                heading = p.Heading;
                sb.Append("<h2>").Append(E(heading)).Append("</h2>");
            }

            sb.Append("<p>").Append(E(p.Text)).Append("</p>\n");
        }

        sb.Append("</article></main><section class=\"comments\"><h2>Comments</h2><p>A reader's comment on this story.</p></section>")
            .Append("<footer><p>Copyright Synthetic Times.</p></footer></body></html>");
        return sb.ToString();
    }
}
