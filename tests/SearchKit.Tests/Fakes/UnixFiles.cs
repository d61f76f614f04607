namespace SearchKit.Tests.Fakes;

/// <summary>Makes POSIX file-system objects for tests.</summary>
internal static class UnixFiles
{
    /// <summary>Creates a named pipe (FIFO) with mkfifo(1).</summary>
    public static string MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0 && File.Exists(path), $"mkfifo {path} failed");
        return path;
    }

    /// <summary>Whether the tests run as root, for whom permission bits do not stop reading.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
