using SearchKit.Articles;
using SearchKit.Cli.Commands;
using SearchKit.Cli.Rendering;
using SearchKit.Elasticsearch;
using SearchKit.Indexing;

namespace SearchKit.Cli.Cluster;

/// <summary>
/// <c>searchkit index PATH… --to URL[/INDEX]</c>: the files read as an embedded run reads them, the articles sent to
/// an Elasticsearch index in bulk, with the same progress, summary and exit codes. A file that cannot be read and an
/// article the cluster refuses are failures; the rest are indexed.
/// </summary>
internal static class IndexToCluster
{
    public static int Run(CliHost host, ElasticsearchIndex index, IndexSettings settings, IReadOnlyList<string> paths, Func<IndexingReport, int> exitCode, Action<IndexingReport> summary, CancellationToken cancellation)
    {
        var format = IndexSettings.ParseFormat(settings.Format)!.Value;
        var unreadable = new List<ArticleReadException>();
        IEnumerable<Article> Articles()
        {
            foreach (var entry in ArticleFiles.Enumerate(paths))
            {
                foreach (var result in ArticleFiles.Read(entry, format: format, cancellation: cancellation))
                {
                    if (result.Article is { } article)
                    {
                        yield return article;
                    }
                    else if (result.Error is { } error)
                    {
                        unreadable.Add(error);
                    }
                }
            }
        }

        var report = IndexProgressView.Run(host, progress =>
            index.Add(Articles(), new IndexingOptions { Threads = settings.Threads }, progress, cancellation));
        report = report with { Failures = [.. unreadable, .. report.Failures] };
        summary(report);
        if (report.Cancelled)
        {
            host.Error.WriteLine("searchkit: interrupted; the articles sent until then are indexed");
            return ExitCodes.Failure;
        }

        return exitCode(report);
    }
}
