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
    /// <summary>Runs <paramref name="body"/> with a progress sink on the host's standard error.</summary>
    /// <param name="host">The host whose standard error shows the progress.</param>
    /// <param name="body">The run, given the progress sink.</param>
    /// <param name="embedding">The model the run embeds with (its name), or null when it does not embed.</param>
    public static IndexingReport Run(CliHost host, Func<IProgress<IndexingProgress>, IndexingReport> body, string? embedding = null)
    {
        var clock = Stopwatch.StartNew();
        var estimate = embedding is null ? null : new EmbeddingEstimate(() => clock.Elapsed);
        if (!host.ErrorIsTerminal)
        {
            return body(new Lines(host.Error, estimate, embedding));
        }

        var console = Output.CreateConsole(host.Error, terminal: true);
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => body(new Bar(context.AddTask("starting", maxValue: 1), estimate)));
    }

    public static string Describe(IndexingProgress p, EmbeddingEstimate? estimate = null)
    {
        var files = p.FilesTotal > 0 ? $"{p.FilesDone:N0}/{p.FilesTotal:N0} files, " : string.Empty;
        var failed = p.Failed > 0 ? $", {p.Failed:N0} failed" : string.Empty;
        var embedded = p.Embedded > 0 ? $", {p.Embedded:N0} passages embedded" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{files}{p.Articles:N0} articles, {p.Bytes / 1e6:0.0} MB{embedded}{estimate?.Describe()}{failed}");
    }

    /// <summary>Reports synchronously from the run's worker threads (a <see cref="Progress{T}"/> would post late lines after the summary).</summary>
    private sealed class Lines(TextWriter error, EmbeddingEstimate? estimate, string? embedding) : IProgress<IndexingProgress>
    {
        /// <summary>A run estimated to embed longer than this gets a line saying so, once.</summary>
        private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);

        private readonly Lock _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;
        private bool _finished;
        private bool _warned;
        private bool _announced;

        public void Report(IndexingProgress value)
        {
            lock (_gate)
            {
                if (!_announced && embedding is not null && value.Articles > 0)
                {
                    // Said as the first articles come (a run over unchanged files embeds nothing and says nothing): a
                    // transformer costs far more than analysis (docs/benchmarks.md, "Semantic search").
                    _announced = true;
                    error.WriteLine($"indexing: embedding with {embedding} as well, which takes far longer than indexing alone; the time left shows after the first batches");
                }

                estimate?.Observe(value);
                if (!_warned && estimate is { Remaining: { } left, Rate: { } rate, Passages: { } passages } && left > Long)
                {
                    _warned = true;
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"indexing: embedding will take about {EmbeddingEstimate.Duration(left)} more (about {passages:N0} passages at {rate:N0}/s); an interrupted run keeps what it committed, and a later run with --embeddings embeds the rest"));
                }

                bool finished = value.FilesTotal > 0 && value.FilesDone >= value.FilesTotal;
                if (_finished || (!finished && _last is { } last && _clock.Elapsed - last < TimeSpan.FromSeconds(1)))
                {
                    return;
                }

                _finished = finished;
                _last = _clock.Elapsed;
                error.WriteLine($"indexing: {Describe(value, estimate)}");
            }
        }
    }

    private sealed class Bar(ProgressTask task, EmbeddingEstimate? estimate) : IProgress<IndexingProgress>
    {
        private readonly Lock _gate = new();

        public void Report(IndexingProgress value)
        {
            lock (_gate)
            {
                estimate?.Observe(value);
            }

            // Articles of a known total (adding embeddings to an index) measure the run better than its files.
            task.MaxValue = Math.Max(1, value.ArticlesTotal > 0 ? value.ArticlesTotal : value.FilesTotal);
            task.Value = value.ArticlesTotal > 0 ? value.Articles : value.FilesDone;
            task.Description = Markup.Escape(Describe(value, estimate));
        }
    }
}
