using System.Globalization;
using SearchKit.Searching;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>Renders search results for people (rank, score, title, path, matching paragraphs) or as one JSON object.</summary>
internal static class SearchRenderer
{
    /// <summary>The search options for a rendering mode: human output asks for control-character markers to colour.</summary>
    public static SearchOptions Options(int top, int skip, bool passages, bool explain, bool json) => new()
    {
        Top = top,
        Skip = skip,
        Passages = passages,
        Explain = explain,
        HighlightStart = json ? Highlighting.PlainStart : Highlighting.Start,
        HighlightEnd = json ? Highlighting.PlainEnd : Highlighting.End,
    };

    /// <summary>
    /// The <c>--json</c> shape: <c>{"mode":"keyword|semantic|hybrid","query","total","totalIsLowerBound","tookMs","suggestion":{"query","total"}|null,"hits":[{"id","title","path","score","fields","paragraphs":[{"index","heading","text","snippet","highlights":[{"start","length"}],"similarity"}]}],"nextCursor","facets":{"FIELD":{"values":[{"value","count"}],"other"}}}</c>,
    /// plus <c>explanation</c> per hit when asked for; <c>similarity</c> (cosine, to the query) only on paragraphs of
    /// semantic and hybrid hits. The snippet's « » markers can also occur in the text itself;
    /// <c>highlights</c> (UTF-16 offsets into <c>text</c>) are the reliable way to find the matched terms.
    /// </summary>
    public static string ToJson(SearchResults results) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("mode", ModeName(results.Mode));
        w.WriteString("query", results.Query);
        w.WriteNumber("total", results.Total);
        w.WriteBoolean("totalIsLowerBound", results.TotalIsLowerBound);
        w.WriteNumber("tookMs", Math.Round(results.Took.TotalMilliseconds, 2));
        if (results.Suggestion is { } suggestion)
        {
            w.WriteStartObject("suggestion");
            w.WriteString("query", suggestion.Query);
            w.WriteNumber("total", suggestion.Total);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("suggestion");
        }

