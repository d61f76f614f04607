namespace SearchKit.Searching;

/// <summary>A range of characters in a text.</summary>
/// <param name="Start">The first character.</param>
/// <param name="Length">How many characters.</param>
public readonly record struct TextSpan(int Start, int Length);
