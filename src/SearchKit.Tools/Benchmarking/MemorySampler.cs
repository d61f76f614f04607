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
    private long _peakPrivate;

    public MemorySampler(TimeSpan interval)
    {
        Sample();
        _timer = new Timer(_ => Sample(), null, interval, interval);
    }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    public long PeakProcessBytes => Interlocked.Read(ref _peakProcess);

    public long PeakPrivateBytes => Interlocked.Read(ref _peakPrivate);

    public void Sample()
    {
        Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        using var process = Process.GetCurrentProcess();
        Max(ref _peakProcess, process.WorkingSet64);
        Max(ref _peakPrivate, PrivateBytes(process));
    }

    /// <summary>
    /// Memory of the process's own, not mapped from files. The working set also counts the pages of memory-mapped
    /// index files read so far (the default directory maps them), which the OS can drop at any time: the
    /// working set of a run grows with the index it merges, its private memory does not.
    /// </summary>
    private static long PrivateBytes(Process process)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/self/status"))
                {
                    if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                    {
                        return long.Parse(line.AsSpan(8).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Fall back to the portable figure below.
            }
        }

        return process.PrivateMemorySize64;
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
