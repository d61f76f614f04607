namespace SearchKit;

/// <summary>The base of every error SearchKit reports. Its message is one line, fit to show a user.</summary>
public class SearchKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SearchKitException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A query could not be parsed or run: unbalanced quotes, an unknown field, too many clauses, a timeout.</summary>
public sealed class SearchKitQueryException : SearchKitException
{
    /// <summary>Creates the exception.</summary>
    public SearchKitQueryException(string message, string query, int? position = null, Exception? inner = null)
        : base(message, inner)
    {
        Query = query;

        // Lucene reports some positions 0-based: keep the documented 1-based range, whatever the source.
        Position = position is int p ? Math.Clamp(p, 1, Math.Max(1, (query?.Length ?? 0) + 1)) : null;
    }

    /// <summary>The query text as the caller gave it.</summary>
    public string Query { get; }

    /// <summary>The 1-based character position in <see cref="Query"/> where the problem was found, if known.</summary>
    public int? Position { get; }
}

/// <summary>Why an index could not be used.</summary>
public enum IndexProblem
{
    /// <summary>There is no index at the path.</summary>
    Missing,

    /// <summary>Another writer holds the index's write lock.</summary>
    Locked,

    /// <summary>The index files are damaged or unreadable.</summary>
    Damaged,

    /// <summary>The index was built with another analyzer than the one asked for.</summary>
    AnalyzerMismatch,

    /// <summary>
    /// The path is not an index and cannot become one: a file or device rather than a folder, or a folder
    /// holding other files (documents, say) and no index. SearchKit never writes into such a folder.
    /// </summary>
    NotAnIndex,

    /// <summary>
    /// The index folder cannot be written: a read-only file system, no permission, or a full disk. The message
    /// says which.
    /// </summary>
    Unwritable,
}

/// <summary>The index is missing, locked by another writer, damaged, built with another analyzer, not an index, or not writable.</summary>
public sealed class SearchKitIndexException : SearchKitException
{
    /// <summary>Creates the exception.</summary>
    public SearchKitIndexException(IndexProblem problem, string message, Exception? inner = null)
        : base(message, inner) => Problem = problem;

    /// <summary>What is wrong with the index.</summary>
    public IndexProblem Problem { get; }
}

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

/// <summary>A file or line could not be read as an article.</summary>
public sealed class ArticleReadException : SearchKitInputException
{
    /// <summary>Creates the exception.</summary>
    public ArticleReadException(string source, string reason, int? line = null, Exception? inner = null)
        : base(source, reason, line, inner)
    {
    }
}
