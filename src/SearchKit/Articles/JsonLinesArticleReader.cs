using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SearchKit.Articles;

/// <summary>
/// Reads JSON Lines: one article object per line, with <c>id</c> (or <c>_id</c>), <c>title</c>, <c>lead</c>,
/// <c>paragraphs</c> (strings, or objects with <c>text</c> and <c>heading</c>) or a <c>text</c> string split
/// on blank lines, and optional <c>category</c>, <c>tags</c>, <c>published</c>, <c>url</c>.
/// Every other top-level member whose value is a string, a number, a boolean or an array of those becomes a
/// named field (<see cref="ArticleMetadata.Fields"/>; booleans as the texts "true"/"false"); members whose value is
/// an object or null, and members whose name cannot name a field (<see cref="FieldNames"/>), are ignored.
/// A bad line is reported and the lines after it are still read.
/// </summary>
public static class JsonLinesArticleReader
{
    /// <summary>Reads every line of a stream; never throws for bad content, only reports it per line.</summary>
    /// <param name="stream">UTF-8 JSON Lines.</param>
    /// <param name="source">A name for errors and the default id prefix (usually the file path).</param>
    /// <param name="limits">Size and paragraph limits; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <param name="idPrefix">The prefix of ids made up for lines that carry none: <c>{idPrefix}#{line}</c>.</param>
    /// <param name="metadata">Metadata every article starts from (for example the source path).</param>
    /// <param name="cancellation">Checked before each line: a long file stops as soon as the run is cancelled.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static IEnumerable<ArticleReadResult> Read(
        Stream stream,
        string source,
        ReaderLimits? limits = null,
        string? idPrefix = null,
        ArticleMetadata? metadata = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        limits ??= ReaderLimits.Default;
        idPrefix ??= source;
        foreach (var line in Lines(stream, limits.MaxArticleBytes, cancellation))
        {
            if (Parse(line, source, limits, idPrefix, metadata) is { } result)
            {
                yield return result;
            }
        }
    }

    /// <summary>One line of a JSON Lines stream as read, not yet parsed: its 1-based number and bytes (empty when over the limit).</summary>
    internal readonly record struct RawLine(int Number, byte[] Bytes, bool Overlong);

    /// <summary>
    /// Splits a stream into lines without parsing them, so that a reader thread can hand the parsing to the
    /// indexing threads. <see cref="Parse"/> turns each into an article or a failure.
    /// </summary>
    internal static IEnumerable<RawLine> Lines(Stream stream, long maxLineBytes, CancellationToken cancellation)
    {
        int number = 0;
        foreach (var (bytes, overlong) in ReadLines(stream, maxLineBytes, cancellation))
        {
            yield return new RawLine(++number, bytes, overlong);
        }
    }

    /// <summary>Parses one line read by <see cref="Lines"/>; null for a blank line.</summary>
    internal static ArticleReadResult? Parse(RawLine line, string source, ReaderLimits limits, string idPrefix, ArticleMetadata? metadata)
    {
        if (line.Overlong)
        {
            return Fail(source, line.Number, $"line longer than {limits.MaxArticleBytes} bytes (the limit)");
        }

        var span = line.Bytes.AsSpan().Trim((byte)'\r').Trim((byte)' ');
        if (line.Number == 1 && span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return span.IsEmpty ? null : ParseLine(span, source, line.Number, limits, idPrefix, metadata ?? ArticleMetadata.Empty);
    }

    /// <summary>Parses one JSON object into an article.</summary>
    /// <exception cref="ArticleReadException">The line is not a valid article object.</exception>
    public static Article ParseObject(string json, string source, int line = 1, ReaderLimits? limits = null, string? idPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var result = ParseLine(Encoding.UTF8.GetBytes(json), source, line, limits ?? ReaderLimits.Default, idPrefix ?? source, ArticleMetadata.Empty);
        return result.Article ?? throw result.Error!;
    }

    private static ArticleReadResult ParseLine(ReadOnlySpan<byte> bytes, string source, int line, ReaderLimits limits, string idPrefix, ArticleMetadata baseMetadata)
    {
        try
        {
            var text = ArticleFiles.DecodeUtf8(bytes, source);
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return ArticleReadResult.Success(ToArticle(doc.RootElement, source, line, limits, idPrefix, baseMetadata), line);
        }
        catch (ArticleReadException e)
        {
            return Fail(source, line, e.Reason);
        }
        catch (JsonException e)
        {
            return Fail(source, line, $"malformed JSON ({FirstLine(e.Message)})");
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses a string with an escaped lone surrogate ("\ud800") only when it is read
            // (GetString), after the line parsed. Such a string cannot become .NET text that Lucene can store.
            return Fail(source, line, $"a string holds an invalid escape, such as a lone UTF-16 surrogate ({FirstLine(e.Message)})");
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // By construction, whatever goes wrong with one line is that line's failure, never the run's.
            return Fail(source, line, $"cannot read the article ({e.GetType().Name}: {FirstLine(e.Message)})");
        }
    }

    private static Article ToArticle(JsonElement root, string source, int line, ReaderLimits limits, string idPrefix, ArticleMetadata baseMetadata)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArticleReadException(source, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}", line);
        }

        string id = ScalarText(root, "id", source, line) ?? ScalarText(root, "_id", source, line) ?? $"{idPrefix}#{line}";
        string title = (StringProp(root, "title", source, line) ?? string.Empty).Trim();
        string? lead = StringProp(root, "lead", source, line)?.Trim();
        var paragraphs = new List<Paragraph>();

        void Add(string text, string? heading)
        {
            text = text.Trim();
            if (text.Length == 0)
            {
                return;
            }

            if (paragraphs.Count >= limits.MaxParagraphs)
            {
                throw new ArticleReadException(source, $"more than {limits.MaxParagraphs} paragraphs (the limit)", line);
            }

            paragraphs.Add(new Paragraph(paragraphs.Count, text, string.IsNullOrWhiteSpace(heading) ? null : heading.Trim()));
        }

        if (root.TryGetProperty("paragraphs", out var ps) && ps.ValueKind != JsonValueKind.Null)
        {
            if (ps.ValueKind != JsonValueKind.Array)
            {
                throw new ArticleReadException(source, "\"paragraphs\" must be an array", line);
            }

            string? heading = null;
            foreach (var p in ps.EnumerateArray())
            {
                switch (p.ValueKind)
                {
                    case JsonValueKind.String:
                        Add(p.GetString()!, heading);
                        break;
                    case JsonValueKind.Object:
                        var h = StringProp(p, "heading", source, line);
                        heading = h ?? heading;
                        Add(StringProp(p, "text", source, line) ?? string.Empty, heading);
                        break;
                    default:
                        throw new ArticleReadException(source, "each paragraph must be a string or an object with \"text\"", line);
                }
            }
        }
        else if (StringProp(root, "text", source, line) is { } body)
        {
            foreach (var block in SplitOnBlankLines(body))
            {
                Add(block, null);
            }
        }

        if (title.Length == 0 && paragraphs.Count == 0 && string.IsNullOrWhiteSpace(lead))
        {
            throw new ArticleReadException(source, "the article has no title and no text", line);
        }

        var metadata = baseMetadata with
        {
            Category = StringProp(root, "category", source, line) ?? baseMetadata.Category,
            Tags = root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : baseMetadata.Tags,
            Published = ParseDate(StringProp(root, "published", source, line), source, line) ?? baseMetadata.Published,
            Url = Uri.TryCreate(StringProp(root, "url", source, line), UriKind.Absolute, out var url) ? url : baseMetadata.Url,
            Fields = NamedFields(root, baseMetadata.Fields),
        };
        return new Article(id.Trim(), title, string.IsNullOrWhiteSpace(lead) ? null : lead, paragraphs) { Metadata = metadata };
    }

    private static readonly HashSet<string> KnownMembers = new(StringComparer.Ordinal)
    {
        "id", "_id", "title", "lead", "paragraphs", "text", "category", "tags", "published", "url",
    };

    /// <summary>The named fields of a line: its other members with scalar or array values, over the base ones.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> NamedFields(JsonElement root, IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> baseFields)
    {
        Dictionary<string, IReadOnlyList<FieldValue>>? fields = null;
        foreach (var member in root.EnumerateObject())
        {
            if (KnownMembers.Contains(member.Name) || !FieldNames.IsValid(member.Name))
            {
                continue;
            }

            var values = new List<FieldValue>();
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    AddScalar(values, item);
                }
            }
            else
            {
                AddScalar(values, member.Value);
            }

            if (values.Count > 0)
            {
                fields ??= new Dictionary<string, IReadOnlyList<FieldValue>>(baseFields, StringComparer.Ordinal);
                fields[member.Name] = values;
            }
        }

        return fields ?? baseFields;
    }

    private static void AddScalar(List<FieldValue> values, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                values.Add(FieldValue.Text(value.GetString()!));
                break;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                values.Add(FieldValue.Number(number));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                values.Add(FieldValue.Text(value.ValueKind == JsonValueKind.True ? "true" : "false"));
                break;
        }
    }

    private static IEnumerable<string> SplitOnBlankLines(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return normalized.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => string.Join(' ', b.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
    }

    private static DateTimeOffset? ParseDate(string? text, string source, int line)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d
            : throw new ArticleReadException(source, $"\"published\" is not a date: {text}", line);
    }

    private static string? StringProp(JsonElement obj, string name, string source, int line)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new ArticleReadException(source, $"\"{name}\" must be a string", line);
    }

    private static string? ScalarText(JsonElement obj, string name, string source, int line)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(v.GetString()) => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new ArticleReadException(source, $"\"{name}\" must be a non-empty string or a number", line),
        };
    }

    private static ArticleReadResult Fail(string source, int line, string reason) =>
        ArticleReadResult.Failure(new ArticleReadException(source, reason, line));

    private static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }

    /// <summary>Splits a stream on '\n' without ever holding more than <paramref name="maxBytes"/> of one line.</summary>
    private static IEnumerable<(byte[] Bytes, bool Overlong)> ReadLines(Stream stream, long maxBytes, CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        bool overlong = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Per buffer, not only per line: one endless overlong line must not outlast a cancellation either.
            cancellation.ThrowIfCancellationRequested();
            int start = 0;
            while (start < read)
            {
                int nl = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                int end = nl < 0 ? read : nl;
                if (!overlong)
                {
                    if (line.Length + (end - start) > maxBytes)
                    {
                        overlong = true;
                        line.SetLength(0);
                    }
                    else
                    {
                        line.Write(buffer, start, end - start);
                    }
                }

                if (nl < 0)
                {
                    break;
                }

                yield return (line.ToArray(), overlong);
                line.SetLength(0);
                overlong = false;
                start = nl + 1;
            }
        }

        if (line.Length > 0 || overlong)
        {
            yield return (line.ToArray(), overlong);
        }
    }
}
