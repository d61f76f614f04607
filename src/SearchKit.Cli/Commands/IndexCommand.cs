using System.Globalization;
using System.ComponentModel;
using SearchKit.Analysis;
using SearchKit.Articles;
using SearchKit.Cli.Rendering;
using SearchKit.Indexing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class IndexSettings : IndexedSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Files or folders to index (folders recursively: *.txt, *.md, *.markdown, *.html, *.htm, *.docx and *.jsonl files, also gzip-compressed as *.txt.gz and *.jsonl.gz; see --format), or - alone for JSON Lines from standard input.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--id-prefix <PREFIX>")]
    [Description("With - (standard input): the prefix of the ids made up for lines without an id, PREFIX#LINE (default stdin#LINE), so that two feeds without ids do not overwrite each other. Lines with an id keep it.")]
    public string? IdPrefix { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Threads to read and analyse with. Default: all cores.")]
    public int? Threads { get; init; }

    [CommandOption("--analyzer <NAME>")]
    [Description("The analyzer for a new index (english, standard, simple, german, ...). Default: the index's own, or english.")]
    public string? Analyzer { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("How files are read: auto (by extension: .jsonl JSON Lines, .md/.markdown Markdown, .html/.htm HTML, .docx Word, .pdf PDF; .gz files by the extension inside; otherwise by content: gzip by its magic bytes, PDF if the file starts with %PDF-, HTML if it starts as an HTML document, Word if it is a zip holding word/document.xml, else plain text), text, jsonl, md, html, docx, pdf, or beir (a BEIR corpus.jsonl: {\"_id\", \"title\", \"text\"}, the text split into paragraphs on blank lines).")]
    [DefaultValue("auto")]
    public string Format { get; init; } = "auto";

    // Descriptions are Spectre markup: "[[" and "]]" print as brackets.
    [CommandOption("--json")]
    [Description("Print the summary as one JSON object: added, updated, unchanged, removed, failed [[{file, line, reason}]], skipped {hidden, folderLinks, duplicates}, paragraphs, bytes, seconds, mergeSeconds, times {listing, reading, indexing, waitingForInput, commits, commitCount, finalCommit, merge}, articlesPerSecond, mbPerSecond, cancelled.")]
    public bool Json { get; init; }

    [CommandOption("--commit-every <N>")]
    [Description("Commit after every N articles, so an interruption (even kill -9) loses at most that many. Default: 100000.")]
    public int? CommitEvery { get; init; }

    [CommandOption("--commit-seconds <S>")]
    [Description("Commit at least every S seconds (decimals allowed), so an interruption loses at most that window. Default: 60.")]
    public double? CommitSeconds { get; init; }

    [CommandOption("--no-merge")]
    [Description("After a bulk run (a first build or a rebuild), leave the segments as the commits left them instead of merging the index into one: a faster run, slower searches.")]
    public bool NoMerge { get; init; }

    [CommandOption("--include-hidden")]
    [Description("Also read dot files and dot folders (skipped by default; the summary counts them).")]
    public bool IncludeHidden { get; init; }

    [CommandOption("--embeddings [MODEL]")]
    [Description("Embed every paragraph and each title and lead with MODEL (default: the semantic build's default model) for search --mode semantic|hybrid; over an existing index, also embeds the articles indexed before without embeddings. An index with embeddings keeps them up to date in later runs without this option. Needs the semantic build of the tool; costs far more time than indexing words.")]
    public FlagValue<string>? Embeddings { get; init; }

    [CommandOption("--rebuild")]
    [Description("Start afresh: build a new index from PATH in place of the old one. Searches keep seeing the old index until the new one is complete (committed once, at the end); an interrupted or killed rebuild leaves the old index as it was.")]
    public bool Rebuild { get; init; }

    [CommandOption("--to <URL[/INDEX]>")]
    [Description("Index into an Elasticsearch index instead of the local one (http://localhost:9200/news; the index name defaults to searchkit), created with SearchKit's mapping when missing. Credentials come from $SEARCHKIT_ELASTICSEARCH_API_KEY, or $SEARCHKIT_ELASTICSEARCH_USER and $SEARCHKIT_ELASTICSEARCH_PASSWORD; $SEARCHKIT_ELASTICSEARCH_FINGERPRINT pins a self-signed certificate.")]
    public string? To { get; init; }

    [CommandOption("--watch")]
    [Description("After the run, keep watching the one PATH folder and keep the index in step with it (new, changed, renamed, deleted files), printing a line per batch, until Ctrl-C.")]
    public bool Watch { get; init; }

    /// <summary>
    /// What a bare <c>-</c> path becomes before parsing, since the command-line parser takes <c>-</c> for an
    /// option without a name. It holds a NUL, so no real path can be spelled so.
    /// </summary>
    internal const string StandardInput = "\0stdin";

    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        "--index", "--to", "--threads", "--analyzer", "--format", "--commit-every", "--commit-seconds", "--id-prefix",
    };

    /// <summary>Whether the run reads standard input (<c>index -</c>).</summary>
    public bool FromStandardInput => Paths is [StandardInput];

    /// <summary>Rewrites each <c>-</c> path of an <c>index</c> command line to <see cref="StandardInput"/>.</summary>
    internal static IReadOnlyList<string> MarkStandardInput(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || args[0] != "index" || !args.Contains("-"))
        {
            return args;
        }

        var marked = args.ToArray();
        for (int i = 1; i < marked.Length; i++)
        {
            if (marked[i] == "-" && !ValueOptions.Contains(marked[i - 1]))
            {
                marked[i] = StandardInput;
            }
        }

        return marked;
    }

    public override ValidationResult Validate()
    {
        if (Paths.Contains(StandardInput) && !FromStandardInput)
        {
            return ValidationResult.Error("- (standard input) cannot be combined with other paths");
        }

        if (FromStandardInput && (Watch || Rebuild))
        {
            return ValidationResult.Error($"{(Watch ? "--watch" : "--rebuild")} cannot be used with - (standard input)");
        }

        if (FromStandardInput && ParseFormat(Format) is not (ArticleFormat.Auto or ArticleFormat.JsonLines))
        {
            return ValidationResult.Error("standard input is read as JSON Lines; --format can only be auto or jsonl with -");
        }

        if (IdPrefix is not null && (!FromStandardInput || string.IsNullOrWhiteSpace(IdPrefix)))
        {
            return ValidationResult.Error(FromStandardInput ? "--id-prefix must not be empty" : "--id-prefix is for - (standard input) only; files use their paths");
        }

        if (Watch && Paths.Length != 1)
        {
            return ValidationResult.Error($"--watch takes exactly one folder to watch; {Paths.Length} paths were given");
        }

        if (To is not null && (Watch || Rebuild || FromStandardInput || Analyzer is not null || Index is not null))
        {
            return ValidationResult.Error("--to sends files to a cluster: it cannot be combined with --watch, --rebuild, --analyzer, --index or - (standard input)");
        }

        if (Threads is < 1)
        {
            return ValidationResult.Error("--threads must be at least 1");
        }

        if (CommitEvery is < 1)
        {
            return ValidationResult.Error("--commit-every must be at least 1");
        }

        // TimeSpan.FromSeconds throws past about 29,000 years; a day is long enough for any window.
        if (CommitSeconds is { } seconds && (!(seconds > 0) || seconds > 86_400))
        {
            return ValidationResult.Error("--commit-seconds must be more than 0 and at most 86400");
        }

        if (ParseFormat(Format) is null)
        {
            return ValidationResult.Error($"unknown format '{Format}'; known: auto, text, jsonl, beir, md, html, docx");
        }

        if (Analyzer is not null && !AnalyzerCatalog.IsKnown(Analyzer))
        {
            return ValidationResult.Error($"unknown analyzer '{Analyzer}'; known: {string.Join(", ", AnalyzerCatalog.Names)}");
        }

        return ValidationResult.Success();
    }

    /// <summary>The run's options: the threads, format and commit window given, the library's defaults for the rest.</summary>
    public IndexingOptions ToIndexingOptions()
    {
        var options = new IndexingOptions { Threads = Threads, Format = ParseFormat(Format)!.Value, IncludeHidden = IncludeHidden };
        if (NoMerge)
        {
            options = options with { MergeAfterBulkRun = null };
        }

        if (CommitEvery is { } articles)
        {
            options = options with { CommitEveryArticles = articles };
        }

        if (CommitSeconds is { } seconds)
        {
            options = options with { CommitInterval = TimeSpan.FromSeconds(seconds) };
        }

        return options;
    }

    /// <summary>The article format a <c>--format</c> value names, or null for an unknown one.</summary>
    public static ArticleFormat? ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "auto" => ArticleFormat.Auto,
        "text" or "txt" => ArticleFormat.PlainText,
        "jsonl" => ArticleFormat.JsonLines,
        "beir" => ArticleFormat.Beir,
        "md" or "markdown" => ArticleFormat.Markdown,
        "html" or "htm" => ArticleFormat.Html,
        "docx" or "word" => ArticleFormat.Docx,
        "pdf" => ArticleFormat.Pdf,
        _ => null,
    };
}

