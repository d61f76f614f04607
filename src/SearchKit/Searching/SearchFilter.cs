using System.Text;

namespace SearchKit.Searching;

/// <summary>
/// One condition on an article's metadata fields (the fixed <c>category</c>, <c>tags</c>, <c>published</c>,
/// <c>url</c> and any named field). Filters never change scores; a search holds when all its filters do. Values are
/// text, read by the field's kind when the search runs: a keyword matches exactly (case-sensitive), a number as
/// invariant text (<c>12.5</c>), a date as ISO 8601 — a year (<c>2025</c>), a month (<c>2024-06</c>), a day or a
/// date-time; a year, month or day stands for the whole of it (<c>published&lt;2025</c> is before 2025 began,
/// <c>published&lt;=2024-06</c> up to the end of June, <c>published=2024-06</c> within June).
/// </summary>
public abstract record SearchFilter
{
    private protected SearchFilter(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        Field = field;
    }

    /// <summary>The logical field the condition is on.</summary>
    public string Field { get; }

    /// <summary>The field has at least one of the values.</summary>
    public static SearchFilter AnyOf(string field, params string[] values) => new AnyOfFilter(field, Values(values));

    /// <summary>The field has every one of the values.</summary>
    public static SearchFilter AllOf(string field, params string[] values) => new AllOfFilter(field, Values(values));

    /// <summary>A value of the field (a number or a date field) lies in the range; a null end is open.</summary>
    public static SearchFilter Range(string field, string? from, string? to, bool includeFrom = true, bool includeTo = true) =>
        from is null && to is null ? throw new ArgumentException("a range needs at least one end", nameof(from)) : new RangeFilter(field, from, to, includeFrom, includeTo);

    /// <summary>The field has a value.</summary>
    public static SearchFilter Exists(string field) => new ExistsFilter(field);

    /// <summary>The field has no value.</summary>
    public static SearchFilter Missing(string field) => new NotFilter(new ExistsFilter(field));

    /// <summary>The condition does not hold.</summary>
    public static SearchFilter Not(SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter is NotFilter not ? not.Inner : new NotFilter(filter);
    }

    /// <summary>
    /// Reads the host's filter grammar: <c>tags=oil</c>; <c>tags=oil,gas</c> (any of); <c>tags=oil&amp;gas</c> (all of);
    /// <c>category!=sport</c>; <c>published&gt;=2024-01-01</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>; <c>wordcount=100..500</c>
    /// (inclusive; <c>100..</c> and <c>..500</c> open); <c>url?</c> (exists); <c>url!?</c> or <c>!url?</c> (missing);
    /// <c>!EXPR</c> negates any expression. A value in double quotes is taken literally (commas included).
    /// </summary>
    /// <exception cref="SearchKitQueryException">The expression is malformed; the message names the position.</exception>
    public static SearchFilter Parse(string expression) => FilterGrammar.Parse(expression);

    /// <summary>A canonical text of the condition: equal filters have equal keys (the per-segment cache is keyed by it).</summary>
    internal abstract string Key { get; }

    private static IReadOnlyList<string> Values(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || values.Any(v => v is null))
        {
            throw new ArgumentException("a filter needs at least one value, and no null value", nameof(values));
        }

        return [.. values];
    }

    private protected static string Join(IEnumerable<string> values)
    {
        var sb = new StringBuilder();
        foreach (var v in values)
        {
            sb.Append('\u0001').Append(v);
        }

        return sb.ToString();
    }
}

/// <summary>The field has at least one of <see cref="Values"/>.</summary>
public sealed record AnyOfFilter : SearchFilter
{
    internal AnyOfFilter(string field, IReadOnlyList<string> values)
        : base(field) => Values = values;

    /// <summary>The values, any of which matches.</summary>
    public IReadOnlyList<string> Values { get; }

    internal override string Key => $"any({Field}{Join(Values)})";

    /// <inheritdoc />
    public bool Equals(AnyOfFilter? other) => other is not null && Key == other.Key;

    /// <inheritdoc />
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Field}={string.Join(',', Values.Select(FilterGrammar.Quote))}";
}

/// <summary>The field has every one of <see cref="Values"/>.</summary>
public sealed record AllOfFilter : SearchFilter
{
    internal AllOfFilter(string field, IReadOnlyList<string> values)
        : base(field) => Values = values;

    /// <summary>The values, all of which must be present.</summary>
    public IReadOnlyList<string> Values { get; }

    internal override string Key => $"all({Field}{Join(Values)})";

    /// <inheritdoc />
    public bool Equals(AllOfFilter? other) => other is not null && Key == other.Key;

    /// <inheritdoc />
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Field}={string.Join('&', Values.Select(FilterGrammar.Quote))}";
}

/// <summary>A value of the field lies between <see cref="From"/> and <see cref="To"/> (null: open).</summary>
public sealed record RangeFilter : SearchFilter
{
    internal RangeFilter(string field, string? from, string? to, bool includeFrom, bool includeTo)
        : base(field) => (From, To, IncludeFrom, IncludeTo) = (from, to, includeFrom, includeTo);

    /// <summary>The lower end, or null.</summary>
    public string? From { get; }

    /// <summary>The upper end, or null.</summary>
    public string? To { get; }

    /// <summary>Whether the lower end is included.</summary>
    public bool IncludeFrom { get; }

    /// <summary>Whether the upper end is included.</summary>
    public bool IncludeTo { get; }

    internal override string Key => $"range({Field}\u0001{(IncludeFrom ? '[' : '{')}{From}\u0001{To}{(IncludeTo ? ']' : '}')})";

    /// <inheritdoc />
    public override string ToString() => (From, To) switch
    {
        (not null, not null) when IncludeFrom && IncludeTo => $"{Field}={From}..{To}",
        (not null, null) => $"{Field}{(IncludeFrom ? ">=" : ">")}{From}",
        (null, not null) => $"{Field}{(IncludeTo ? "<=" : "<")}{To}",
        _ => $"{Field}{(IncludeFrom ? ">=" : ">")}{From} and {Field}{(IncludeTo ? "<=" : "<")}{To}",
    };
}

/// <summary>The field has a value.</summary>
public sealed record ExistsFilter : SearchFilter
{
    internal ExistsFilter(string field)
        : base(field)
    {
    }

    internal override string Key => $"exists({Field})";

    /// <inheritdoc />
    public override string ToString() => $"{Field}?";
}

/// <summary>The <see cref="Inner"/> condition does not hold.</summary>
public sealed record NotFilter : SearchFilter
{
    internal NotFilter(SearchFilter inner)
        : base(inner.Field) => Inner = inner;

    /// <summary>The negated condition.</summary>
    public SearchFilter Inner { get; }

    internal override string Key => $"not({Inner.Key})";

    /// <inheritdoc />
    public override string ToString() => Inner is ExistsFilter ? $"{Field}!?" : Inner is AnyOfFilter any ? $"{Field}!={string.Join(',', any.Values.Select(FilterGrammar.Quote))}" : $"!{Inner}";
}
