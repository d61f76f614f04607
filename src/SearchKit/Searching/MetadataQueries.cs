using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// Lucene queries on metadata fields, by the field's kind: equality and ranges, with values read as the kind
/// (see <see cref="SearchFilter"/> for how dates and numbers are written). Shared by filters and the query syntax.
/// </summary>
internal static partial class MetadataQueries
{
    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PartialDate();

    /// <summary>Documents whose field equals <paramref name="value"/> (a date: lies within the year, month, day or instant written).</summary>
    /// <exception cref="SearchKitQueryException">The value cannot be read as the field's kind.</exception>
    public static Query Equal(string name, FieldKind kind, string value, string query)
    {
        string field = MetadataLayout.Field(name);
        switch (kind)
        {
            case FieldKind.Number:
                double n = Number(name, value, query);
                return NumericRangeQuery.NewDoubleRange(field, n, n, true, true);
            case FieldKind.Date:
                var (start, end) = Date(name, value, query);
                return NumericRangeQuery.NewInt64Range(field, start, end, true, false);
            default:
                return new TermQuery(new Term(field, value));
        }
    }

    /// <summary>Documents with a value of the field in the range (a null end is open).</summary>
    /// <exception cref="SearchKitQueryException">The field is a keyword field, or an end cannot be read as the field's kind.</exception>
    public static Query Range(string name, FieldKind kind, string? from, string? to, bool includeFrom, bool includeTo, string query)
    {
        string field = MetadataLayout.Field(name);
        switch (kind)
        {
            case FieldKind.Number:
                double? lo = from is null ? null : Number(name, from, query);
                double? hi = to is null ? null : Number(name, to, query);
                return NumericRangeQuery.NewDoubleRange(field, lo, hi, includeFrom, includeTo);
            case FieldKind.Date:
                // A written date is an interval [start, end): from it inclusive means from its start, exclusive from
                // its end; up to it inclusive means before its end, exclusive before its start.
                long? low = from is null ? null : (includeFrom ? Date(name, from, query).Start : Date(name, from, query).End);
                long? high = to is null ? null : (includeTo ? Date(name, to, query).End : Date(name, to, query).Start);
                return NumericRangeQuery.NewInt64Range(field, low, high, true, false);
            default:
                throw new SearchKitQueryException($"a range needs a number or date field; \"{name}\" is a keyword field (filter it by values: {name}=a,b)", query);
        }
    }

    /// <summary>Documents with at least one value of the field (from its doc values).</summary>
    public static Query Exists(string name) => new ConstantScoreQuery(new FieldValueFilter(MetadataLayout.Field(name)));

    /// <summary>A number written in invariant form.</summary>
    public static double Number(string name, string value, string query) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n
            : throw new SearchKitQueryException($"\"{value}\" is not a number (\"{name}\" is a number field; write numbers like 12 or 12.5)", query);

    /// <summary>The interval of Unix milliseconds a written date covers: a year, a month, a day, or one instant.</summary>
    public static (long Start, long End) Date(string name, string value, string query)
    {
        var text = value.Trim();
        var m = PartialDate().Match(text);
        if (m.Success)
        {
            int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            int month = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 1;
            int day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
            if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                var start = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
                var end = m.Groups["d"].Success ? start.AddDays(1) : m.Groups["m"].Success ? start.AddMonths(1) : start.AddYears(1);
                return (start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds());
            }
        }
        else if (FieldSchema.ParseIsoDate(text) is { } instant)
        {
            long ms = instant.ToUnixTimeMilliseconds();
            return (ms, ms + 1);
        }

        throw new SearchKitQueryException($"\"{value}\" is not a date (\"{name}\" is a date field; write 2024, 2024-06, 2024-06-01 or 2024-06-01T12:00:00Z)", query);
    }
}
