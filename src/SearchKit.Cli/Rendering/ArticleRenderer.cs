using System.Globalization;
using SearchKit.Articles;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>One article read back from the index, on screen or as one JSON object.</summary>
internal static class ArticleRenderer
{
    /// <summary>The title, lead, a line of facts, then the numbered paragraphs under their headings.</summary>
    public static void Write(Output output, Article article, string currentDirectory)
    {
        output.Line($"[bold]{Markup.Escape(article.Title)}[/]");
        if (article.Lead is not null)
        {
            output.Line($"[italic]{Markup.Escape(article.Lead)}[/]");
        }

        var meta = article.Metadata;
        var facts = new List<string> { $"id {article.Id}" };
        if (meta.SourcePath is not null)
        {
            facts.Add(SearchRenderer.DisplayPath(meta.SourcePath, currentDirectory));
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
        foreach (var (name, values) in meta.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output.Line($"[dim]{Markup.Escape(name)}:[/] {Markup.Escape(TerminalText.Neutralise(string.Join(", ", values)))}");
        }
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
    }

    /// <summary>The <c>--json</c> object: id, title, lead, path, category, tags, published, url, fields (the named fields: one value a scalar, several an array), headings, paragraphs [{index, heading, text}].</summary>
    public static string ToJson(Article article) => Json.Write(w =>
    {
        var meta = article.Metadata;
        w.WriteStartObject();
        w.WriteString("id", article.Id);
        w.WriteString("title", article.Title);
        w.String("lead", article.Lead);
        w.String("path", meta.SourcePath);
        w.String("category", meta.Category);
        w.Array("tags", meta.Tags, (w, tag) => w.WriteStringValue(tag));
        w.String("published", meta.Published?.ToString("O", CultureInfo.InvariantCulture));
        w.String("url", meta.Url?.ToString());
        w.Fields("fields", meta.Fields);
        w.Array("headings", article.Headings, (w, h) => w.WriteStringValue(h));
        w.ObjectArray("paragraphs", article.Paragraphs, (w, p) =>
        {
            w.WriteNumber("index", p.Index);
            w.String("heading", p.Heading);
            w.WriteString("text", p.Text);
        });
        w.WriteEndObject();
    });
}
