using System.Diagnostics;

namespace SearchKit.Searching;

/// <summary>
/// The time one search may take and the caller's cancellation, checked at every stage (parsing, term expansion,
/// collection, building the hits) so that no stage runs on after the query's time is up.
/// </summary>
internal sealed class QueryBudget(TimeSpan timeout, CancellationToken cancellation)
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    public TimeSpan Timeout => timeout;

    public CancellationToken Cancellation => cancellation;

    /// <summary>Whether the time is up or the caller cancelled.</summary>
    public bool Expired() => cancellation.IsCancellationRequested || Stopwatch.GetTimestamp() > _deadline;

    /// <summary>Throws <see cref="OperationCanceledException"/> when cancelled, a <see cref="SearchKitQueryException"/> when the time is up.</summary>
    public void Check(string query)
    {
        cancellation.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw TimedOut(query);
        }
    }

    public SearchKitQueryException TimedOut(string query, Exception? inner = null) =>
        new($"the query ran longer than {timeout.TotalSeconds:0.###} s and was stopped (it is too expensive: narrow wildcards, regular expressions or fuzzy terms)", query, inner: inner);
}

/// <summary>Thrown deep inside Lucene (term enumeration, collection) when the budget is spent; turned into the budget's error at the top.</summary>
internal sealed class QueryBudgetExceededException() : Exception("the query's time is up");
