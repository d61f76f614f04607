namespace SearchKit;

/// <summary>The index is missing, locked by another writer, damaged, built with another analyzer, not an index, or not writable.</summary>
public sealed class SearchKitIndexException : SearchKitException
{
    /// <summary>Creates the exception.</summary>
    public SearchKitIndexException(IndexProblem problem, string message, Exception? inner = null)
        : base(message, inner) => Problem = problem;

    /// <summary>What is wrong with the index.</summary>
    public IndexProblem Problem { get; }
}
