using SearchKit.Evaluation;
using Spectre.Console.Cli;

namespace SearchKit.Cli;

/// <summary>How the host words a failure: one line for standard error and the exit code that goes with it.</summary>
internal static class ErrorDescriptions
{
    /// <summary>The exit code and the one-line message for an exception.</summary>
    public static (int Code, string Message) Describe(Exception e)
    {
        static string OneLine(string text) => text.Split('\n')[0].Trim();
        return e switch
        {
            UsageException or CommandAppException => (ExitCodes.Usage, OneLine(e.Message)),
            EvaluationDataException d => (ExitCodes.Usage, OneLine(d.Message)),
            // Filter, sort and cursor errors say what they are themselves ("malformed filter …", "unknown field …").
            SearchKitQueryException q when q.Message.StartsWith("malformed ", StringComparison.Ordinal) => (ExitCodes.BadQuery, OneLine(q.Message)),
            SearchKitQueryException q => (ExitCodes.BadQuery, $"malformed query: {OneLine(q.Message)}"),
            // The library names no host command: the advice for a damaged index is the host's to give.
            SearchKitIndexException { Problem: IndexProblem.Damaged } i => (ExitCodes.IndexProblem, $"{OneLine(i.Message)}; run 'searchkit check' to see what is damaged and whether it can be repaired"),
            SearchKitIndexException { Problem: IndexProblem.OutdatedFormat } i => (ExitCodes.IndexProblem, $"{OneLine(i.Message)}; run 'searchkit index --rebuild PATH' with the index's sources"),
            SearchKitIndexException { Problem: IndexProblem.EmbeddingMismatch } i => (ExitCodes.IndexProblem, $"{OneLine(i.Message)}; to change the model, run 'searchkit index --rebuild --embeddings MODEL PATH' with the index's sources"),
            SearchKitIndexException i => (ExitCodes.IndexProblem, OneLine(i.Message)),
            SearchKitException s => (ExitCodes.Failure, OneLine(s.Message)),
            OperationCanceledException => (ExitCodes.Failure, "interrupted"),
            _ => (ExitCodes.Failure, $"unexpected error ({e.GetType().Name}): {OneLine(e.Message)}; run with --verbose for details"),
        };
    }
}
