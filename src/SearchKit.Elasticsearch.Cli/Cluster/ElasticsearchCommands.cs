using System.Globalization;
using SearchKit.Cli.Commands;
using SearchKit.Cli.Rendering;
using SearchKit.Elasticsearch;
using SearchKit.Indexing;
using Spectre.Console;

namespace SearchKit.Cli.Cluster;

/// <summary>
/// The host's Elasticsearch commands, on SearchKit.Elasticsearch: compiled into the tool packages that carry the
/// backend and its client (SearchKit.Elasticsearch.Cli, SearchKit.Semantic.Cli), never into the lean SearchKit.Cli.
/// </summary>
/// <param name="handler">Wraps the HTTP handler of every request to a cluster (tests answer with a fake cluster); null sends them as they are.</param>
internal sealed class ElasticsearchCommands(Func<HttpMessageHandler, HttpMessageHandler>? handler = null) : IClusterCommands
{
    public ISearchBackend OpenForSearch(CliHost host, string urlAndIndex) =>
        ClusterTarget.Open(host, urlAndIndex, "--from", create: false, handler);

    public int IndexTo(CliHost host, IndexSettings settings, IReadOnlyList<string> paths, Func<IndexingReport, int> exitCode, Action<IndexingReport> summary, CancellationToken cancellation)
    {
        using var index = ClusterTarget.Open(host, settings.To!, "--to", create: true, handler);
        return IndexToCluster.Run(host, index, settings, paths, exitCode, summary, cancellation);
    }

    public int Export(CliHost host, ExportSettings settings, CancellationToken cancellation)
    {
        if (ElasticsearchOptions.IndexProblem(settings.EsIndex) is { } problem)
        {
            throw new UsageException($"--es-index: {problem}");
        }

        using var index = settings.OpenForReading(host);
        var folder = host.ResolvePath(settings.Out!);
        var report = ElasticsearchExport.Write(ElasticsearchExport.ReadAll(index, cancellation), folder, settings.EsIndex, settings.MaxFileMB * 1024L * 1024L, cancellation: cancellation);
        var output = new Output(host.Out, host.OutIsTerminal);
        var bulkFiles = report.Files.Count - 1;
        output.Line($"Exported [bold]{report.Articles.ToString("N0", CultureInfo.InvariantCulture)}[/] articles to {Markup.Escape(folder)}: {bulkFiles} bulk file{(bulkFiles == 1 ? string.Empty : "s")} and template.json");
        output.Line($"[dim]load: PUT _index_template/{Markup.Escape(settings.EsIndex)} with template.json, then POST _bulk with each bulk-NNNN.ndjson (Content-Type: application/x-ndjson)[/]");
        return ExitCodes.Success;
    }
}
