namespace SearchKit.Cli;

/// <summary>The exit codes of <c>searchkit</c>, as documented in <c>--help</c> and the README.</summary>
public static class ExitCodes
{
    /// <summary>Success, also when a search finds nothing.</summary>
    public const int Success = 0;

    /// <summary>Anything else: an unexpected error, an article not found, an interrupted run.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: an unknown command or option, a missing or invalid argument, a malformed queries or qrels file.</summary>
    public const int Usage = 2;

    /// <summary>A malformed query.</summary>
    public const int BadQuery = 3;

    /// <summary>The index is missing, locked by another process, damaged, not an index (a file, a folder of other files), or not writable.</summary>
    public const int IndexProblem = 4;

    /// <summary>An indexing run in which some files failed; the rest were indexed and committed.</summary>
    public const int SomeFilesFailed = 5;

    /// <summary>The table shown under <c>--help</c>.</summary>
    internal static IReadOnlyList<(int Code, string Meaning)> Table { get; } =
    [
        (Success, "success (also when a search finds nothing)"),
        (Usage, "usage error (also a malformed queries or qrels file)"),
        (BadQuery, "malformed query"),
        (IndexProblem, "index missing, locked by another writer, damaged, not an index, or not writable"),
        (SomeFilesFailed, "some files failed to index (the rest are indexed and committed)"),
        (Failure, "anything else (including a run stopped with Ctrl-C or SIGTERM, except index --watch)"),
    ];
}
