using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SearchKit.Elasticsearch.Searching;

/// <summary>Reads the engine's reason out of an Elasticsearch error body (<c>{"error": {"root_cause": …, "caused_by": …}, "status": N}</c>).</summary>
internal static partial class EsErrors
{
    [GeneratedRegex(@"line \d+, column (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Column();

    /// <summary>The error's type (of the most specific cause) and its reason, first line only; null when the body is no error.</summary>
    public static (string Type, string Reason)? Read(JsonNode? body)
    {
        var error = body?["error"];
        if (error is null)
        {
            return null;
        }

        if (error is JsonValue plain)
        {
            return ("error", FirstLine(plain.ToString()));
        }

        // A search's failure is grouped per shard: the shard's reason, and its deepest cause, say what was wrong.
        var node = error["failed_shards"]?[0]?["reason"] ?? error["root_cause"]?[0] ?? error;
        while (node?["caused_by"] is JsonObject cause)
        {
            node = cause;
        }

        var type = node?["type"]?.ToString() ?? error["type"]?.ToString() ?? "error";
        var reason = node?["reason"]?.ToString() ?? error["reason"]?.ToString() ?? "no reason given";
        return (type, FirstLine(reason));
    }

    /// <summary>The 1-based column a query parser names in its reason ("line 1, column 9"), if it names one.</summary>
    public static int? Position(string reason)
    {
        var m = Column().Match(reason);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Whether the error is about the query the caller wrote (a bad request), rather than the cluster.</summary>
    public static bool IsQueryError(int status, string type) =>
        status == 400 && type is not "index_not_found_exception";

    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n', StringComparison.Ordinal);
        return (nl < 0 ? text : text[..nl]).Trim();
    }
}
