namespace SearchKit;

/// <summary>
/// Input from a file could not be read: the message is <c>source: reason</c> or <c>source:line: reason</c>.
/// </summary>
public abstract class SearchKitInputException : SearchKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or other source name).</param>
    /// <param name="reason">What is wrong, fit to show a user.</param>
    /// <param name="line">The 1-based line, when the problem is on one line.</param>
    /// <param name="inner">The underlying error, if any.</param>
    protected SearchKitInputException(string source, string reason, int? line, Exception? inner)
        : base(line is null ? $"{source}: {reason}" : $"{source}:{line}: {reason}", inner)
    {
        Source = source;
        Reason = reason;
        Line = line;
    }

    /// <summary>The file (or other source name) that could not be read.</summary>
    public new string Source { get; }

    /// <summary>Why it could not be read.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line, for line-oriented formats such as JSON Lines.</summary>
    public int? Line { get; }
}
