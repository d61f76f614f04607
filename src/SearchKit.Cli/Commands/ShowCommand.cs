using System.ComponentModel;
using System.Globalization;
using SearchKit.Articles;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class ShowSettings : IndexedSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The article id (as search shows it).")]
    public string Id { get; init; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print the article as one JSON object.")]
    public bool Json { get; init; }
}

/// <summary><c>searchkit show ID</c>: one article read back from the index.</summary>
internal sealed class ShowCommand(CliHost host) : Command<ShowSettings>
{
    public override int Execute(CommandContext context, ShowSettings settings, CancellationToken cancellationToken)
    {
        using var index = settings.OpenForReading(host);
        var article = index.Get(settings.Id);
        if (article is null)
        {
            host.Error.WriteLine($"searchkit: no article with id '{settings.Id}' in {index.Location}");
            return ExitCodes.Failure;
        }

        var output = new Output(host.Out, host.OutIsTerminal);
        if (settings.Json)
        {
            output.Raw(ToJson(article));
            return ExitCodes.Success;
        }

        output.Line($"[bold]{Markup.Escape(article.Title)}[/]");
        if (article.Lead is not null)
        {
            output.Line($"[italic]{Markup.Escape(article.Lead)}[/]");
        }

        var meta = article.Metadata;
        var facts = new List<string> { $"id {article.Id}" };
        if (meta.SourcePath is not null)
        {
            facts.Add(SearchRenderer.DisplayPath(meta.SourcePath, host.CurrentDirectory));
        }

        if (meta.Category is not null)
        {
            facts.Add($"category {meta.Category}");
        }

        if (meta.Tags.Count > 0)
        {
            facts.Add($"tags {string.Join(", ", meta.Tags)}");
        }

        if (meta.Published is { } published)
        {
            facts.Add($"published {published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        if (meta.Url is not null)
        {
            facts.Add(meta.Url.ToString());
        }

        output.Line($"[dim]{Markup.Escape(string.Join(" · ", facts))}[/]");
        string? heading = null;
        foreach (var p in article.Paragraphs)
        {
            if (p.Heading is not null && p.Heading != heading)
            {
                output.Line();
                output.Line($"[blue bold]{Markup.Escape(p.Heading)}[/]");
            }

            heading = p.Heading;
            output.Line();
            output.Line($"[cyan]¶{p.Index}[/] {Markup.Escape(p.Text)}");
        }

        return ExitCodes.Success;
    }

    internal static string ToJson(Article article) => Json.Write(w =>
    {
        var meta = article.Metadata;
        w.WriteStartObject();
        w.WriteString("id", article.Id);
        w.WriteString("title", article.Title);
        w.String("lead", article.Lead);
        w.String("path", meta.SourcePath);
        w.String("category", meta.Category);
        w.WriteStartArray("tags");
        foreach (var tag in meta.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.String("published", meta.Published?.ToString("O", CultureInfo.InvariantCulture));
        w.String("url", meta.Url?.ToString());
        w.WriteStartArray("headings");
        foreach (var h in article.Headings)
        {
            w.WriteStringValue(h);
        }

        w.WriteEndArray();
        w.WriteStartArray("paragraphs");
        foreach (var p in article.Paragraphs)
        {
            w.WriteStartObject();
            w.WriteNumber("index", p.Index);
            w.String("heading", p.Heading);
            w.WriteString("text", p.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
