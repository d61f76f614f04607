namespace SearchKit.Searching;

/// <summary>What a <see cref="Completion"/> completes to.</summary>
public enum CompletionKind
{
    /// <summary>A word of the index (for a prefix of several words: the earlier words as typed, then the completed word).</summary>
    Word,

    /// <summary>An article title.</summary>
    Title,
}

/// <summary>One completion of a prefix typed into a search box.</summary>
/// <param name="Text">The completed text, to show and to search for.</param>
/// <param name="Kind">Whether it is a word of the index or an article title.</param>
/// <param name="Articles">About how many articles have the word (or this title): the ranking key, most first.</param>
public sealed record Completion(string Text, CompletionKind Kind, long Articles);

/// <summary>A corrected query proposed for one that found few or no articles ("Did you mean").</summary>
/// <param name="Query">The original query with misspelled words replaced, its syntax otherwise unchanged.</param>
/// <param name="Total">How many articles the corrected query finds.</param>
public sealed record QuerySuggestion(string Query, long Total);
