using System.Globalization;

namespace SearchKit.Searching;

/// <summary>The buckets a date histogram counts by (UTC).</summary>
public enum DateInterval
{
    /// <summary>Calendar years: values like <c>2024</c>.</summary>
    Year,

    /// <summary>Calendar months: values like <c>2024-06</c>.</summary>
    Month,

    /// <summary>Days: values like <c>2024-06-01</c>.</summary>
    Day,
}

/// <summary>
/// One bucket of a range facet: values from <see cref="From"/> (inclusive) up to <see cref="To"/> (exclusive), so
/// that adjacent ranges (<c>0..100,100..500</c>) never count a value twice; a null end is open. The ends are text,
/// read by the field's kind when the search runs: numbers in invariant form, dates as ISO 8601 (a year, month or day
/// stands for its start).
/// </summary>
/// <param name="From">The lower end (inclusive), or null.</param>
/// <param name="To">The upper end (exclusive), or null.</param>
public sealed record FacetRange(string? From, string? To)
{
    /// <summary>The bucket's value in <see cref="FacetResult.Values"/>: <c>FROM..TO</c>, an open end left empty.</summary>
    public string Label => $"{From}..{To}";
}

/// <summary>
/// What to count for one metadata field over every article that matches a search (see <see cref="SearchOptions.Facets"/>):
/// the top values of a keyword (or number) field, a histogram of a date field, or counts over ranges of a number
/// or date field. Build one with <see cref="Terms"/>, <see cref="Histogram"/>, <see cref="Range"/> or <see cref="Parse"/>.
/// </summary>
public sealed record FacetRequest
{
    /// <summary>The most values a terms facet returns.</summary>
    public const int MaxTop = 1000;

    /// <summary>The most ranges one range facet counts.</summary>
    public const int MaxRanges = 64;

    private FacetRequest(string field, int top, DateInterval? interval, IReadOnlyList<FacetRange> ranges)
    {
        Field = field;
        Top = top;
        Interval = interval;
        Ranges = ranges;
    }

    /// <summary>The logical field counted.</summary>
    public string Field { get; }

    /// <summary>For a terms facet, how many values (the most frequent) are returned; 0 for the other kinds.</summary>
    public int Top { get; }

    /// <summary>For a date histogram, its buckets; otherwise null.</summary>
    public DateInterval? Interval { get; }

    /// <summary>For a range facet, its ranges in the order given; otherwise empty.</summary>
    public IReadOnlyList<FacetRange> Ranges { get; }

    /// <summary>The <paramref name="top"/> most frequent values of a keyword or number field, and the count of the rest.</summary>
    public static FacetRequest Terms(string field, int top = 10)
    {
        CheckField(field);
        return top is < 1 or > MaxTop
            ? throw new ArgumentOutOfRangeException(nameof(top), $"a facet returns 1 to {MaxTop} values")
            : new FacetRequest(field, top, null, []);
    }

    /// <summary>A histogram of a date field by year, month or day (UTC); every non-empty bucket, oldest first.</summary>
    public static FacetRequest Histogram(string field, DateInterval interval)
    {
        CheckField(field);
        return Enum.IsDefined(interval) ? new FacetRequest(field, 0, interval, []) : throw new ArgumentOutOfRangeException(nameof(interval));
    }

    /// <summary>Counts over ranges of a number or date field, in the order given (ranges may overlap).</summary>
    public static FacetRequest Range(string field, params FacetRange[] ranges)
    {
        CheckField(field);
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Length is 0 or > MaxRanges || ranges.Any(r => r is null || (r.From is null && r.To is null)))
        {
            throw new ArgumentException($"a range facet needs 1 to {MaxRanges} ranges, each with at least one end", nameof(ranges));
        }

