using System.ComponentModel;
using System.Text;
using SearchKit.Cli.Rendering;
using SearchKit.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class EvalSettings : IndexedSettings
{
    [CommandOption("--queries <FILE>")]
    [Description("The test queries: TSV (id<TAB>text) or BEIR JSON Lines ({\"_id\", \"text\"}). Read as plain words, not query syntax.")]
    public string? Queries { get; init; }

    [CommandOption("--qrels <FILE>")]
    [Description("The relevance judgements: TREC (qid 0 docid rel) or BEIR TSV (query-id corpus-id score, with a header line).")]
    public string? Qrels { get; init; }

    [CommandOption("--per-query")]
    [Description("Also show the measures of each query.")]
    public bool PerQuery { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: queries and metrics (ndcg@10, map, mrr@10, p@10, recall@100, recall@1000), plus perQuery with --per-query.")]
    public bool Json { get; init; }

    [CommandOption("--run-out <FILE>")]
    [Description("Also write the rankings (top 1000 per judged query) as a TREC run file (qid Q0 docid rank score tag), for trec_eval.")]
    public string? RunOut { get; init; }

    [CommandOption("--run-tag <TAG>")]
    [Description("The tag in the last column of the run file.")]
    [DefaultValue(TrecRunWriter.DefaultTag)]
    public string RunTag { get; init; } = TrecRunWriter.DefaultTag;

    [CommandOption("--mode <MODE>")]
    [Description(SearchModeOptions.ModeDescription)]
    public string? Mode { get; init; }

    [CommandOption("--fusion <FUSION>")]
    [Description(SearchModeOptions.FusionDescription)]
    public string? Fusion { get; init; }

    [CommandOption("--feedback")]
    [Description("Rank with RM3 pseudo-relevance feedback (better recall and MAP, about twice the search time).")]
    public bool Feedback { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Queries) || string.IsNullOrWhiteSpace(Qrels))
        {
            return ValidationResult.Error("eval needs both --queries FILE and --qrels FILE");
        }

        return string.IsNullOrWhiteSpace(RunTag) || RunTag.Any(char.IsWhiteSpace)
            ? ValidationResult.Error("--run-tag must be one word (no spaces)")
            : ValidationResult.Success();
    }
}

/// <summary><c>searchkit eval</c>: runs test queries against the index and scores them against relevance judgements.</summary>
internal sealed class EvalCommand(CliHost host) : Command<EvalSettings>
{
    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        // Both files are read before the index is opened, so a typo in either is reported at once.
        var queries = Read(settings.Queries!, (reader, source) => QueryFile.Read(reader, source));
        var qrels = Read(settings.Qrels!, (reader, source) => Qrels.Read(reader, source));
        if (!queries.Any(q => qrels.IsJudged(q.Id)))
        {
            throw new UsageException($"none of the {queries.Count} queries in {settings.Queries} is judged in {settings.Qrels} (do the query ids match?)");
        }

        var evaluation = EvaluationOptions.Default with { Mode = SearchModeOptions.ParseMode(settings.Mode), Hybrid = SearchModeOptions.Hybrid(settings.Fusion) };
        using var session = SearchSession.Open(host, host.ResolveIndex(settings.Index), evaluation.Mode, settings.Feedback ? RankingOptions.DefaultWithFeedback : RankingOptions.Default);
        var index = session.Index;
        var report = Evaluator.Evaluate(index, queries, qrels, evaluation, cancellation: cancellationToken);

        if (settings.RunOut is not null)
        {
            StreamWriter run;
            try
            {
                run = new StreamWriter(host.ResolvePath(settings.RunOut), append: false, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{settings.RunOut}: cannot write the run file ({e.Message})");
            }

            using (run)
            {
                TrecRunWriter.Write(run, report.Runs, settings.RunTag);
            }
        }

        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(EvalRenderer.ToJson(report, settings.PerQuery));
        }
        else
        {
            EvalRenderer.Write(output, report, settings.PerQuery, settings.Feedback ? "default + RM3 feedback" : "default");
        }

        // Notes go to standard error so that standard output stays one table or one JSON object.
        if (report.UnjudgedQueries > 0)
        {
            host.Error.WriteLine($"searchkit: {report.UnjudgedQueries} of {queries.Count} queries have no judgements and do not count");
        }

        if (report.MissingQueries.Count > 0)
        {
            host.Error.WriteLine($"searchkit: {report.MissingQueries.Count} judged queries are not in {settings.Queries} and do not count");
        }

        foreach (var failed in report.PerQuery.Where(q => q.Error is not null))
        {
            host.Error.WriteLine($"searchkit: query {failed.QueryId} could not be run and counts as 0: {failed.Error}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads one input file; errors name the file as the user gave it.</summary>
    private T Read<T>(string given, Func<TextReader, string, T> read)
    {
        var full = host.ResolvePath(given);
        if (!File.Exists(full))
        {
            throw new UsageException($"{given}: no such file");
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(full, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{given}: cannot open the file ({e.Message})");
        }

        using (reader)
        {
            return read(reader, given);
        }
    }
}
