using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SearchKit.Tests.Fakes;

/// <summary>A logger factory that keeps every message, for asserting what the library logs.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    /// <summary>Called with each message as it is logged, on the logging thread: lets a test act at that moment.</summary>
    public Action<string>? OnMessage { get; set; }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    public IReadOnlyList<string> Messages(LogLevel level) => [.. Entries.Where(e => e.Level == level).Select(e => e.Message)];

    private sealed class ListLogger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner.Entries.Enqueue((category, logLevel, message));
            owner.OnMessage?.Invoke(message);
        }
    }
}
