using System.Collections.Concurrent;

namespace SearchKit.Indexing;

/// <summary>
/// Reads a sequence on a thread of its own into a bounded queue, so that the consumer can stop on cancellation
/// at once even while the source is blocked (a pipe whose writer has gone quiet): a read from a pipe cannot be
/// cancelled, a wait on the queue can. The reading thread is a background thread; if the source stays blocked
/// after the consumer has gone, it ends with the source (or the process).
/// </summary>
internal sealed class Prefetch<T> : IDisposable
{
    private readonly BlockingCollection<T> _queue;
    private readonly CancellationTokenSource _stop = new();
    private Exception? _failure;

    /// <param name="source">The items, read on the prefetch thread.</param>
    /// <param name="capacity">How many items may wait in the queue.</param>
    /// <param name="onEnd">Called on the prefetch thread when the source has ended without failing (all items are queued).</param>
    public Prefetch(IEnumerable<T> source, int capacity, Action? onEnd = null)
    {
        _queue = new BlockingCollection<T>(capacity);
        var thread = new Thread(() => Produce(source, onEnd)) { IsBackground = true, Name = "SearchKit stream reader" };
        thread.Start();
    }

    /// <summary>The items in order, until the source ends; a failure of the source is rethrown here.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public IEnumerable<T> Items(CancellationToken cancellation)
    {
        foreach (var item in _queue.GetConsumingEnumerable(cancellation))
        {
            yield return item;
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    public void Dispose()
    {
        // The producer may still be blocked in the source; it sees the stop at its next item and quits.
        _stop.Cancel();
    }

    private void Produce(IEnumerable<T> source, Action? onEnd)
    {
        try
        {
            foreach (var item in source)
            {
                _queue.Add(item, _stop.Token);
            }

            onEnd?.Invoke();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The consumer has gone.
        }
        catch (Exception e)
        {
            Volatile.Write(ref _failure, e);
        }
        finally
        {
            _queue.CompleteAdding();
        }
    }
}
