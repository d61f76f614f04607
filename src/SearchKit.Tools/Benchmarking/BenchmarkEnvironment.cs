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
