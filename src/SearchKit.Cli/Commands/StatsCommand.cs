using System.ComponentModel;
using System.Globalization;
using SearchKit.Cli.Rendering;
using SearchKit.Indexing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class StatsSettings : IndexedSettings
{
    [CommandOption("--terms <N>")]
    [Description("How many of the most frequent terms to list.")]
    [DefaultValue(10)]
    public int Terms { get; init; } = 10;

    [CommandOption("--json")]
    [Description("Print one JSON object: articles, paragraphs, segments, sizeBytes, analyzer, lastCommit, deletedArticles, topTerms.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Terms is < 0 or > 10_000 ? ValidationResult.Error("--terms must be between 0 and 10000") : ValidationResult.Success();
}

/// <summary><c>searchkit stats</c>: counts and facts about the index at its last commit.</summary>
internal sealed class StatsCommand(CliHost host) : Command<StatsSettings>
{
    public override int Execute(CommandContext context, StatsSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var stats = index.GetStats(settings.Terms);
        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(ToJson(stats));
            return ExitCodes.Success;
        }

        var lastCommit = stats.LastCommit?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "unknown";
        output.Line($"[bold]{Markup.Escape(index.Location)}[/]");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  articles     {stats.Articles:N0}{(stats.DeletedArticles > 0 ? $" (+{stats.DeletedArticles:N0} deleted, not yet merged away)" : string.Empty)}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  paragraphs   {stats.Paragraphs:N0}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  segments     {stats.Segments:N0}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  size         {stats.SizeBytes / 1e6:0.00} MB ({stats.SizeBytes:N0} bytes)"));
        output.Line($"  analyzer     {Markup.Escape(stats.Analyzer)}");
        output.Line($"  last commit  {lastCommit}");
        if (stats.TopTerms.Count > 0)
        {
            var terms = stats.TopTerms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Term} ({t.Articles:N0})"));
            output.Line($"  top terms    {Markup.Escape(string.Join(", ", terms))}");
        }

        return ExitCodes.Success;
    }

    internal static string ToJson(IndexStats stats) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("articles", stats.Articles);
        w.WriteNumber("paragraphs", stats.Paragraphs);
        w.WriteNumber("segments", stats.Segments);
        w.WriteNumber("sizeBytes", stats.SizeBytes);
        w.WriteString("analyzer", stats.Analyzer);
        w.String("lastCommit", stats.LastCommit?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("deletedArticles", stats.DeletedArticles);
        w.WriteStartArray("topTerms");
        foreach (var t in stats.TopTerms)
        {
            w.WriteStartObject();
            w.WriteString("term", t.Term);
            w.WriteNumber("articles", t.Articles);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
