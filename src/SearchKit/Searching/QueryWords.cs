using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>One plain word of a query string: where it stands, and the analysed field it is searched in (null: every searched field).</summary>
internal readonly record struct QueryWord(int Start, int Length, string? Field);

/// <summary>
/// Finds the plain words of a query string by position, so that a correction can replace their text and keep
/// everything else (field names, phrases, operators, boosts, groups) exactly as written. Terms the user shaped
/// on purpose are not words here: wildcards, fuzzy terms, regular expressions, ranges, escaped text, terms of
/// exact fields (id, path, category, tags, metadata).
/// </summary>
internal static class QueryWords
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "TO" };

    public static List<QueryWord> Find(string text, QuerySyntax syntax)
    {
        var words = new List<QueryWord>();
        if (syntax == QuerySyntax.Natural)
        {
            Runs(text, 0, text.Length, null, words);
            return words;
        }

        // A group's field (title:(a b)) applies to the words inside it; "" marks an exact field, whose words are left alone.
        var groups = new Stack<string?>();
        string? pending = null;
        bool hasPending = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            string? field = hasPending ? pending : groups.Count > 0 ? groups.Peek() : null;
            if (char.IsWhiteSpace(c) || c is '+' or '-' or '!' or '&' or '|')
            {
                i++;
                continue;
            }

            if (c == '(')
            {
                groups.Push(field);
                hasPending = false;
                i++;
                continue;
            }

            if (c == ')')
            {
                if (groups.Count > 0)
                {
                    groups.Pop();
                }

                i++;
                continue;
            }

            hasPending = false;
            if (c == '"')
            {
                int end = Closing(text, i + 1, '"');
                if (field != string.Empty)
                {
                    Runs(text, i + 1, end, field, words);
                }

                i = SkipSuffix(text, end + 1);
                continue;
            }

            if (c is '[' or '{')
            {
                i = SkipSuffix(text, Math.Min(text.Length, text.IndexOfAny([']', '}'], i) is var e and >= 0 ? e + 1 : text.Length));
                continue;
            }

            if (c == '/')
            {
                i = SkipSuffix(text, Closing(text, i + 1, '/') + 1);
                continue;
            }

            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"' or '[' or '{'))
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            i = Math.Min(i, text.Length);
            var token = text.AsSpan(start, i - start);
            int colon = token.IndexOf(':');
            if (colon >= 0 && token.IndexOf('\\') < 0)
            {
                string name = token[..colon].ToString();
                string? mapped = ArticleFields.Queryable.TryGetValue(name, out var f) && ArticleFields.Searched.Contains(f) ? f : string.Empty;
                if (colon == token.Length - 1)
                {
                    pending = mapped;
                    hasPending = true;
                    continue;
                }

                start += colon + 1;
                token = token[(colon + 1)..];
                field = mapped;
            }

            int caret = token.IndexOf('^');
            var term = caret >= 0 ? token[..caret] : token;
            if (field != string.Empty && IsPlainWord(term) && !Operators.Contains(term.ToString()))
            {
                words.Add(new QueryWord(start, term.Length, field));
            }
        }

        return words;
    }

    /// <summary>A term of letters and digits with at least one letter: what an analyser reads as one word.</summary>
    private static bool IsPlainWord(ReadOnlySpan<char> term)
    {
        bool letter = false;
        foreach (char c in term)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }

            letter |= char.IsLetter(c);
        }

        return letter;
    }

    /// <summary>Every run of letters and digits in text[from..to): the words of a phrase or a natural query.</summary>
    private static void Runs(string text, int from, int to, string? field, List<QueryWord> words)
    {
        int i = from;
        while (i < to)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < to && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            // A word glued to an apostrophe or hyphen is analysed with it; correcting half of it would change its meaning.
            bool glued = (start > from && text[start - 1] is '\'' or '’' or '-' or '\\') || (i < to && text[i] is '\'' or '’' or '-');
            if (!glued && IsPlainWord(text.AsSpan(start, i - start)))
            {
                words.Add(new QueryWord(start, i - start, field));
            }
        }
    }

    /// <summary>The index of the unescaped closing character, or the text's length.</summary>
    private static int Closing(string text, int from, char close)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == close)
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>Skips a <c>~N</c> or <c>^N</c> after a phrase, range or regular expression.</summary>
    private static int SkipSuffix(string text, int i)
    {
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
        {
            i++;
        }

        return i;
    }
}
