namespace SearchKit.Articles;

/// <summary>The kind of a named metadata field, learned by the index from the field's first values.</summary>
public enum FieldKind
{
    /// <summary>Exact text values (a section, a tag, an author): filtered by equality, sorted as text.</summary>
    Keyword,

    /// <summary>Numbers (stored as doubles): filtered by ranges, sorted numerically.</summary>
    Number,

    /// <summary>Instants (stored as Unix milliseconds): filtered by ranges, sorted by time.</summary>
    Date,
}
