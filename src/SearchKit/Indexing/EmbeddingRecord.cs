using System.Text.Json;
using SearchKit.Analysis;

namespace SearchKit.Indexing;

/// <summary>
/// The embedding model an index's vectors come from, as its commit data records it (<see cref="CommitKey"/>, JSON
/// <c>{"name":…,"version":…,"dimensions":…}</c>), and the rule that an index with vectors is opened only with that model.
/// </summary>
internal static class EmbeddingRecord
{
    /// <summary>The commit-data key.</summary>
    public const string CommitKey = "searchkit.embeddings";

    public static string ToJson(EmbeddingModelInfo model) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = model.Name, ["version"] = model.Version, ["dimensions"] = model.Dimensions });

    /// <summary>The model a commit records, or null when the index has no embeddings.</summary>
    /// <exception cref="SearchKitIndexException">The record cannot be read (<see cref="IndexProblem.Damaged"/>).</exception>
    public static EmbeddingModelInfo? FromCommitData(IDictionary<string, string>? data, string location)
    {
        if (data is null || !data.TryGetValue(CommitKey, out var json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var model = new EmbeddingModelInfo(root.GetProperty("name").GetString()!, root.GetProperty("version").GetString()!, root.GetProperty("dimensions").GetInt32());
            return model.Dimensions > 0 && model.Name is not null && model.Version is not null ? model : throw new FormatException("no dimensions");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SearchKitIndexException(IndexProblem.Damaged, $"{location}: the recorded embedding model cannot be read ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>Refuses an embedder whose model is not the one the index's vectors come from.</summary>
    /// <exception cref="SearchKitIndexException"><see cref="IndexProblem.EmbeddingMismatch"/>.</exception>
    public static void CheckMatches(EmbeddingModelInfo? recorded, ITextEmbedder? embedder, string location)
    {
        if (recorded is null || embedder is null)
        {
            return;
        }

        var given = embedder.Model;
        if (!string.Equals(recorded.Name, given.Name, StringComparison.Ordinal) || !string.Equals(recorded.Version, given.Version, StringComparison.Ordinal) || recorded.Dimensions != given.Dimensions)
        {
            throw new SearchKitIndexException(IndexProblem.EmbeddingMismatch, $"{location}: the index's embeddings come from the model {recorded}, not {given}; open it with that model, or rebuild it");
        }
    }
}
