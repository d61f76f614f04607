using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Mapping;

namespace SearchKit.Elasticsearch.Indexing;

/// <summary>
/// The <c>_bulk</c> NDJSON of articles: an <c>index</c> action line naming the index and the article id, then the
/// article's source line. One home for the format: the bulk indexer sends it, the export writes it to files.
/// </summary>
public static class BulkLines
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The two lines (each ending in '\n') that index <paramref name="article"/> into <paramref name="indexName"/> (omitted from the action when null).</summary>
    public static string For(Article article, string? indexName)
    {
        ArgumentNullException.ThrowIfNull(article);
        var target = new JsonObject();
        if (indexName is not null)
        {
            target["_index"] = indexName;
        }

        target["_id"] = article.Id;
        var action = new JsonObject { ["index"] = target };
        var sb = new StringBuilder();
        sb.Append(action.ToJsonString(Compact)).Append('\n');
        sb.Append(ArticleSource.ToSource(article).ToJsonString(Compact)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The bytes <paramref name="lines"/> take in UTF-8.</summary>
    public static int ByteCount(string lines) => Encoding.UTF8.GetByteCount(lines);
}
