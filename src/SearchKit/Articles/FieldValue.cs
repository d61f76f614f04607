using System.Globalization;

namespace SearchKit.Articles;

/// <summary>
/// One value of a named metadata field as a reader found it: text, a number or a date. Which kind a text value
/// has in an index is decided by the index's schema (a text "2024-06-01" in a date field is a date).
/// </summary>
public readonly record struct FieldValue
{
    private FieldValue(string? text, double number, DateTimeOffset? date)
    {
        TextValue = text;
        NumberValue = text is null && date is null ? number : null;
        DateValue = date;
    }

    /// <summary>The text, when this is a text value.</summary>
    public string? TextValue { get; }

    /// <summary>The number, when this is a number.</summary>
    public double? NumberValue { get; }

    /// <summary>The instant, when this is a date.</summary>
    public DateTimeOffset? DateValue { get; }

    /// <summary>A text value (JSON booleans are the texts "true" and "false").</summary>
    public static FieldValue Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new FieldValue(value, 0, null);
    }

    /// <summary>A number.</summary>
    public static FieldValue Number(double value) =>
        double.IsFinite(value) ? new FieldValue(null, value, null) : throw new ArgumentOutOfRangeException(nameof(value), "a field's number must be finite");

    /// <summary>An instant.</summary>
    public static FieldValue Date(DateTimeOffset value) => new(null, 0, value);

    /// <summary>The value as invariant text: the text itself, a number in round-trip form, a date in ISO 8601 (UTC).</summary>
    public override string ToString() =>
        TextValue ?? (DateValue is { } d ? d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : NumberValue?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty);
}
