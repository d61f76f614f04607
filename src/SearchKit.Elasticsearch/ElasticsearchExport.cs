using System.Text;
using System.Text.Json;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Indexing;
using SearchKit.Elasticsearch.Mapping;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch;

/// <summary>What an export wrote.</summary>
/// <param name="Articles">Articles written.</param>
/// <param name="Files">The bulk files, in order (<c>bulk-0001.ndjson</c>, …), then <c>template.json</c>.</param>
public sealed record ExportReport(long Articles, IReadOnlyList<string> Files);

/// <summary>
/// Writes articles for loading into Elasticsearch with one's own tooling: <c>template.json</c> (the body of
/// <c>PUT _index_template/INDEX</c>) and <c>bulk-0001.ndjson</c>, … (bodies of <c>POST _bulk</c>: an action line and
/// a source line per article, each file at most <c>maxFileBytes</c> unless one article alone is larger).
/// </summary>
public static class ElasticsearchExport
{
    /// <summary>The default bound of one bulk file: 50 MiB, well under Elasticsearch's 100 MB request limit.</summary>
    public const long DefaultMaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Writes <paramref name="articles"/> into <paramref name="folder"/> (created when missing) for the index <paramref name="indexName"/>.</summary>
    /// <exception cref="ArgumentException">The index name is not one Elasticsearch accepts, or the bound is below 1 KiB.</exception>
    /// <exception cref="IOException">A file could not be written.</exception>
    public static ExportReport Write(IEnumerable<Article> articles, string folder, string indexName = ElasticsearchOptions.DefaultIndexName, long maxFileBytes = DefaultMaxFileBytes, RankingOptions? ranking = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (ElasticsearchOptions.IndexProblem(indexName) is { } problem)
        {
            throw new ArgumentException(problem, nameof(indexName));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1024);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        long count = 0, size = 0;
        StreamWriter? writer = null;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        try
        {
            foreach (var article in articles)
            {
                cancellation.ThrowIfCancellationRequested();
                var lines = BulkLines.For(article, indexName);
                int bytes = BulkLines.ByteCount(lines);
                if (writer is null || (size > 0 && size + bytes > maxFileBytes))
                {
                    writer?.Dispose();
                    var path = Path.Combine(folder, $"bulk-{files.Count + 1:D4}.ndjson");
                    files.Add(path);
                    writer = new StreamWriter(path, append: false, utf8) { NewLine = "\n" };
                    size = 0;
                }

                writer.Write(lines);
                size += bytes;
                count++;
            }
        }
        finally
        {
            writer?.Dispose();
        }

        var template = Path.Combine(folder, "template.json");
        File.WriteAllText(template, IndexTemplate.Build(indexName, ranking).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", utf8);
        files.Add(template);
        return new ExportReport(count, files);
    }

    /// <summary>
    /// Every article of an embedded index, read back from its stored fields in id order (a match-all search paged by
    /// cursor, then each article by id), for <see cref="Write"/>.
    /// </summary>
    public static IEnumerable<Article> ReadAll(SearchIndex index, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        var options = new SearchOptions { Top = 500, Paragraphs = false, SuggestBelow = 0 };
        string? after = null;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = index.Search("*:*", options with { After = after }, cancellation);
            foreach (var hit in page.Hits)
            {
                if (index.Get(hit.Id) is { } article)
                {
                    yield return article;
                }
            }

            if (page.NextCursor is null || page.Hits.Count == 0)
            {
                yield break;
            }

            after = page.NextCursor;
        }
    }
}
