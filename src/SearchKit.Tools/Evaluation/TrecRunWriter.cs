using System.Globalization;
using SearchKit.Searching;

namespace SearchKit.Evaluation;

/// <summary>
/// Writes TREC run files: one line per retrieved document, <c>qid Q0 docid rank score tag</c>, ranks from 1,
/// which <c>trec_eval</c> reads. The caller owns the writer.
/// </summary>
public static class TrecRunWriter
{
    /// <summary>The run tag used when none is given.</summary>
    public const string DefaultTag = "searchkit";

    /// <summary>Writes the ranking of every run, in order.</summary>
    /// <exception cref="SearchKitException">A query id, document id or tag is empty or contains white space, which the format cannot hold.</exception>
    public static void Write(TextWriter writer, IEnumerable<QueryRun> runs, string tag = DefaultTag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var run in runs)
        {
            Write(writer, run.QueryId, run.Ranking, tag);
        }
    }

    /// <summary>Writes the hits of one search as the ranking of query <paramref name="queryId"/> (paging is not accounted for: ranks start at 1).</summary>
    /// <exception cref="SearchKitException">An id or the tag is empty or contains white space.</exception>
    public static void Write(TextWriter writer, string queryId, SearchResults results, string tag = DefaultTag)
    {
        ArgumentNullException.ThrowIfNull(results);
        Write(writer, queryId, [.. results.Hits.Select(h => new RankedDocument(h.Id, h.Score))], tag);
    }

    /// <summary>Writes one query's ranking.</summary>
    /// <exception cref="SearchKitException">An id or the tag is empty or contains white space.</exception>
    public static void Write(TextWriter writer, string queryId, IReadOnlyList<RankedDocument> ranking, string tag = DefaultTag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(queryId);
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(tag);
        CheckToken(tag, "run tag");
        CheckToken(queryId, "query id");
        int rank = 0;
        foreach (var doc in ranking)
        {
            CheckToken(doc.Id, "document id");
            rank++;
            writer.Write(queryId);
            writer.Write(" Q0 ");
            writer.Write(doc.Id);
            writer.Write(' ');
            writer.Write(rank.ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(doc.Score.ToString("0.######", CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(tag);
            writer.Write('\n');
        }
    }

    private static void CheckToken(string value, string what)
    {
        if (value.Length == 0 || value.Any(char.IsWhiteSpace))
        {
            throw new SearchKitException($"the {what} '{value}' cannot be written to a TREC run file (it is empty or contains white space)");
        }
    }
}
