namespace SearchKit.Cli;

/// <summary>A usage error found while running a command (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
