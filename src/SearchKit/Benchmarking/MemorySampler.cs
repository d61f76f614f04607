using System.Diagnostics;

namespace SearchKit.Benchmarking;

/// <summary>
/// Samples the managed heap and the process working set on a background timer and keeps the peaks, so a
/// run's peak memory is its own and not the process's lifetime peak.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakManaged;
    private long _peakProcess;

    public MemorySampler(TimeSpan interval)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    public long PeakProcessBytes => Interlocked.Read(ref _peakProcess);

    public void Sample()
    {
        Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        using var process = Process.GetCurrentProcess();
        Max(ref _peakProcess, process.WorkingSet64);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    private static void Max(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
