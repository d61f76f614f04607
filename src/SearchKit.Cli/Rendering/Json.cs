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
}