        return new FacetRequest(field, 0, null, [.. ranges]);
    }

    /// <summary>
    /// Reads the host's facet grammar: <c>FIELD</c> (the top 10 values), <c>FIELD:N</c> (the top N, 1 to 1000),
    /// <c>FIELD:year</c>, <c>FIELD:month</c>, <c>FIELD:day</c> (a date histogram), or <c>FIELD:RANGE,RANGE,…</c> where
    /// a RANGE is <c>FROM..TO</c>, <c>FROM..</c> or <c>..TO</c>: from inclusive, to exclusive
    /// (<c>wordcount:0..100,100..500,500..</c>, <c>published:..2020,2020..2023,2023..</c>).
    /// </summary>
    /// <exception cref="SearchKitQueryException">The expression is malformed; the message says how.</exception>
    public static FacetRequest Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string field = (colon < 0 ? text : text[..colon]).Trim();
        if (field.Length == 0)
        {
            throw Error(expression, "the field name is missing");
        }

        if (colon < 0)
        {
            return new FacetRequest(field, 10, null, []);
        }

        string spec = text[(colon + 1)..].Trim();
        switch (spec.ToLowerInvariant())
        {
            case "year":
                return new FacetRequest(field, 0, DateInterval.Year, []);
            case "month":
                return new FacetRequest(field, 0, DateInterval.Month, []);
            case "day":
                return new FacetRequest(field, 0, DateInterval.Day, []);
        }

        if (spec.Contains("..", StringComparison.Ordinal))
        {
            var ranges = new List<FacetRange>();
            foreach (var part in spec.Split(','))
            {
                var p = part.Trim();
                int dots = p.IndexOf("..", StringComparison.Ordinal);
                if (dots < 0)
                {
                    throw Error(expression, $"'{p}' is not a range (write FROM..TO, FROM.. or ..TO; from inclusive, to exclusive)");
                }

                string from = p[..dots].Trim(), to = p[(dots + 2)..].Trim();
                if (from.Length == 0 && to.Length == 0)
                {
                    throw Error(expression, "a range needs at least one end");
                }

                ranges.Add(new FacetRange(from.Length == 0 ? null : from, to.Length == 0 ? null : to));
            }

            return ranges.Count > MaxRanges ? throw Error(expression, $"more than {MaxRanges} ranges") : new FacetRequest(field, 0, null, ranges);
        }

        if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out int top) && top is >= 1 and <= MaxTop)
        {
            return new FacetRequest(field, top, null, []);
        }

        throw Error(expression, $"'{spec}' is neither a number of values (1 to {MaxTop}), year, month, day, nor ranges like 0..100,100..");
    }

    /// <summary>The request in <see cref="Parse"/>'s grammar.</summary>
    public override string ToString() =>
        Interval is { } i ? $"{Field}:{i.ToString().ToLowerInvariant()}"
        : Ranges.Count > 0 ? $"{Field}:{string.Join(',', Ranges.Select(r => r.Label))}"
        : $"{Field}:{Top}";

    private static void CheckField(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
    }

    private static SearchKitQueryException Error(string expression, string reason) => new($"malformed facet '{expression}': {reason}", expression);
}

/// <summary>One value of a facet and how many matching articles have it.</summary>
/// <param name="Value">A keyword, a number in invariant form, a date bucket (<c>2024</c>, <c>2024-06</c>, <c>2024-06-01</c>) or a range label (<c>100..500</c>).</param>
/// <param name="Count">Matching articles with that value (an article with several values counts once for each).</param>
public sealed record FacetValue(string Value, long Count);

/// <summary>The counts of one facet.</summary>
/// <param name="Field">The logical field counted.</param>
/// <param name="Values">
/// Terms: the top values, most articles first (ties by value). Histogram: every non-empty bucket, oldest first.
/// Ranges: one entry per requested range, in the order given, empty ones included.
/// </param>
/// <param name="Other">
/// Terms: the counts of the values not returned, summed (an article with two such values counts twice, as
/// Elasticsearch's <c>sum_other_doc_count</c>); 0 for histograms and ranges.
/// </param>
public sealed record FacetResult(string Field, IReadOnlyList<FacetValue> Values, long Other);
