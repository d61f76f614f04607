namespace SearchKit.Searching;

/// <summary>A regular expression Lucene would reject (or fail on with an exception it does not document).</summary>
internal sealed class RegexSyntaxException(string message, int offset) : RegexTooComplexException(message, offset);
