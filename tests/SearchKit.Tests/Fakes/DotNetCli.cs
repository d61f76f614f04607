using System.Diagnostics;
using System.Text;

namespace SearchKit.Tests.Fakes;

/// <summary>Runs the <c>dotnet</c> command line the way a user would, for tests of packages and samples.</summary>
internal static class DotNetCli
{
    /// <summary>The configuration this test assembly was built in, so packing reuses that build.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The repository root: the folder holding SearchKit.sln above the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunProgram("dotnet", workingDirectory, timeout, args);

    /// <summary>
    /// Runs <paramref name="program"/> (an installed tool, say) with the same clean environment as <see cref="Run"/>,
    /// plus <c>DOTNET_ROOT</c> set to the runtime running this test, so an app host finds it wherever it is installed.
    /// Returns its exit code and its standard output and error, interleaved.
    /// </summary>
    public static (int ExitCode, string Output) RunProgram(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs inside an SDK process; its MSBuild variables would steer the child's build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_ROOT"] = DotNetRoot;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lockObject = new Lock();
        process.OutputDataReceived += (_, e) => { lock (lockObject) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lockObject) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', args)} timed out after {timeout.TotalSeconds} s\n{output}");
        }

        process.WaitForExit();
        lock (lockObject)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>The .NET installation running this test: three folders above the shared runtime's own folder.</summary>
    private static string DotNetRoot { get; } =
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SearchKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SearchKit.sln not found above " + AppContext.BaseDirectory);
    }
}
