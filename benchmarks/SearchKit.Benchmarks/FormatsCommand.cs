using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SearchKit.Articles;
using SearchKit.Benchmarking;
using SearchKit.Indexing;

namespace SearchKit.Benchmarks;

/// <summary>
/// <c>formats [ARTICLES] [RUNS]</c>: the same synthetic articles indexed from one JSON Lines file and from one HTML
/// page each (with navigation, a cookie banner, JSON-LD, comments and a footer around the article), runs interleaved,
/// one thread; prints each run, the medians, their ratio, and the time the HTML reader alone takes to parse the pages.
/// The same articles as one PDF each (<see cref="PdfRendering"/>) are indexed and parsed alone too.
/// </summary>
public static class FormatsCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        string root = Path.Combine(Path.GetTempPath(), "searchkit-formats-" + Environment.ProcessId);
        try
        {
            var articles = new SyntheticCorpus(new SyntheticCorpusOptions { Articles = count }).Articles().ToList();
            string jsonl = Path.Combine(root, "jsonl");
            string html = Path.Combine(root, "html");
            string text = Path.Combine(root, "text");
            Directory.CreateDirectory(text);
            Directory.CreateDirectory(jsonl);
            Directory.CreateDirectory(html);
            string pdf = Path.Combine(root, "pdf");
            Directory.CreateDirectory(pdf);
            using (var writer = new StreamWriter(Path.Combine(jsonl, "corpus.jsonl")))
            {
                foreach (var a in articles)
                {
                    writer.WriteLine(JsonSerializer.Serialize(new
                    {
                        id = a.Id, title = a.Title, lead = a.Lead,
                        paragraphs = a.Paragraphs.Select(p => new { text = p.Text, heading = p.Heading }),
                        category = a.Metadata.Category, tags = a.Metadata.Tags, published = a.Metadata.Published,
                    }));
                }
            }

            for (int i = 0; i < articles.Count; i++)
            {
                File.WriteAllText(Path.Combine(html, $"{i:D6}.html"), Render(articles[i]));
                File.WriteAllText(Path.Combine(text, $"{i:D6}.txt"), RenderText(articles[i]));
                File.WriteAllBytes(Path.Combine(pdf, $"{i:D6}.pdf"), PdfRendering.Render(articles[i]));
            }

            long jsonBytes = Directory.EnumerateFiles(jsonl).Sum(f => new FileInfo(f).Length);
            long htmlBytes = Directory.EnumerateFiles(html).Sum(f => new FileInfo(f).Length);
            var jsonTimes = new List<double>();
            var htmlTimes = new List<double>();
            var parseTimes = new List<double>();
            var textTimes = new List<double>();
            long pdfBytes = Directory.EnumerateFiles(pdf).Sum(f => new FileInfo(f).Length);
            var pdfTimes = new List<double>();
            var pdfParseTimes = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                jsonTimes.Add(Index(jsonl, Path.Combine(root, $"i-json-{run}"), count));
                htmlTimes.Add(Index(html, Path.Combine(root, $"i-html-{run}"), count));
                textTimes.Add(Index(text, Path.Combine(root, $"i-text-{run}"), count));
                var clock = Stopwatch.StartNew();
                foreach (var file in Directory.EnumerateFiles(html))
                {
                    HtmlArticleReader.Parse(File.ReadAllBytes(file), "x");
                }

                parseTimes.Add(clock.Elapsed.TotalSeconds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: jsonl {jsonTimes[^1]:0.00} s, html {htmlTimes[^1]:0.00} s, txt files {textTimes[^1]:0.00} s, html parse only {parseTimes[^1]:0.00} s"));
                pdfTimes.Add(Index(pdf, Path.Combine(root, $"i-pdf-{run}"), count));
                clock.Restart();
                foreach (var file in Directory.EnumerateFiles(pdf))
                {
                    PdfArticleReader.Parse(File.ReadAllBytes(file), "x");
                }

                pdfParseTimes.Add(clock.Elapsed.TotalSeconds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: pdf {pdfTimes[^1]:0.00} s, pdf parse only {pdfParseTimes[^1]:0.00} s"));
            }

            double j = Median(jsonTimes), h = Median(htmlTimes), p = Median(parseTimes), t = Median(textTimes);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} articles; jsonl {jsonBytes / 1e6:0.0} MB, html {htmlBytes / 1e6:0.0} MB; median index time jsonl {j:0.00} s ({count / j:0} articles/s), html {h:0.00} s ({count / h:0} articles/s, {htmlBytes / 1e6 / h:0.0} MB/s); html/jsonl {h / j:0.00} x; the same articles as one plain-text file each {t:0.00} s (html/txt {h / t:0.00} x); html parsing alone {p:0.00} s ({100 * p / h:0} % of the html run, {htmlBytes / 1e6 / p:0.0} MB/s)"));
            double f = Median(pdfTimes), fp = Median(pdfParseTimes);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pdf {pdfBytes / 1e6:0.0} MB: median index time {f:0.00} s ({count / f:0} articles/s, {pdfBytes / 1e6 / f:0.0} MB/s); pdf/jsonl {f / j:0.00} x; pdf parsing alone {fp:0.00} s ({100 * fp / f:0} % of the pdf run, {count / fp:0} articles/s, {pdfBytes / 1e6 / fp:0.0} MB/s)"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
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
