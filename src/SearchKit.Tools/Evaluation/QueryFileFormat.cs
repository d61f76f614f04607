namespace SearchKit.Evaluation;

/// <summary>The layouts a file of test queries can have.</summary>
public enum QueryFileFormat
{
    /// <summary>Chosen from the content: a first non-blank line starting with <c>{</c> is JSON Lines, anything else TSV.</summary>
    Auto,

    /// <summary>One query per line: <c>id&lt;TAB&gt;text</c> (the layout of MS MARCO and TREC topic conversions).</summary>
    Tsv,

    /// <summary>BEIR's JSON Lines: one object per line with <c>_id</c> (or <c>id</c>) and <c>text</c>; other properties are ignored.</summary>
    JsonLines,
}