/// <summary><c>searchkit index PATH…</c>: an incremental indexing run with progress and a summary.</summary>
internal sealed class IndexCommand(CliHost host) : Command<IndexSettings>
{
    public override int Execute(CommandContext context, IndexSettings settings, CancellationToken cancellationToken)
    {
        if (settings.FromStandardInput)
        {
            return IndexStandardInput(settings, cancellationToken);
        }

        var paths = settings.Paths.Select(host.ResolvePath).ToList();
        foreach (var (given, full) in settings.Paths.Zip(paths))
        {
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                throw new UsageException($"{given}: no such file or folder");
            }
        }

        if (settings.Watch && !Directory.Exists(paths[0]))
        {
            throw new UsageException($"{settings.Paths[0]}: --watch needs a folder, not a file");
        }

        if (settings.To is not null)
        {
            return host.RequireCluster("--to").IndexTo(host, settings, paths, ExitCodeOf, report => WriteSummary(settings, report), cancellationToken);
        }

        var indexPath = host.ResolveIndex(settings.Index);
        using var embedder = OpenEmbedder(settings, indexPath);
        var options = new SearchIndexOptions { AnalyzerName = settings.Analyzer, Recreate = settings.Rebuild, Embedder = embedder };
        var indexing = settings.ToIndexingOptions();
        using var index = SearchIndex.Open(indexPath, options);
        var report = IndexProgressView.Run(host, progress =>
            index.IndexFiles(paths, indexing, progress, cancellationToken), embedder?.Model.Name);
        report = WithMissingEmbeddings(index, settings, indexing, report, cancellationToken);

