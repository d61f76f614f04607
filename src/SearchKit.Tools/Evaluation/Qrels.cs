using System.Globalization;

namespace SearchKit.Evaluation;

/// <summary>
/// Relevance judgements: for each judged query, a graded relevance per judged document. A grade above 0 is
/// relevant (and is the gain in nDCG); 0 or less is judged non-relevant. Immutable.
/// </summary>
public sealed class Qrels
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _byQuery;

    /// <summary>Creates judgements from (query id, document id, grade) triples; when a pair repeats, the highest grade is kept.</summary>
    public Qrels(IEnumerable<(string QueryId, string DocumentId, int Relevance)> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        var building = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (q, d, rel) in judgements)
        {
            ArgumentNullException.ThrowIfNull(q);
            ArgumentNullException.ThrowIfNull(d);
            if (!building.TryGetValue(q, out var docs))
            {
                docs = new Dictionary<string, int>(StringComparer.Ordinal);
                building.Add(q, docs);
            }

            docs[d] = docs.TryGetValue(d, out var old) ? Math.Max(old, rel) : rel;
        }

        _byQuery = building.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The ids of the judged queries, in ordinal order.</summary>
    public IReadOnlyList<string> QueryIds => [.. _byQuery.Keys.Order(StringComparer.Ordinal)];

    /// <summary>How many queries are judged.</summary>
    public int Count => _byQuery.Count;

    /// <summary>Whether the query is judged (appears in the qrels at all).</summary>
    public bool IsJudged(string queryId) => _byQuery.ContainsKey(queryId);

    /// <summary>The judged documents of a query with their grades; empty when the query is not judged.</summary>
    public IReadOnlyDictionary<string, int> For(string queryId) =>
        _byQuery.TryGetValue(queryId, out var docs) ? docs : new Dictionary<string, int>();

    /// <summary>Reads a qrels file.</summary>
    /// <exception cref="EvaluationDataException">The file cannot be read or a line is malformed.</exception>
    public static Qrels Read(string path, QrelsFormat format = QrelsFormat.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = EvaluationFiles.Open(path);
        return Read(reader, path, format);
    }

    /// <summary>Reads qrels from a text reader; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="EvaluationDataException">A line is malformed.</exception>
    public static Qrels Read(TextReader reader, string source, QrelsFormat format = QrelsFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var triples = new List<(string, string, int)>();
        int number = 0;
        bool first = true;
        foreach (var line in EvaluationFiles.Lines(reader, source))
        {
            number++;
            var columns = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 0)
            {
                continue;
            }

            if (format == QrelsFormat.Auto)
            {
                format = columns.Length switch
                {
                    4 => QrelsFormat.Trec,
                    3 => QrelsFormat.Beir,
                    _ => throw new EvaluationDataException(source, $"expected 'qid 0 docid relevance' (TREC) or 'query-id<TAB>corpus-id<TAB>score' (BEIR), found {columns.Length} columns", number),
                };
            }

            bool header = first && format == QrelsFormat.Beir && !IsInteger(columns[^1]);
            first = false;
            if (header)
            {
                continue;
            }

            int expected = format == QrelsFormat.Trec ? 4 : 3;
            if (columns.Length != expected)
            {
                var layout = format == QrelsFormat.Trec ? "'qid 0 docid relevance'" : "'query-id<TAB>corpus-id<TAB>score'";
                throw new EvaluationDataException(source, $"expected {expected} columns ({layout}), found {columns.Length}", number);
            }

            if (!int.TryParse(columns[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var relevance))
            {
                throw new EvaluationDataException(source, $"the relevance '{columns[^1]}' is not a whole number", number);
            }

            triples.Add((columns[0], columns[^2], relevance));
        }

        return new Qrels(triples);
    }

    private static bool IsInteger(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
