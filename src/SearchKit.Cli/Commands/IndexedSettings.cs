using System.ComponentModel;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

/// <summary>The options every command that works on an index shares.</summary>
internal class IndexedSettings : CommandSettings
{
    [CommandOption("--index <DIR>")]
    [Description("The index folder. Default: $SEARCHKIT_INDEX, else .searchkit/ in the current folder.")]
    public string? Index { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show full error details (stack traces).")]
    public bool Verbose { get; init; }

    /// <summary>
    /// Opens the index for reading only: no write lock, so it works while an index run is going on.
    /// <paramref name="ranking"/> chooses the ranking (default <see cref="RankingOptions.Default"/>).
    /// </summary>
    public SearchIndex OpenForReading(CliHost host, RankingOptions? ranking = null) =>
        SearchIndex.Open(host.ResolveIndex(Index), new SearchIndexOptions { ReadOnly = true, Ranking = ranking ?? RankingOptions.Default });

    /// <summary>Opens an existing index for writing (takes the write lock).</summary>
    public SearchIndex OpenForWriting(CliHost host) =>
        SearchIndex.Open(host.ResolveIndex(Index), new SearchIndexOptions { CreateIfMissing = false });
}
