namespace SearchKit.Evaluation;

/// <summary>One retrieved document of a run.</summary>
/// <param name="Id">The article id.</param>
/// <param name="Score">Its ranking score.</param>
public readonly record struct RankedDocument(string Id, float Score);
