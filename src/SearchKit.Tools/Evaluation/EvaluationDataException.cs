namespace SearchKit.Evaluation;

/// <summary>A queries, qrels or run file could not be read: the message names the file and, when known, the line.</summary>
public sealed class EvaluationDataException : SearchKitInputException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or other source name).</param>
    /// <param name="reason">What is wrong, fit to show a user.</param>
    /// <param name="line">The 1-based line, when the problem is on one line.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public EvaluationDataException(string source, string reason, int? line = null, Exception? inner = null)
        : base(source, reason, line, inner)
    {
    }
}