        w.ObjectArray("hits", results.Hits, (w, hit) =>
        {
            w.WriteString("id", hit.Id);
            w.WriteString("title", hit.Title);
            w.String("path", hit.Path);
            w.WriteNumber("score", Math.Round((double)hit.Score, 4));
            w.Fields("fields", hit.Fields);
            w.ObjectArray("paragraphs", hit.Paragraphs, (w, p) =>
            {
                w.WriteNumber("index", p.Index);
                w.String("heading", p.Heading);
                w.WriteString("text", p.Text);
                w.WriteString("snippet", p.Snippet);
                w.ObjectArray("highlights", p.Highlights, (w, span) =>
                {
                    w.WriteNumber("start", span.Start);
                    w.WriteNumber("length", span.Length);
                });
                if (p.Similarity is { } similarity)
                {
                    w.WriteNumber("similarity", Math.Round((double)similarity, 4));
                }
            });
            if (hit.Explanation is not null)
            {
                w.WriteString("explanation", hit.Explanation);
            }
        });
        w.String("nextCursor", results.NextCursor);
        Facets(w, results.Facets);
        w.WriteEndObject();
    });

    /// <summary>
    /// <c>"facets":{"FIELD":{"values":[{"value","count"}],"other":N},...}</c>, in the order asked for: an object per
    /// field, so that <c>other</c> (the counts of a terms facet's values not shown; 0 for histograms and ranges) sits
    /// beside its values. Empty when no facet was asked for.
    /// </summary>
    private static void Facets(System.Text.Json.Utf8JsonWriter w, IReadOnlyDictionary<string, FacetResult> facets)
    {
        w.WriteStartObject("facets");
        foreach (var (field, facet) in facets)
        {
            w.WriteStartObject(field);
            w.ObjectArray("values", facet.Values, (w, v) =>
            {
                w.WriteString("value", v.Value);
                w.WriteNumber("count", v.Count);
            });
            w.WriteNumber("other", facet.Other);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>The facets as one compact table after the hits: field, value, articles; a terms facet's rest as "(other)".</summary>
    public static void WriteFacets(Output output, SearchResults results)
    {
        if (results.Facets.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("facet").AddColumn("value").AddColumn(new TableColumn("articles").RightAligned());
        foreach (var (field, facet) in results.Facets)
        {
            string name = field;
            foreach (var v in facet.Values)
            {
                table.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(TerminalText.Neutralise(v.Value)), new Text(v.Count.ToString("N0", CultureInfo.InvariantCulture)));
                name = string.Empty;
            }

            if (facet.Values.Count == 0)
            {
                table.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text("(none)", new Style(decoration: Decoration.Dim)), new Text("0"));
            }

            if (facet.Other > 0)
            {
                table.AddRow(new Text(name), new Text("(other)", new Style(decoration: Decoration.Dim)), new Text(facet.Other.ToString("N0", CultureInfo.InvariantCulture)));
            }
        }

        output.Line();
        output.Console.Write(table);
    }

    /// <summary>Writes results for people: a header line, then each hit with its matching paragraphs.</summary>
    public static void Write(Output output, SearchResults results, SearchOptions options, string currentDirectory)
    {
        string unit = options.Passages ? "paragraph" : "article";
        string took = results.Took.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        string what = $"[italic]{Markup.Escape(results.Query)}[/]";
        if (options.Filters.Count > 0)
        {
            string filters = Markup.Escape(string.Join("; ", options.Filters));
            what = string.IsNullOrWhiteSpace(results.Query) ? $"the filters [italic]{filters}[/]" : $"{what} with the filters [italic]{filters}[/]";
        }

        if (results.Total == 0)
        {
            output.Line($"No {unit}s match {what} ({took} ms).");
            WriteFacets(output, results);
            WriteSuggestion(output, results);
            return;
        }

        string shown = results.Hits.Count == 0 ? "none on this page"
            : results.Hits.Count < results.Total ? $"showing {options.Skip + 1}–{options.Skip + results.Hits.Count}"
            : "showing all";
        string atLeast = results.TotalIsLowerBound ? "at least " : string.Empty;
        string by = results.Mode == SearchMode.Keyword ? string.Empty : $" by {(results.Mode == SearchMode.Semantic ? "meaning" : "words and meaning")}";
        output.Line($"{atLeast}[bold]{results.Total:N0}[/] {unit}{(results.Total == 1 ? " matches" : "s match")} {what}{by} ({took} ms), {shown}");
        int rank = options.Skip;
        foreach (var hit in results.Hits)
        {
            rank++;
            output.Line();
            string score = hit.Score.ToString("0.000", CultureInfo.InvariantCulture);
            output.Line($"{rank,3}. [bold]{Markup.Escape(hit.Title)}[/]  [dim]score {score}[/]");
            string where = hit.Path is null ? $"id {hit.Id}" : $"{DisplayPath(hit.Path, currentDirectory)}  (id {hit.Id})";
            output.Line($"     [dim]{Markup.Escape(where)}[/]");
            if (hit.Paragraphs.Count == 0 && !string.IsNullOrWhiteSpace(results.Query))
            {
                output.Line("     [dim](matched in the title, lead or headings)[/]");
            }

            foreach (var p in hit.Paragraphs)
            {
                string heading = p.Heading is null ? string.Empty : $"[blue]{Markup.Escape(p.Heading)} ›[/] ";

                // The snippet is rebuilt from the neutralised text and the highlight spans (one character for one, so
                // the spans still fit): a marker character inside the text can then never pass for a highlight.
                var snippet = Snippets.Build(TerminalText.Neutralise(p.Text), p.Highlights, options.SnippetLength, Highlighting.Start, Highlighting.End);
                string similarity = p.Similarity is { } sim ? $"[dim]≈{sim.ToString("0.00", CultureInfo.InvariantCulture)}[/] " : string.Empty;
                output.Line($"     [cyan]¶{p.Index}[/] {similarity}{heading}{Highlighting.ToMarkup(snippet, output.IsTerminal)}");
            }

            if (hit.Explanation is not null)
            {
                foreach (var line in hit.Explanation.TrimEnd().Split('\n'))
                {
                    output.Line($"     [dim]{Markup.Escape(line.TrimEnd())}[/]");
                }
            }
        }

        WriteFacets(output, results);
        WriteSuggestion(output, results);
    }

    /// <summary>The mode as the options and the JSON name it.</summary>
    public static string ModeName(SearchMode mode) => mode switch
    {
        SearchMode.Semantic => "semantic",
        SearchMode.Hybrid => "hybrid",
        _ => "keyword",
    };

    /// <summary>The "Did you mean" line, when the search proposed a corrected query.</summary>
    public static void WriteSuggestion(Output output, SearchResults results)
    {
        if (results.Suggestion is { } s)
        {
            output.Line($"Did you mean: [bold]{Markup.Escape(TerminalText.Neutralise(s.Query))}[/]? ({s.Total:N0} article{(s.Total == 1 ? string.Empty : "s")})");
        }
    }

    /// <summary>A path relative to the current folder when it lies under it, else as stored.</summary>
    public static string DisplayPath(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
