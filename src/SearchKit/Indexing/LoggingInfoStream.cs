using Lucene.Net.Util;
using Microsoft.Extensions.Logging;

namespace SearchKit.Indexing;

/// <summary>
/// Forwards Lucene's merge scheduler messages (which merges start and end, on which segments) to a logger at
/// debug level. The writer's own stream ("IW") is far too chatty for a library log, so only the merge scheduler ("CMS", "MS") passes, and
/// only when debug logging is on: with a null logger Lucene does not even format the messages.
/// </summary>
internal sealed class LoggingInfoStream(ILogger logger) : InfoStream
{
    public override bool IsEnabled(string component) =>
        component is "CMS" or "MS" && logger.IsEnabled(LogLevel.Debug);

    public override void Message(string component, string message) => IndexLog.Lucene(logger, component, message);
}
