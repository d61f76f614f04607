using SearchKit.Analysis;
using SearchKit.Cli.Commands;
using SearchKit.Indexing;

namespace SearchKit.Cli;

/// <summary>
/// What a build of the <c>searchkit</c> tool adds to the lean host: each tool package's entry point passes its own
/// (the lean <c>SearchKit.Cli</c> passes <see cref="None"/>). The host compiles into every build; what the lean
/// build lacks stays a command-line option that says in one line which tool package has it.
/// </summary>
public sealed record HostExtensions
{
    /// <summary>The lean build: keyword search on the embedded index only.</summary>
    public static HostExtensions None { get; } = new();

    /// <summary>Loads an embedding model by name (see <see cref="CliHost.Embedders"/>). Default null: no semantic search.</summary>
    public Func<string?, ITextEmbedder>? Embedders { get; init; }

    /// <summary>The Elasticsearch commands (<c>index --to</c>, <c>search --from</c>, <c>export</c>). Default null: none.</summary>
    internal IClusterCommands? Cluster { get; init; }
}

/// <summary>
/// The commands that reach or feed an Elasticsearch cluster, implemented in the builds with SearchKit.Elasticsearch
/// (src/SearchKit.Elasticsearch.Cli/Cluster), so that the lean tool carries neither the backend nor its client.
/// </summary>
internal interface IClusterCommands
{
    /// <summary><c>search --from URL[/INDEX]</c>: the cluster's index, to search like the embedded one. The caller disposes it.</summary>
    ISearchBackend OpenForSearch(CliHost host, string urlAndIndex);

    /// <summary><c>index PATH… --to URL[/INDEX]</c>: reads the files and sends their articles; returns the exit code.</summary>
    int IndexTo(CliHost host, IndexSettings settings, IReadOnlyList<string> paths, Func<IndexingReport, int> exitCode, Action<IndexingReport> summary, CancellationToken cancellation);

    /// <summary><c>export --format elasticsearch</c>: writes the template and _bulk files of the local index; returns the exit code.</summary>
    int Export(CliHost host, ExportSettings settings, CancellationToken cancellation);
}
