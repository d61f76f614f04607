namespace SearchKit.Indexing;

/// <summary>A term and the number of articles it occurs in.</summary>
/// <param name="Term">The indexed (analysed) term.</param>
/// <param name="Articles">The number of articles containing it.</param>
public sealed record TermCount(string Term, long Articles);
