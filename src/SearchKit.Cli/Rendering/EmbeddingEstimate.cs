using System.Globalization;
using SearchKit.Indexing;

namespace SearchKit.Cli.Rendering;

/// <summary>
/// How fast an indexing run embeds and how long it has left, from its progress reports: the rate is measured from
/// the end of the first batch (which also pays for the model's warm-up) and the passages left are estimated from
/// the passages per unit of work done so far (articles of a known total, else files). Not thread-safe: the caller
/// serialises reports.
/// </summary>
internal sealed class EmbeddingEstimate(Func<TimeSpan> clock)
{
    /// <summary>Estimates from less than this much embedding are too noisy to show.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private (TimeSpan At, long Embedded, double Done)? _first;

    /// <summary>Passages embedded a second, once measured.</summary>
    public double? Rate { get; private set; }

    /// <summary>The time the run has left at the measured rate, once both are known.</summary>
    public TimeSpan? Remaining { get; private set; }

    /// <summary>The passages the run is estimated to embed in all.</summary>
    public long? Passages { get; private set; }

    /// <summary>Takes a progress report into account.</summary>
    public void Observe(IndexingProgress p)
    {
        if (p.Embedded == 0)
        {
            return;
        }

        var now = clock();
        double? done = Done(p);
        if (_first is not { } first)
        {
            _first = (now, p.Embedded, done ?? 0);
            return;
        }

        var elapsed = now - first.At;
        if (elapsed < Settle || p.Embedded <= first.Embedded)
        {
            return;
        }

        Rate = (p.Embedded - first.Embedded) / elapsed.TotalSeconds;
        if (done is > 0 and <= 1)
        {
            // Passages per unit of work so far, times the work there is: articles differ in length, so it settles as the run goes.
            Passages = Math.Max(p.Embedded, (long)(p.Embedded / done.Value));
            Remaining = TimeSpan.FromSeconds((Passages.Value - p.Embedded) / Rate.Value);
        }
    }

    /// <summary>The rate and time left, for a progress line: ", 95 passages/s, about 3 min left"; empty before they are measured.</summary>
    public string Describe()
    {
        if (Rate is not { } rate)
        {
            return string.Empty;
        }

        var left = Remaining is { } remaining ? $", about {Duration(remaining)} left" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $", {rate:N0} passages/s{left}");
    }

    /// <summary>A duration as people say it: "40 s", "12 min", "2 h 5 min".</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(span.TotalSeconds)):0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(span.TotalMinutes):0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
    };

    private static double? Done(IndexingProgress p) =>
        p.ArticlesTotal > 0 ? Math.Min(1, p.Articles / (double)p.ArticlesTotal)
        : p.FilesTotal > 1 ? p.FilesDone / (double)p.FilesTotal
        : null;
}
