namespace SearchKit;

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
