using System.Globalization;
using SearchKit.Indexing;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>An index's statistics on screen, or as one JSON object.</summary>
internal static class StatsRenderer
{
    /// <summary>The facts, one a line, under the index's location.</summary>
    public static void Write(Output output, string location, IndexStats stats)
    {
        var lastCommit = stats.LastCommit?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "unknown";
        output.Line($"[bold]{Markup.Escape(location)}[/]");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  articles     {stats.Articles:N0}{(stats.DeletedArticles > 0 ? $" (+{stats.DeletedArticles:N0} deleted, not yet merged away)" : string.Empty)}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  paragraphs   {stats.Paragraphs:N0}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  segments     {stats.Segments:N0}"));
        output.Line(string.Create(CultureInfo.InvariantCulture, $"  size         {stats.SizeBytes / 1e6:0.00} MB ({stats.SizeBytes:N0} bytes)"));
        output.Line($"  analyzer     {Markup.Escape(stats.Analyzer)}");
        if (stats.EmbeddingModel is { } model)
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"  embeddings   {Markup.Escape(model.ToString())}, {stats.ArticlesWithEmbeddings:N0} of {stats.Articles:N0} articles"));
        }

        output.Line($"  last commit  {lastCommit}");
        if (stats.TopTerms.Count > 0)
        {
            var terms = stats.TopTerms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Term} ({t.Articles:N0})"));
            output.Line($"  top terms    {Markup.Escape(string.Join(", ", terms))}");
        }

        if (stats.Fields.Count > 0)
        {
            output.Line("  fields");
            int width = stats.Fields.Max(f => f.Name.Length);
            foreach (var f in stats.Fields)
            {
                output.Line(string.Create(CultureInfo.InvariantCulture, $"    {Markup.Escape(f.Name.PadRight(width))}  {FieldKindName(f.Kind),-7}  {f.Articles:N0} articles"));
            }
        }
    }

    /// <summary>A kind as the output names it: keyword, number, date.</summary>
    public static string FieldKindName(Articles.FieldKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The <c>--json</c> object: articles, paragraphs, segments, sizeBytes, analyzer, embeddings {name, version, dimensions, articles} (only for an index with embeddings), lastCommit, deletedArticles, topTerms [{term, articles}], fields [{name, kind, articles}].</summary>
    public static string ToJson(IndexStats stats) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("articles", stats.Articles);
        w.WriteNumber("paragraphs", stats.Paragraphs);
        w.WriteNumber("segments", stats.Segments);
        w.WriteNumber("sizeBytes", stats.SizeBytes);
        w.WriteString("analyzer", stats.Analyzer);
        if (stats.EmbeddingModel is { } model)
        {
            w.WriteStartObject("embeddings");
            w.WriteString("name", model.Name);
            w.WriteString("version", model.Version);
            w.WriteNumber("dimensions", model.Dimensions);
            w.WriteNumber("articles", stats.ArticlesWithEmbeddings);
            w.WriteEndObject();
        }

        w.String("lastCommit", stats.LastCommit?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("deletedArticles", stats.DeletedArticles);
        w.ObjectArray("topTerms", stats.TopTerms, (w, t) =>
        {
            w.WriteString("term", t.Term);
            w.WriteNumber("articles", t.Articles);
        });
        w.ObjectArray("fields", stats.Fields, (w, f) =>
        {
            w.WriteString("name", f.Name);
            w.WriteString("kind", FieldKindName(f.Kind));
            w.WriteNumber("articles", f.Articles);
        });
        w.WriteEndObject();
    });
}