        WriteSummary(settings, report);
        if (report.Discarded)
        {
            host.Error.WriteLine("searchkit: interrupted; the rebuild is discarded and the index is as it was before");
            return ExitCodes.Failure;
        }

        if (report.Cancelled)
        {
            host.Error.WriteLine("searchkit: interrupted; the articles indexed until then are committed");
            return ExitCodes.Failure;
        }

        if (settings.Watch)
        {
            // Failures of the first run are listed above; the watch goes on, and a fixed file is picked up then.
            return IndexWatch.Run(host, index, paths[0], indexing, settings.Json, cancellationToken);
        }

        return ExitCodeOf(report);
    }

    // `index -`: JSON Lines from standard input, with the same progress, summary, commits and cancellation as a
    // file run; nothing is removed, since a stream has no files that could have vanished.
    private int IndexStandardInput(IndexSettings settings, CancellationToken cancellationToken)
    {
        var indexPath = host.ResolveIndex(settings.Index);
        using var embedder = OpenEmbedder(settings, indexPath);
        var options = new SearchIndexOptions { AnalyzerName = settings.Analyzer, Embedder = embedder };
        var indexing = settings.ToIndexingOptions();
        using var index = SearchIndex.Open(indexPath, options);
        using var input = host.OpenInput();
        var report = IndexProgressView.Run(host, progress =>
            index.IndexStream(input, "stdin", settings.IdPrefix, indexing, progress, cancellationToken), embedder?.Model.Name);
        report = WithMissingEmbeddings(index, settings, indexing, report, cancellationToken);
        WriteSummary(settings, report);
        if (report.Cancelled)
        {
            host.Error.WriteLine("searchkit: interrupted; the articles indexed until then are committed");
            return ExitCodes.Failure;
        }

        return ExitCodeOf(report);
    }

    /// <summary>
    /// The embedder of the run: the model <c>--embeddings</c> names, else the model of an index that already has
    /// embeddings (so later runs keep them in step), else none. The caller disposes it.
    /// </summary>
    private ITextEmbedder? OpenEmbedder(IndexSettings settings, string indexPath)
    {
        if (settings.Embeddings is { IsSet: true } asked)
        {
            return host.LoadEmbedder(string.IsNullOrWhiteSpace(asked.Value) ? null : asked.Value);
        }

        if (settings.Rebuild || SearchIndex.EmbeddingModelOf(indexPath) is not { } recorded)
        {
            return null;
        }

        return host.Embedders is null
            ? throw new UsageException($"{indexPath}: the index has embeddings (model {recorded}), which every run must keep in step; {CliHost.NoSemanticSupport}")
            : host.LoadEmbedder(recorded.Name);
    }

    /// <summary>
    /// With <c>--embeddings</c>, after a run that was not interrupted: embeds the articles the index held without
    /// vectors (unchanged files the run skipped), with progress, and adds them to the report's updated articles.
    /// </summary>
    private IndexingReport WithMissingEmbeddings(SearchIndex index, IndexSettings settings, IndexingOptions indexing, IndexingReport report, CancellationToken cancellationToken)
    {
        if (settings.Embeddings is not { IsSet: true } || report.Cancelled || report.Discarded)
        {
            return report;
        }

        // Checked first so that a run with nothing left to embed says nothing about embedding time.
        var stats = index.GetStats(topTerms: 0);
        if (stats.Articles <= stats.ArticlesWithEmbeddings)
        {
            return report;
        }

        var missing = IndexProgressView.Run(host, progress => index.EmbedMissing(indexing, progress, cancellationToken), index.EmbeddingModel?.Name);
        if (missing.Indexed > 0)
        {
            host.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"searchkit: embedded {missing.Indexed:N0} article(s) indexed before without embeddings"));
        }

        return report with
        {
            Updated = report.Updated + missing.Updated,
            Unchanged = Math.Max(0, report.Unchanged - missing.Updated),
            Cancelled = missing.Cancelled,
            Elapsed = report.Elapsed + missing.Elapsed,
        };
    }

    private void WriteSummary(IndexSettings settings, IndexingReport report)
    {
        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(IndexRenderer.ToJson(report));
        }
        else
        {
            IndexRenderer.WriteSummary(output, report);
        }
    }

    private int ExitCodeOf(IndexingReport report)
    {
        if (report.Failures.Count > 0)
        {
            host.Error.WriteLine($"searchkit: {report.Failures.Count} file(s) or line(s) could not be indexed (listed above); the rest are indexed and committed");
            return ExitCodes.SomeFilesFailed;
        }

        return ExitCodes.Success;
    }
}
