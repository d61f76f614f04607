using SearchKit.Searching;

namespace SearchKit.Evaluation;

/// <summary>Options for an evaluation run. Immutable.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The defaults.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>How many documents each query retrieves (the depth of MAP and of a run file). Default 1000.</summary>
    public int Depth { get; init; } = 1000;

    /// <summary>
    /// How query text is read. Default <see cref="QuerySyntax.Natural"/>: test queries are plain words, and a stray
    /// <c>:</c> <c>(</c> <c>"</c> or <c>-</c> in them must not be read as syntax.
    /// </summary>
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Natural;

    /// <summary>How the queries are ranked (<see cref="SearchOptions.Mode"/>). Default <see cref="SearchMode.Keyword"/>.</summary>
    public SearchMode Mode { get; init; }

    /// <summary>The fusion of <see cref="SearchMode.Hybrid"/>; each ranking contributes at least <see cref="Depth"/> candidates.</summary>
    public HybridOptions Hybrid { get; init; } = HybridOptions.Default;

    internal void Validate()
    {
        if (Depth is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "the depth must be between 1 and 100,000");
        }
    }
}
