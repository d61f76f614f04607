namespace SearchKit.Searching;

/// <summary>
/// The order of article hits: by relevance (the default), or by a metadata field's first value, ascending or
/// descending; articles without a value come last either way. Ties are broken by score, then by id, so paging
/// (by <see cref="SearchOptions.Skip"/> or by cursor) is stable.
/// </summary>
public sealed record SearchSort
{
    private SearchSort(string? field, bool descending) => (Field, Descending) = (field, descending);

    /// <summary>By score, best first (the default).</summary>
    public static SearchSort Relevance { get; } = new(null, false);

    /// <summary>The field sorted by, or null for relevance.</summary>
    public string? Field { get; }

    /// <summary>Whether the field is sorted from the greatest value down.</summary>
    public bool Descending { get; }

    /// <summary>By a metadata field's first value.</summary>
    public static SearchSort By(string field, bool descending = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return new SearchSort(field, descending);
    }

    /// <summary>
    /// Reads <c>relevance</c>, <c>newest</c> (<c>published</c> descending), <c>oldest</c> (<c>published</c> ascending),
    /// <c>FIELD</c> (ascending) or <c>-FIELD</c> (descending).
    /// </summary>
    /// <exception cref="SearchKitQueryException">The text is empty or only '-'.</exception>
    public static SearchSort Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        return t switch
        {
            "relevance" or "score" => Relevance,
            "newest" => By("published", descending: true),
            "oldest" => By("published"),
            "" or "-" or "+" => throw new SearchKitQueryException($"malformed sort '{text}': expected relevance, newest, oldest, FIELD or -FIELD", text),
            _ when t[0] == '-' => By(t[1..].Trim(), descending: true),
            _ when t[0] == '+' => By(t[1..].Trim()),
            _ => By(t),
        };
    }

    /// <summary>The sort as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Field is null ? "relevance" : (Descending ? "-" : string.Empty) + Field;
}
