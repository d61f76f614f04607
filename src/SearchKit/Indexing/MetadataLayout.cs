using System.Buffers.Binary;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// How a metadata field (the fixed four and every named one) lives in the one Lucene document of an article,
/// in one place for the mapper, filters, sorting and facets. For a logical field NAME:
/// <list type="bullet">
/// <item>Keyword: <c>f.NAME</c> StringField per value (stored); <c>f.NAME</c> SortedSet doc values per value;
/// <c>s.NAME</c> Sorted doc values of the first value.</item>
/// <item>Number: <c>f.NAME</c> DoubleField per value (stored); <c>f.NAME</c> SortedSet doc values of
/// <see cref="EncodeNumber"/> per value; <c>s.NAME</c> Double doc values of the first value.</item>
/// <item>Date (Unix ms): <c>f.NAME</c> Int64Field per value (stored); <c>f.NAME</c> SortedSet doc values of
/// <see cref="EncodeDate"/> per value; <c>s.NAME</c> Numeric doc values of the first value.</item>
/// </list>
/// Lucene.Net 4.8 has no SortedNumeric doc values, hence SortedSet with an order-preserving 8-byte encoding for
/// the many values of a number or date field.
/// </summary>
internal static class MetadataLayout
{
    /// <summary>The prefix of the indexed, stored and SortedSet doc-values field of a logical field.</summary>
    public const string FieldPrefix = "f.";

    /// <summary>The prefix of the single-valued sort doc values of a logical field.</summary>
    public const string SortPrefix = "s.";

    /// <summary>The Lucene field that holds a logical field's values.</summary>
    public static string Field(string name) => FieldPrefix + name;

    /// <summary>The Lucene field that holds a logical field's first value, for sorting.</summary>
    public static string Sort(string name) => SortPrefix + name;

    /// <summary>An 8-byte big-endian encoding of a double whose byte order is the numeric order.</summary>
    public static BytesRef EncodeNumber(double value) => EncodeInt64(NumericUtils.DoubleToSortableInt64(value));

    /// <summary>An 8-byte big-endian encoding of Unix milliseconds whose byte order is the time order.</summary>
    public static BytesRef EncodeDate(long unixMs) => EncodeInt64(unixMs);

    /// <summary>The double of <see cref="EncodeNumber"/>.</summary>
    public static double DecodeNumber(BytesRef bytes) => NumericUtils.SortableInt64ToDouble(DecodeInt64(bytes));

    /// <summary>The Unix milliseconds of <see cref="EncodeDate"/>.</summary>
    public static long DecodeDate(BytesRef bytes) => DecodeInt64(bytes);

    /// <summary>The value of a date as the index holds it.</summary>
    public static long ToUnixMs(DateTimeOffset date) => date.ToUnixTimeMilliseconds();

    /// <summary>The date of Unix milliseconds, in UTC.</summary>
    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>Adds a field's values (already read as <paramref name="kind"/>, see <see cref="FieldSchema"/>) to a document.</summary>
    public static void Add(Document doc, string name, FieldKind kind, IReadOnlyList<FieldValue> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        string field = Field(name);
        switch (kind)
        {
            case FieldKind.Keyword:
                foreach (var v in values)
                {
                    doc.Add(new StringField(field, v.TextValue!, Lucene.Net.Documents.Field.Store.YES));
                    doc.Add(new SortedSetDocValuesField(field, new BytesRef(v.TextValue!)));
                }

                doc.Add(new SortedDocValuesField(Sort(name), new BytesRef(values[0].TextValue!)));
                break;
            case FieldKind.Number:
                foreach (var v in values)
                {
                    doc.Add(new DoubleField(field, v.NumberValue!.Value, Lucene.Net.Documents.Field.Store.YES));
                    doc.Add(new SortedSetDocValuesField(field, EncodeNumber(v.NumberValue!.Value)));
                }

                doc.Add(new DoubleDocValuesField(Sort(name), values[0].NumberValue!.Value));
                break;
            case FieldKind.Date:
                foreach (var v in values)
                {
                    long ms = ToUnixMs(v.DateValue!.Value);
                    doc.Add(new Int64Field(field, ms, Lucene.Net.Documents.Field.Store.YES));
                    doc.Add(new SortedSetDocValuesField(field, EncodeDate(ms)));
                }

                doc.Add(new NumericDocValuesField(Sort(name), ToUnixMs(values[0].DateValue!.Value)));
                break;
        }
    }

    /// <summary>Every metadata field of a stored document, in the order the document holds them: text is a keyword, a double a number, a long a date.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> Read(Document doc)
    {
        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>(StringComparer.Ordinal);
        foreach (var f in doc.Fields)
        {
            if (!f.Name.StartsWith(FieldPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            FieldValue? value = f.NumericType switch
            {
                NumericFieldType.DOUBLE => FieldValue.Number(f.GetDoubleValue()!.Value),
                NumericFieldType.INT64 => FieldValue.Date(FromUnixMs(f.GetInt64Value()!.Value)),
                _ => f.GetStringValue() is { } s ? FieldValue.Text(s) : null,
            };
            if (value is null)
            {
                continue;
            }

            string name = f.Name[FieldPrefix.Length..];
            if (!fields.TryGetValue(name, out var list))
            {
                fields[name] = list = new List<FieldValue>();
            }

            ((List<FieldValue>)list).Add(value.Value);
        }

        return fields;
    }

    /// <summary>Whether a stored Lucene field is a metadata field (to load only those, not the article's text).</summary>
    public static bool IsMetadata(string luceneField) => luceneField.StartsWith(FieldPrefix, StringComparison.Ordinal);

    private static BytesRef EncodeInt64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)value ^ 0x8000_0000_0000_0000UL);
        return new BytesRef(bytes);
    }

    private static long DecodeInt64(BytesRef bytes) =>
        (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes.Bytes.AsSpan(bytes.Offset, 8)) ^ 0x8000_0000_0000_0000UL);
}
