using SearchKit.Analysis;
using SearchKit.Searching;

namespace SearchKit.Cli.Commands;

/// <summary>
/// An index opened for searching in a mode, with the embedder of its model when the mode needs one: the index is
/// opened read-only first to learn its model, then with that model's embedder. Disposes both.
/// </summary>
internal sealed class SearchSession : IDisposable
{
    private readonly ITextEmbedder? _embedder;

    private SearchSession(SearchIndex index, ITextEmbedder? embedder)
    {
        Index = index;
        _embedder = embedder;
    }

    public SearchIndex Index { get; }

    /// <summary>Whether the index was opened with its model's embedder (semantic and hybrid search work).</summary>
    public bool HasEmbedder => _embedder is not null;

    /// <exception cref="UsageException">The mode needs embeddings and this build has no embedders, or the index has no embeddings.</exception>
    public static SearchSession Open(CliHost host, string path, SearchMode mode, RankingOptions? ranking = null)
    {
        var options = new SearchIndexOptions { ReadOnly = true, Ranking = ranking ?? RankingOptions.Default };
        if (mode == SearchMode.Keyword)
        {
            return new SearchSession(SearchIndex.Open(path, options), null);
        }

        if (host.Embedders is null)
        {
            throw new UsageException(CliHost.NoSemanticSupport);
        }

        // Opened first without an embedder: a missing or damaged index is reported as such, and its model is read.
        EmbeddingModelInfo model;
        using (var plain = SearchIndex.Open(path, options))
        {
            model = plain.EmbeddingModel ?? throw new UsageException($"{path}: the index has no embeddings for {SearchModeOptions.Name(mode)} search; add them with 'searchkit index --embeddings PATH' over its sources");
        }

        var embedder = host.LoadEmbedder(model.Name);
        try
        {
            return new SearchSession(SearchIndex.Open(path, options with { Embedder = embedder }), embedder);
        }
        catch
        {
            embedder.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Index.Dispose();
        _embedder?.Dispose();
    }
}

/// <summary>The <c>--mode</c> and <c>--fusion</c> options of the commands that search.</summary>
internal static class SearchModeOptions
{
    public const string ModeDescription = "keyword (default: by the words, BM25), semantic (by meaning: the query's embedding against each paragraph's and each title and lead's) or hybrid (both rankings fused). semantic and hybrid need an index with embeddings (index --embeddings) and the semantic build of the tool.";

    public const string FusionDescription = "With --mode hybrid: blend (an even blend of the two scores, each min-max normalised per query; default) or rrf (reciprocal rank fusion, k = 60).";

    public static string Name(SearchMode mode) => Rendering.SearchRenderer.ModeName(mode);

    /// <exception cref="UsageException">Not a mode.</exception>
    public static SearchMode ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "keyword" => SearchMode.Keyword,
        "semantic" => SearchMode.Semantic,
        "hybrid" => SearchMode.Hybrid,
        _ => throw new UsageException($"--mode: unknown mode '{text}'; use keyword, semantic or hybrid"),
    };

    /// <exception cref="UsageException">Not a fusion.</exception>
    public static HybridOptions Hybrid(string? fusion) => fusion?.Trim().ToLowerInvariant() switch
    {
        null or "" or "blend" => HybridOptions.Default,
        "rrf" => HybridOptions.Default with { Fusion = HybridFusion.ReciprocalRank },
        _ => throw new UsageException($"--fusion: unknown fusion '{fusion}'; use rrf or blend"),
    };
}
