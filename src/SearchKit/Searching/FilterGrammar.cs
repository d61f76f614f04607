using System.Text;

namespace SearchKit.Searching;

/// <summary>The host's small filter grammar (see <see cref="SearchFilter.Parse"/>).</summary>
internal static class FilterGrammar
{
    public static SearchFilter Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        if (text.Length == 0)
        {
            throw Error(expression, "the filter is empty", null);
        }

        if (text[0] == '!')
        {
            return SearchFilter.Not(Parse(text[1..]));
        }

        int op = text.IndexOfAny(['=', '!', '<', '>', '?']);
        if (op < 0)
        {
            throw Error(expression, $"no operator in '{text}' (expected NAME=VALUE, NAME!=VALUE, NAME>=VALUE, NAME<VALUE, NAME=FROM..TO or NAME?)", null);
        }

        string field = text[..op].Trim();
        if (field.Length == 0)
        {
            throw Error(expression, "the field name is missing before the operator", 1);
        }

        string rest = text[op..];
        string Value(int skip)
        {
            var v = rest[skip..].Trim();
            return v.Length == 0 ? throw Error(expression, $"the value is missing after '{rest[..skip]}'", expression.IndexOf(rest, StringComparison.Ordinal) + skip + 1) : v;
        }

        if (rest == "?")
        {
            return SearchFilter.Exists(field);
        }

        if (rest == "!?")
        {
            return SearchFilter.Missing(field);
        }

        if (rest.StartsWith("!=", StringComparison.Ordinal))
        {
            return SearchFilter.Not(Equality(field, Value(2), expression));
        }

        if (rest.StartsWith(">=", StringComparison.Ordinal))
        {
            return SearchFilter.Range(field, Unquote(Value(2)), null, includeFrom: true);
        }

        if (rest.StartsWith("<=", StringComparison.Ordinal))
        {
            return SearchFilter.Range(field, null, Unquote(Value(2)), includeTo: true);
        }

        if (rest[0] == '>')
        {
            return SearchFilter.Range(field, Unquote(Value(1)), null, includeFrom: false);
        }

        if (rest[0] == '<')
        {
            return SearchFilter.Range(field, null, Unquote(Value(1)), includeTo: false);
        }

        if (rest[0] == '=')
        {
            return Equality(field, Value(rest.StartsWith("==", StringComparison.Ordinal) ? 2 : 1), expression);
        }

        throw Error(expression, $"unexpected '{rest}' after the field name (expected =, !=, <, <=, >, >=, ? or !?)", text.Length - rest.Length + 1);
    }

    /// <summary>A value as the grammar writes it: quoted when it holds a character the grammar reads.</summary>
    public static string Quote(string value) =>
        value.Length == 0 || value.IndexOfAny([',', '&', '"']) >= 0 || value.Contains("..", StringComparison.Ordinal) || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static SearchFilter Equality(string field, string value, string expression)
    {
        if (!value.StartsWith('"') && value.Contains("..", StringComparison.Ordinal))
        {
            int dots = value.IndexOf("..", StringComparison.Ordinal);
            string from = value[..dots].Trim();
            string to = value[(dots + 2)..].Trim();
            if (from.Length == 0 && to.Length == 0)
            {
                throw Error(expression, "a range '..' needs at least one end", null);
            }

            return SearchFilter.Range(field, from.Length == 0 ? null : Unquote(from), to.Length == 0 ? null : Unquote(to));
        }

        var (values, all) = Split(value, expression);
        return all ? SearchFilter.AllOf(field, [.. values]) : SearchFilter.AnyOf(field, [.. values]);
    }

    /// <summary>Splits on ',' (any of) or '&amp;' (all of), honouring double quotes ("" inside is one quote).</summary>
    private static (List<string> Values, bool All) Split(string value, string expression)
    {
        var values = new List<string>();
        var current = new StringBuilder();
        char? separator = null;
        bool quoted = false;
        bool wasQuoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < value.Length && value[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                quoted = wasQuoted = true;
                continue;
            }

            if (c is ',' or '&')
            {
                if (separator is { } s && s != c)
                {
                    throw Error(expression, "a filter cannot mix ',' (any of) and '&' (all of)", null);
                }

                separator = c;
                Add(values, current, wasQuoted, expression);
                wasQuoted = false;
                continue;
            }

            current.Append(c);
        }

        if (quoted)
        {
            throw Error(expression, "a '\"' is never closed", null);
        }

        Add(values, current, wasQuoted, expression);
        return (values, separator == '&');
    }

    private static void Add(List<string> values, StringBuilder current, bool quoted, string expression)
    {
        var v = quoted ? current.ToString() : current.ToString().Trim();
        if (v.Length == 0 && !quoted)
        {
            throw Error(expression, "an empty value in the list", null);
        }

        values.Add(v);
        current.Clear();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : value;

    private static SearchKitQueryException Error(string expression, string reason, int? position) =>
        new($"malformed filter '{expression}': {reason}", expression, position);
}
