using System.Diagnostics;
using System.Globalization;
using SearchKit.Indexing;
using Spectre.Console;

namespace SearchKit.Cli.Rendering;

/// <summary>
/// Shows an indexing run's progress on standard error: a progress bar on a terminal, a plain line about
/// once a second otherwise (so logs stay readable). Standard output is left for the summary.
/// </summary>
internal static class IndexProgressView
{
    public static IndexingReport Run(CliHost host, Func<IProgress<IndexingProgress>, IndexingReport> body)
    {
        if (!host.ErrorIsTerminal)
        {
            return body(new Lines(host.Error));
        }

        var console = Output.CreateConsole(host.Error, terminal: true);
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => body(new Bar(context.AddTask("starting", maxValue: 1))));
    }

    public static string Describe(IndexingProgress p)
    {
        var files = p.FilesTotal > 0 ? $"{p.FilesDone:N0}/{p.FilesTotal:N0} files, " : string.Empty;
        var failed = p.Failed > 0 ? $", {p.Failed:N0} failed" : string.Empty;
        var embedded = p.Embedded > 0 ? $", {p.Embedded:N0} passages embedded" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{files}{p.Articles:N0} articles, {p.Bytes / 1e6:0.0} MB{embedded}{failed}");
    }

    /// <summary>Reports synchronously from the run's worker threads (a <see cref="Progress{T}"/> would post late lines after the summary).</summary>
    private sealed class Lines(TextWriter error) : IProgress<IndexingProgress>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;
        private bool _finished;

        public void Report(IndexingProgress value)
        {
            lock (_gate)
            {
                bool finished = value.FilesTotal > 0 && value.FilesDone >= value.FilesTotal;
                if (_finished || (!finished && _last is { } last && _clock.Elapsed - last < TimeSpan.FromSeconds(1)))
                {
                    return;
                }

                _finished = finished;
                _last = _clock.Elapsed;
                error.WriteLine($"indexing: {Describe(value)}");
            }
        }
    }

    private sealed class Bar(ProgressTask task) : IProgress<IndexingProgress>
    {
        public void Report(IndexingProgress value)
        {
            task.MaxValue = Math.Max(1, value.FilesTotal);
            task.Value = value.FilesDone;
            task.Description = Markup.Escape(Describe(value));
        }
    }
}
