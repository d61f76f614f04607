namespace SearchKit.Evaluation;

/// <summary>One test query: its id (as used in the qrels) and its text, read as plain words.</summary>
/// <param name="Id">The query id.</param>
/// <param name="Text">The query text.</param>
public sealed record EvaluationQuery(string Id, string Text);
