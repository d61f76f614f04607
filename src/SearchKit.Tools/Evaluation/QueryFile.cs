using System.Text.Json;

namespace SearchKit.Evaluation;

/// <summary>Reads test queries from TSV or BEIR JSON Lines files.</summary>
public static class QueryFile
{
    /// <summary>Reads the queries in a file, in file order.</summary>
    /// <exception cref="EvaluationDataException">The file cannot be read, a line is malformed, or an id repeats.</exception>
    public static IReadOnlyList<EvaluationQuery> Read(string path, QueryFileFormat format = QueryFileFormat.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = EvaluationFiles.Open(path);
        return Read(reader, path, format);
    }

    /// <summary>Reads queries from a text reader; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="EvaluationDataException">A line is malformed or an id repeats.</exception>
    public static IReadOnlyList<EvaluationQuery> Read(TextReader reader, string source, QueryFileFormat format = QueryFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var queries = new List<EvaluationQuery>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int number = 0;
        foreach (var raw in EvaluationFiles.Lines(reader, source))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (format == QueryFileFormat.Auto)
            {
                format = line.TrimStart().StartsWith('{') ? QueryFileFormat.JsonLines : QueryFileFormat.Tsv;
            }

            var query = format == QueryFileFormat.JsonLines ? ParseJson(line, source, number) : ParseTsv(line, source, number);
            if (seen.TryGetValue(query.Id, out var first))
            {
                throw new EvaluationDataException(source, $"query id '{query.Id}' repeats (first on line {first})", number);
            }

            seen.Add(query.Id, number);
            queries.Add(query);
        }

        return queries;
    }

    private static EvaluationQuery ParseTsv(string line, string source, int number)
    {
        int tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            throw new EvaluationDataException(source, "expected 'id<TAB>text' (no tab on this line)", number);
        }

        var id = line[..tab].Trim();
        var text = line[(tab + 1)..].Trim();
        if (id.Length == 0)
        {
            throw new EvaluationDataException(source, "the query id is empty", number);
        }

        return new EvaluationQuery(id, text);
    }

    private static EvaluationQuery ParseJson(string line, string source, int number)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationDataException(source, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}", number);
            }

            var id = Scalar(root, "_id", source, number) ?? Scalar(root, "id", source, number)
                ?? throw new EvaluationDataException(source, "the query has no \"_id\"", number);
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new EvaluationDataException(source, "the query has no \"text\" string", number);
            }

            return new EvaluationQuery(id.Trim(), text.GetString()!.Trim());
        }
        catch (JsonException e)
        {
            throw new EvaluationDataException(source, $"malformed JSON ({EvaluationFiles.FirstLine(e.Message)})", number, e);
        }
    }

    private static string? Scalar(JsonElement obj, string name, string source, int number)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(v.GetString()) => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new EvaluationDataException(source, $"\"{name}\" must be a non-empty string or a number", number),
        };
    }
}
