namespace SearchKit.Tests.Fakes;

/// <summary>
/// A fact that needs a POSIX system (signals such as SIGKILL and SIGTERM, Unix paths in messages): on other
/// operating systems it is reported as skipped, with the reason, instead of failing. xunit 2 has no dynamic
/// skip, so the attribute decides when the test is discovered.
/// </summary>
internal sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute()
    {
        if (!IsPosix)
        {
            Skip = PosixReason;
        }
    }

    internal static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    internal const string PosixReason = "needs a POSIX system (Linux or macOS): POSIX signals or Unix paths";
}

/// <summary>The theory form of <see cref="PosixFactAttribute"/>.</summary>
internal sealed class PosixTheoryAttribute : TheoryAttribute
{
    public PosixTheoryAttribute()
    {
        if (!PosixFactAttribute.IsPosix)
        {
            Skip = PosixFactAttribute.PosixReason;
        }
    }
}

/// <summary>A fact about Linux's /proc: skipped with a reason elsewhere.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only (/proc)";
        }
    }
}
