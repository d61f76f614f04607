using System.Reflection;
using SearchKit.Cli.Commands;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace SearchKit.Cli;

/// <summary>
/// The <c>searchkit</c> host: parses the arguments, runs one command against the injected <see cref="CliHost"/>
/// and turns every failure into one line on standard error and a documented exit code (see <see cref="ExitCodes"/>).
/// </summary>
public static class SearchKitApp
{
    /// <summary>The host's version, as <c>--version</c> prints it.</summary>
    public static string Version { get; } =
        typeof(SearchKitApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(SearchKitApp).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>
    /// The entry point of a process: wires the console, Ctrl-C and SIGTERM (a first one stops the running command
    /// cleanly, a second Ctrl-C ends the process) and runs the host with what the build adds to it: the lean tool
    /// passes <see cref="HostExtensions.None"/>, the other tool packages their model loader and cluster commands.
    /// </summary>
    public static int RunProcess(string[] args, HostExtensions extensions)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };

        // SIGTERM (a service manager stopping us) gets the same clean stop as Ctrl-C.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        });
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return Run(args, CliHost.FromProcess(cancel.Token) with { Embedders = extensions.Embedders, Cluster = extensions.Cluster });
    }

    /// <summary>Runs the host with <paramref name="args"/> and returns its exit code. Never throws.</summary>
    public static int Run(IReadOnlyList<string> args, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        args = IndexSettings.MarkStandardInput(args);
        var output = new Output(host.Out, host.OutIsTerminal);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("searchkit");
            config.SetApplicationVersion(Version);
            config.ConfigureConsole(output.Console);
            config.PropagateExceptions();
            config.Settings.StrictParsing = true;
            config.CancellationExitCode(ExitCodes.Failure);
            config.Settings.Registrar.RegisterInstance(host);
            config.SetHelpProvider(new ExitCodeHelp(config.Settings));
            config.AddCommand<IndexCommand>("index").WithDescription("Index article files and folders (*.txt plain text, *.md Markdown, *.html/*.htm web pages, *.docx Word documents, *.pdf, *.jsonl JSON Lines, *.jsonl.gz, *.txt.gz, *.md.gz and *.html.gz compressed, or a BEIR corpus with --format beir), or JSON Lines from standard input with -; re-runs skip unchanged files.")
                .WithExample("index", "articles/").WithExample("index", "articles/", "--watch").WithExample("index", "news.jsonl", "--index", "/var/lib/news-index", "--threads", "2");
            config.AddCommand<SearchCommand>("search").WithDescription("Search the index and show the matching paragraphs of each hit; --filter, --sort and --after narrow, order and page by metadata.")
                .WithExample("search", "harbour AND ferry").WithExample("search", "\"night hours\"", "--json").WithExample("search", "ferry", "--filter", "category=sport", "--filter", "\"published>=2024-06\"", "--sort", "newest").WithExample("search", "--filter", "\"tags=oil&gas\"", "--sort=-wordcount");
            config.AddCommand<EvalCommand>("eval").WithDescription("Measure ranking quality: run test queries and score them against relevance judgements (nDCG@10, MAP, MRR@10, P@10, recall).")
                .WithExample("eval", "--queries", "queries.jsonl", "--qrels", "qrels/test.tsv").WithExample("eval", "--queries", "topics.tsv", "--qrels", "qrels.txt", "--json", "--run-out", "run.txt");
            config.AddCommand<RelatedCommand>("related").WithDescription("Show the articles most like one article (its most distinctive words, found with MoreLikeThis).");
            config.AddCommand<CompleteCommand>("complete").WithDescription("Show the completions a search box would offer for a prefix: words of the index and article titles.");
            config.AddCommand<ShellCommand>("shell").WithDescription("Query the index interactively (or one query per line from piped input).");
            config.AddCommand<ShowCommand>("show").WithDescription("Show one article from the index: title, lead, headings and numbered paragraphs.");
            config.AddCommand<StatsCommand>("stats").WithDescription("Counts and facts about the index: articles, paragraphs, segments, size, analyzer, top terms, metadata fields (kind, articles).");
            config.AddCommand<ExportCommand>("export").WithDescription("Write the index's articles for loading elsewhere: --format elasticsearch gives template.json and _bulk NDJSON files.")
                .WithExample("export", "--format", "elasticsearch", "--out", "es-export", "--es-index", "news");
            config.AddCommand<DeleteCommand>("delete").WithDescription("Delete articles by id.");
            config.AddCommand<OptimizeCommand>("optimize").WithDescription("Merge the index's segments (smaller and faster to search).");
            config.AddCommand<CheckCommand>("check").WithDescription("Check the index with Lucene's CheckIndex; exits 4 when it is damaged.");
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure indexing and search speed (library benchmarks; see docs/benchmarks.md).");
                bench.AddCommand<BenchIndexCommand>("index").WithDescription("Index a corpus (or a synthetic one) into scratch indexes over a settings matrix: articles/s, MB/s, paragraphs/s, size, memory.")
                    .WithExample("bench", "index", "--articles", "5000", "--runs", "2").WithExample("bench", "index", "news.jsonl", "--threads", "1,2", "--directory", "mmap,nio", "--chart", "index.svg");
                bench.AddCommand<BenchQueryCommand>("query").WithDescription("Run a file of queries against an index for a fixed time: QPS, p50/p95/p99 latency, the slowest queries.")
                    .WithExample("bench", "query", "queries.txt", "--index", "idx", "--seconds", "10", "--concurrency", "2");
            });
            config.AddCommand<DemoCommand>("demo").WithDescription("Index the bundled samples into a temporary index and run example queries.");
        });

        try
        {
            if (args.Count == 0)
            {
                // No command is a usage error: show the help, but say so in the exit code.
                app.Run(["--help"], host.Cancellation);
                return ExitCodes.Usage;
            }

            OptionValues.RequireTrailingValue(args);
            return app.Run(args, host.Cancellation);
        }
        catch (Exception e)
        {
            var (code, message) = ErrorDescriptions.Describe(e);
            host.Error.WriteLine($"searchkit: {TerminalText.Shorten(TerminalText.Neutralise(message))}");
            if (args.Contains("--verbose") || args.Contains("-v"))
            {
                host.Error.WriteLine(e.ToString());
            }
            else if (e is UsageException or CommandAppException)
            {
                host.Error.WriteLine("searchkit: see 'searchkit --help' or 'searchkit COMMAND --help'");
            }

            return code;
        }
    }

    /// <summary>Spectre's help with the exit codes added under every command.</summary>
    private sealed class ExitCodeHelp(ICommandAppSettings settings) : HelpProvider(settings)
    {
        public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
        {
            var lines = new List<IRenderable>(base.GetFooter(model, command))
            {
                new Markup(Environment.NewLine + "[yellow]EXIT CODES:[/]" + Environment.NewLine),
            };
            foreach (var (code, meaning) in ExitCodes.Table)
            {
                lines.Add(new Markup($"    {code}   {Markup.Escape(meaning)}{Environment.NewLine}"));
            }

            lines.Add(new Markup($"{Environment.NewLine}The index is --index DIR, else ${CliHost.IndexVariable}, else .searchkit/ in the current folder.{Environment.NewLine}"));
            return lines;
        }
    }
}
