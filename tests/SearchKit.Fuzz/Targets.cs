using System.Diagnostics;
using System.Text;
using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Fuzz;

/// <summary>
/// Each target feeds fuzzer bytes to one entry point and lets through only the exceptions the library
/// documents (<see cref="SearchKitException"/> and its subclasses): anything else escapes and is a crash to the fuzzer.
/// The test project compiles this file too and replays every seed of <c>corpus/</c> through it on each CI run.
/// </summary>
internal static class Targets
{
    // Built on first use, never in a static initialiser: SharpFuzz's instrumented library code may run only
    // inside Fuzzer.Run, after the shared coverage memory exists (before it, it crashes the process).
    private static readonly Lazy<ReaderLimits> Limits = new(() => new() { MaxArticleBytes = 64 * 1024, MaxParagraphs = 200 });

    /// <summary>One small index for the query target, built once per process (the fuzzer reuses the process).</summary>
    public static Lazy<SearchIndex> SharedIndex { get; } = new(BuildIndex);

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["plaintext"] = PlainText,
        ["jsonl"] = JsonLines,
        ["query"] = Query,
        ["docx"] = Docx,
        ["pdf"] = Pdf,
        ["html"] = Html,
        ["markdown"] = Markdown,
    };

    // A shallow depth limit keeps deep inputs cheap; the paragraph limit of Limits bounds the output.
    private static readonly Lazy<ReaderLimits> HtmlLimits = new(() => Limits.Value with { MaxHtmlDepth = 128 });

    private static void Html(byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var article = HtmlArticleReader.Parse(input, "fuzz", limits: HtmlLimits.Value, source: "fuzz.html");
            CheckArticle(article, input.Length);
        }
        catch (ArticleReadException e) when (e.Message.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"an error message of several lines: {e.Message}", e);
        }
        catch (SearchKitException)
        {
        }

        CheckTime(clock, "HTML page");
    }

    private static void Markdown(byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var text = ArticleFiles.DecodeUtf8(input, "fuzz.md");
            var article = MarkdownArticleReader.Parse(text, "fuzz", maxParagraphs: Limits.Value.MaxParagraphs, source: "fuzz.md");
            CheckArticle(article, input.Length);
        }
        catch (ArticleReadException e) when (e.Message.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"an error message of several lines: {e.Message}", e);
        }
        catch (SearchKitException)
        {
        }

        CheckTime(clock, "Markdown file");
    }

    // What every reader promises of an article: a title, no blank paragraph, and no more text than the input held
    // (markup only ever shrinks; an entity such as &lt; decodes to fewer characters than it takes, and a single
    // byte decodes to at most one UTF-16 unit).
    private static void CheckArticle(Article article, int inputBytes)
    {
        if (string.IsNullOrWhiteSpace(article.Title))
        {
            throw new InvalidOperationException("an article without a title");
        }

        if (article.Paragraphs.Any(p => string.IsNullOrWhiteSpace(p.Text)))
        {
            throw new InvalidOperationException("an empty paragraph got through");
        }

        if (article.Paragraphs.Count > Limits.Value.MaxParagraphs)
        {
            throw new InvalidOperationException($"{article.Paragraphs.Count} paragraphs, over the limit of {Limits.Value.MaxParagraphs}");
        }

        long text = article.Title.Length + (article.Lead?.Length ?? 0) + article.Paragraphs.Sum(p => (long)p.Text.Length);
        if (text > inputBytes + 16)
        {
            throw new InvalidOperationException($"{text} characters of text from {inputBytes} bytes of input");
        }
    }

    private static void CheckTime(Stopwatch clock, string what)
    {
        if (clock.Elapsed > QueryBudget)
        {
            throw new TimeoutException($"the {what} took {clock.Elapsed.TotalSeconds:0.0} s, over the fuzzing budget of {QueryBudget.TotalSeconds:0.0} s");
        }
    }

    private static void PlainText(byte[] input)
    {
        try
        {
            var text = ArticleFiles.DecodeUtf8(input, "fuzz.txt");
            PlainTextArticleReader.Parse(text, "fuzz", maxParagraphs: Limits.Value.MaxParagraphs);
        }
        catch (SearchKitException)
        {
        }
    }

    private static void JsonLines(byte[] input)
    {
        using var stream = new MemoryStream(input);
        foreach (var result in JsonLinesArticleReader.Read(stream, "fuzz.jsonl", Limits.Value))
        {
            if ((result.Article is null) == (result.Error is null))
            {
                throw new InvalidOperationException("a result must hold an article or an error");
            }
        }
    }

    private static void Docx(byte[] input)
    {
        try
        {
            var article = DocxArticleReader.Parse(input, "fuzz.docx", limits: Limits.Value);
            if (article.Paragraphs.Any(p => string.IsNullOrWhiteSpace(p.Text)))
            {
                throw new InvalidOperationException("an empty paragraph got through");
            }
        }
        catch (SearchKitException)
        {
        }
    }

    // Small PDF limits keep each input cheap; the reader's own time limit is checked against the fuzzing budget.
    private static readonly Lazy<ReaderLimits> PdfLimits = new(() => new() { MaxPdfBytes = 1024 * 1024, MaxPdfPages = 20, MaxPdfDecodedBytes = 16 * 1024 * 1024, MaxParagraphs = 200, PdfTimeLimit = TimeSpan.FromSeconds(2) });

    private static void Pdf(byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var article = PdfArticleReader.Parse(input, "fuzz", limits: PdfLimits.Value, source: "fuzz.pdf");
            if (article.Paragraphs.Any(p => string.IsNullOrWhiteSpace(p.Text)))
            {
                throw new InvalidOperationException("an empty paragraph");
            }
        }
        catch (ArticleReadException e) when (e.Message.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"an error message of several lines: {e.Message}", e);
        }
        catch (SearchKitException)
        {
        }

        // Over the reader's own time limit plus slack: a stretch of work the limit's checks did not see.
        if (clock.Elapsed > QueryBudget + TimeSpan.FromSeconds(2))
        {
            throw new TimeoutException($"the PDF took {clock.Elapsed.TotalSeconds:0.0} s, over the fuzzing budget");
        }
    }

    /// <summary>
    /// Wall time one query input may take, parse to the last snippet, before it counts as a finding (a hang): the index
    /// is two articles, so anything slow is a cost the limits failed to bound. SEARCHKIT_FUZZ_BUDGET_MS overrides it
    /// (instrumented builds under afl-fuzz run slower).
    /// </summary>
    public static TimeSpan QueryBudget { get; } = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("SEARCHKIT_FUZZ_BUDGET_MS"), out int ms) && ms > 0 ? ms : 3_000);

    private static void Query(byte[] input)
    {
        // The first byte picks the syntax and mode, the rest is the query text (invalid UTF-8 becomes U+FFFD, as from a terminal):
        // bit 0 natural syntax, bit 1 passages, bit 2 AND as default, bit 3 explain, bit 4 no paragraphs, bit 5 skip 1.
        if (input.Length == 0)
        {
            return;
        }

        byte flags = input[0];
        var options = new SearchOptions
        {
            Syntax = (flags & 1) == 0 ? QuerySyntax.Lucene : QuerySyntax.Natural,
            Passages = (flags & 2) != 0,
            DefaultAnd = (flags & 4) != 0,
            Explain = (flags & 8) != 0,
            Paragraphs = (flags & 16) == 0,
            Skip = (flags & 32) != 0 ? 1 : 0,
        };
        var query = Encoding.UTF8.GetString(input, 1, input.Length - 1);
        var clock = Stopwatch.StartNew();
        try
        {
            // The whole path: parse, rewrite (term expansion), collect, attribute paragraphs, build snippets.
            var results = SharedIndex.Value.Search(query, options);
            foreach (var hit in results.Hits)
            {
                foreach (var p in hit.Paragraphs)
                {
                    if (p.Highlights.Any(h => h.Start < 0 || h.Start + h.Length > p.Text.Length))
                    {
                        throw new InvalidOperationException($"a highlight outside paragraph {p.Index} of {hit.Id}");
                    }
                }
            }
        }
        catch (SearchKitQueryException e) when (e.Message.Contains("ran longer than", StringComparison.Ordinal))
        {
            // On two articles no query should need the time limit: a check that let an expensive query through.
            throw new InvalidOperationException($"the query hit the time limit on a two-article index: {e.Message}", e);
        }
        catch (SearchKitException)
        {
        }

        if (clock.Elapsed > QueryBudget)
        {
            throw new TimeoutException($"the query took {clock.Elapsed.TotalSeconds:0.0} s, over the fuzzing budget of {QueryBudget.TotalSeconds:0.0} s");
        }
    }

    private static SearchIndex BuildIndex()
    {
        // The time limit is the library's; the fuzzing budget above is checked on top of it.
        var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { Timeout = TimeSpan.FromSeconds(2) } });
        index.Add([
            Article.Create("harbour", "Harbour talks resume after storm", "Negotiators returned.", ["The port authority said talks would continue.", "Fishermen asked for a seat at the table.", "The ferry ran late; ferries 12 and 13 were cancelled."], new Dictionary<int, string> { [1] = "Fishing", [2] = "Ferries" }),
            Article.Create("orchard", "Orchard growers count the cost of frost", null, ["Apple blossom was lost across the valley.", "Insurance would cover part of the losses.", "Ünïcödé wörds, 日本語, and an emoji 🍎 in the text."]),
        ]);
        return index;
    }
}
