namespace SearchKit.Searching;

/// <summary>How a query string is read.</summary>
public enum QuerySyntax
{
    /// <summary>Lucene query syntax: fields, AND/OR/NOT, +/-, phrases, proximity, fuzzy, prefix, grouping.</summary>
    Lucene,

    /// <summary>Plain words: every character is literal, so a stray <c>:</c> <c>(</c> <c>"</c> or <c>-</c> is never an error.</summary>
    Natural,
}
