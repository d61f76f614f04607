using System.Runtime.InteropServices;

namespace SearchKit.Benchmarking;

/// <summary>The machine and runtime a benchmark ran on, recorded with every result.</summary>
/// <param name="MachineName">The host name.</param>
/// <param name="OperatingSystem">The OS description.</param>
/// <param name="Architecture">The process architecture.</param>
/// <param name="ProcessorCount">Logical cores available to the process.</param>
/// <param name="Runtime">The .NET runtime description.</param>
/// <param name="ServerGC">Whether the server garbage collector is on.</param>
/// <param name="StartedUtc">When the benchmark started.</param>
public sealed record BenchmarkEnvironment(string MachineName, string OperatingSystem, string Architecture, int ProcessorCount, string Runtime, bool ServerGC, DateTimeOffset StartedUtc)
{
    /// <summary>The current process's environment.</summary>
    public static BenchmarkEnvironment Current() => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC,
        DateTimeOffset.UtcNow);
}

/// <summary>The median, smallest and largest of a measurement over the runs.</summary>
/// <param name="Median">The median (the mean of the middle two for an even count).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
public readonly record struct Spread(double Median, double Min, double Max)
{
    /// <summary>The spread of some values; all zero when there are none.</summary>
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return default;
        }

        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }
}
