using System.Collections.ObjectModel;

namespace SearchKit.Articles;

/// <summary>
/// Which names a named metadata field may take. A name starts with a letter or '_', then letters, digits,
/// '_', '-' or '.', at most 64 characters; it may not be a name the query syntax or sorting already gives a
/// meaning (compared ignoring case): <c>title</c>, <c>lead</c>, <c>heading(s)</c>, <c>body</c>, <c>paragraph(s)</c>,
/// <c>p</c>, <c>text</c>, <c>id</c>, <c>_id</c>, <c>path</c>, <c>hash</c>, <c>layout</c>, the fixed <c>category</c>,
/// <c>tag(s)</c>, <c>published</c>, <c>url</c>, and the sort names <c>relevance</c>, <c>score</c>, <c>newest</c>, <c>oldest</c>.
/// Readers skip members with other names; <see cref="SearchIndex.Upsert"/> rejects them.
/// </summary>
public static class FieldNames
{
    /// <summary>The longest field name.</summary>
    public const int MaxLength = 64;

    /// <summary>The fixed metadata, logical fields too: category (keyword), tags (keyword, many), published (date), url (keyword).</summary>
    public static IReadOnlyList<string> Fixed { get; } = ["category", "tags", "published", "url"];

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "title", "lead", "heading", "headings", "body", "paragraph", "paragraphs", "p", "text", "id", "_id", "path",
        "hash", "layout", "category", "tag", "tags", "published", "url", "relevance", "score", "newest", "oldest",
    };

    internal static IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> NoFields { get; } =
        new ReadOnlyDictionary<string, IReadOnlyList<FieldValue>>(new Dictionary<string, IReadOnlyList<FieldValue>>());

    /// <summary>Whether <paramref name="name"/> may name a named field (see the class remarks).</summary>
    public static bool IsValid(string? name) => Problem(name) is null;

    /// <summary>Why a name cannot name a field, or null when it can.</summary>
    internal static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a field name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"the field name \"{name[..20]}…\" is longer than {MaxLength} characters";
        }

        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return $"the field name \"{name}\" may hold only letters, digits, '_', '-' and '.', and must start with a letter or '_'";
        }

        return Reserved.Contains(name) ? $"the field name \"{name}\" is reserved (the query syntax or the fixed metadata use it)" : null;
    }
}
