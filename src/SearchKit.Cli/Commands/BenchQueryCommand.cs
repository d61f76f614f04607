using System.ComponentModel;
using System.Globalization;
using SearchKit.Benchmarking;
using SearchKit.Cli.Rendering;
using SearchKit.Searching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class BenchQuerySettings : BenchSettings
{
    [CommandArgument(0, "<QUERIES_FILE>")]
    [Description("Queries in Lucene syntax, one a line; blank lines and lines starting with # are skipped.")]
    public string Queries { get; init; } = string.Empty;

    [CommandOption("--index <DIR>")]
    [Description("The index folder. Default: $SEARCHKIT_INDEX, else .searchkit/ in the current folder.")]
    public string? Index { get; init; }

    [CommandOption("--seconds <S>")]
    [Description("How long each phase measures.")]
    [DefaultValue(10.0)]
    public double Seconds { get; init; } = 10;

    [CommandOption("--warmup <S>")]
    [Description("Seconds of queries before each phase measures (JIT, caches).")]
    [DefaultValue(2.0)]
    public double Warmup { get; init; } = 2;

    [CommandOption("--concurrency <N>")]
    [Description("Client threads of the second phase (a single-threaded phase always runs first); 1 runs only that.")]
    [DefaultValue(2)]
    public int Concurrency { get; init; } = 2;

    [CommandOption("--top <N>")]
    [Description("Hits per query.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--no-paragraphs")]
    [Description("Leave out paragraph attribution and snippets (ids, titles and scores only).")]
    public bool NoParagraphs { get; init; }

    [CommandOption("--passages")]
    [Description("Rank single paragraphs (passage mode), as search --passages.")]
    public bool Passages { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description(SearchModeOptions.ModeDescription)]
    public string? Mode { get; init; }

    [CommandOption("--fusion <FUSION>")]
    [Description(SearchModeOptions.FusionDescription)]
    public string? Fusion { get; init; }

    [CommandOption("--filter <EXPR>")]
    [Description("Run every query under this filter (repeatable; as search --filter). Repeated queries reuse the cached filter, as an application's would.")]
    public string[] Filters { get; init; } = [];

    [CommandOption("--sort <ORDER>")]
    [Description("Order the hits (as search --sort: relevance, newest, oldest, FIELD, -FIELD).")]
    public string? Sort { get; init; }

    [CommandOption("--facet <FACET>")]
    [Description("Count this facet for every query (repeatable; as search --facet: FIELD, FIELD:N, FIELD:month, FIELD:0..100,100..).")]
    public string[] Facets { get; init; } = [];

    [CommandOption("--slowest <N>")]
    [Description("How many of the slowest queries to list.")]
    [DefaultValue(10)]
    public int Slowest { get; init; } = 10;

    public override ValidationResult Validate()
    {
        if (Seconds is <= 0 or > 86_400 || Warmup is < 0 or > 86_400)
        {
            return ValidationResult.Error("--seconds must be more than 0 and --warmup at least 0 (both at most a day)");
        }

        if (Concurrency is < 1 or > 1024 || Top is < 1 or > 10_000 || Slowest < 0)
        {
            return ValidationResult.Error("--concurrency must be 1 to 1024, --top 1 to 10000 and --slowest at least 0");
        }

        return base.Validate();
    }

    public QueryBenchmarkOptions ToOptions() => QueryBenchmarkOptions.Default with
    {
        Duration = TimeSpan.FromSeconds(Seconds),
        Warmup = TimeSpan.FromSeconds(Warmup),
        Concurrency = Concurrency,
        SlowestCount = Slowest,
        Search = SearchOptions.Default with
        {
            Top = Top,
            Paragraphs = !NoParagraphs,
            Passages = Passages,
            Filters = [.. Filters.Select(SearchFilter.Parse)],
            Sort = Sort is null ? SearchSort.Relevance : SearchSort.Parse(Sort),
            Facets = [.. Facets.Select(FacetRequest.Parse)],
            Mode = SearchModeOptions.ParseMode(Mode),
            Hybrid = SearchModeOptions.Hybrid(Fusion),
        },
    };
}

/// <summary><c>searchkit bench query</c>: the library's <see cref="QueryBenchmark"/> on an existing index, rendered.</summary>
internal sealed class BenchQueryCommand(CliHost host) : Command<BenchQuerySettings>
{
    public override int Execute(CommandContext context, BenchQuerySettings settings, CancellationToken cancellationToken)
    {
        // The queries are read before the index is opened, so a typo in the file name is reported at once.
        var path = host.ResolvePath(settings.Queries);
        if (!File.Exists(path))
        {
            throw new UsageException($"{settings.Queries}: no such queries file");
        }

        var queries = QueryBenchmark.ReadQueries(path);
        if (queries.Count == 0)
        {
            throw new UsageException($"{settings.Queries}: no queries (one a line; # starts a comment)");
        }

        // Filters, sort and facets are read before the index is opened: a malformed one is the user's to fix whatever the index.
        var options = settings.ToOptions();
        using var session = SearchSession.Open(host, host.ResolveIndex(settings.Index), options.Search.Mode);
        var index = session.Index;
        host.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"searchkit: {queries.Count} queries, {options.Warmup.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s per phase, concurrency 1{(options.Concurrency > 1 ? $" then {options.Concurrency}" : string.Empty)}"));
        var result = QueryBenchmark.Run(index, queries, options, cancellationToken);

        settings.Write(host, result.ToJson, result.ToCsv, output => BenchRenderer.WriteQuery(output, result), () => BenchChart.Query(result));
        return ExitCodes.Success;
    }
}
