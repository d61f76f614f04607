using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SearchKit.Cli.Rendering;

/// <summary>Writes one compact JSON object per line, with non-ASCII text left readable, so output pipes into <c>jq</c>.</summary>
internal static class Json
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Builds one JSON document with <paramref name="write"/> and returns it as a single line.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes a string property, or null.</summary>
    public static void String(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes an array property, <paramref name="writeItem"/> writing each item's value.</summary>
    public static void Array<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array property of one object per item, <paramref name="writeProperties"/> writing its properties.</summary>
    public static void ObjectArray<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeProperties) =>
        writer.Array(name, items, (w, item) =>
        {
            w.WriteStartObject();
            writeProperties(w, item);
            w.WriteEndObject();
        });

    /// <summary>
    /// Writes metadata fields as one object property: one value as a scalar, several as an array; keywords as
    /// strings, numbers as numbers, dates as ISO 8601 strings.
    /// </summary>
    public static void Fields(this Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, IReadOnlyList<Articles.FieldValue>> fields)
    {
        writer.WriteStartObject(name);
        foreach (var (field, values) in fields)
        {
            writer.WritePropertyName(field);
            if (values.Count == 1)
            {
                FieldValue(writer, values[0]);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var v in values)
                {
                    FieldValue(writer, v);
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static void FieldValue(Utf8JsonWriter writer, Articles.FieldValue value)
    {
        if (value.NumberValue is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
