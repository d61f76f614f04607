using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// The real <c>searchkit</c> host as a child process (<c>dotnet SearchKit.Cli.dll …</c>, the build next to this
/// test assembly), for what only another process can show: SIGKILL, SIGTERM and the write lock between
/// processes. Every wait is bounded; dispose kills the process if it still runs.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _gate = new();
    private int _errorLines;

    private HostProcess(Process process) => _process = process;

    /// <summary>The host's entry assembly, copied next to the tests by the project reference.</summary>
    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "SearchKit.Cli.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Lines written to standard error so far (the progress lines of an index run, then any error).</summary>
    public int ErrorLines => Volatile.Read(ref _errorLines);

    public string Out
    {
        get { lock (_gate) { return _out.ToString(); } }
    }

    public string Error
    {
        get { lock (_gate) { return _error.ToString(); } }
    }

    /// <summary>Starts <c>searchkit <paramref name="args"/></c> with redirected, non-terminal output.</summary>
    public static HostProcess Start(params string[] args) => Start(CliDll, args);

    /// <summary>
    /// Starts the semantic build of the host (this test assembly's entry point, with the fake embedder) with
    /// <paramref name="args"/>, as <see cref="Start(string[])"/> starts the lean one.
    /// </summary>
    public static HostProcess StartSemantic(params string[] args) =>
        Start(Path.Combine(AppContext.BaseDirectory, "SearchKit.Tests.dll"), [SemanticHostEntryPoint.Verb, .. args]);

    private static HostProcess Start(string dll, string[] args)
    {
        // The SDK that runs the tests says which dotnet it is; a bare "dotnet" from PATH could be another install.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("SEARCHKIT_INDEX");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new HostProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(child._out, e.Data, countLine: false);
        process.ErrorDataReceived += (_, e) => child.Append(child._error, e.Data, countLine: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until <paramref name="condition"/> holds or the process ends; false after <paramref name="timeout"/> or an exit.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan timeout, int pollMilliseconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            if (_process.HasExited)
            {
                return condition();
            }

            Thread.Sleep(pollMilliseconds);
        }

        return false;
    }

    /// <summary>Waits for the process to end and its output to be read; throws after <paramref name="timeout"/> (having killed it).</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"searchkit did not exit within {timeout.TotalSeconds} s\n{this}");
        }

        _process.WaitForExit(); // flushes the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL on Linux and macOS (<see cref="Process.Kill()"/>), TerminateProcess on Windows; waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>Sends SIGTERM, the way a service manager stops a process (POSIX only).</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        if (!kill.WaitForExit(10_000) || kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
        }
    }

    public override string ToString() => $"--- stdout\n{Out}\n--- stderr\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line, bool countLine)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
        }

        if (countLine)
        {
            Interlocked.Increment(ref _errorLines);
        }
    }
}
