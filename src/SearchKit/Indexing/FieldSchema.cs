using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// The kinds of an index's metadata fields, learned from each field's first values (first value wins):
/// a number makes a number field; a text that reads as an ISO 8601 date or date-time a date field; any other
/// text a keyword field. The fixed <c>category</c>, <c>tags</c>, <c>url</c> are keywords and <c>published</c> a
/// date, always. A later value that cannot be read as its field's kind fails that article (an
/// <see cref="ArticleReadException"/> naming the source, line, field and kind); a keyword field takes numbers
/// and dates as invariant text. Recorded in the commit data under <see cref="CommitKey"/>. Thread-safe.
/// </summary>
/// <remarks>
/// A kind learned from an article whose run is then rolled back (a failed write, a cancelled rebuild) stays
/// learned for this open index and is recorded at its next commit; a rebuild starts from an empty schema.
/// </remarks>
internal sealed partial class FieldSchema
{
    /// <summary>The commit-data key of the schema: JSON <c>{"NAME":"keyword|number|date",...}</c>.</summary>
    public const string CommitKey = "searchkit.fields";

    private static readonly (string Name, FieldKind Kind)[] FixedFields =
    [
        ("category", FieldKind.Keyword), ("tags", FieldKind.Keyword), ("published", FieldKind.Date), ("url", FieldKind.Keyword),
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FieldKind> _kinds = new(StringComparer.Ordinal);
    private IReadOnlyList<MetadataField>? _fields;
    private long _mergedVersion = -1;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>The schema recorded in a commit's user data; empty (the fixed fields only) when none is.</summary>
    /// <exception cref="SearchKitIndexException">The recorded schema cannot be read (<see cref="IndexProblem.Damaged"/>).</exception>
    public static FieldSchema FromCommitData(IDictionary<string, string>? data, string location)
    {
        var schema = new FieldSchema();
        schema.Merge(data, location);
        return schema;
    }

    /// <summary>Every known field, the fixed ones first, then the named ones by name.</summary>
    public IReadOnlyList<MetadataField> Fields
    {
        get
        {
            lock (_gate)
            {
                return _fields ??= [.. FixedFields.Select(f => new MetadataField(f.Name, f.Kind)),
                    .. _kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new MetadataField(k.Key, k.Value))];
            }
        }
    }

    /// <summary>The kind of a field, or null when the index does not know it.</summary>
    public FieldKind? KindOf(string name)
    {
        foreach (var (fixedName, kind) in FixedFields)
        {
            if (fixedName == name)
            {
                return kind;
            }
        }

        lock (_gate)
        {
            return _kinds.TryGetValue(name, out var k) ? k : null;
        }
    }

    /// <summary>
    /// This schema with the fields of the commit <paramref name="searcher"/> sees merged in: another process may have
    /// committed new fields since this index was opened. Merges once per reader version.
    /// </summary>
    public FieldSchema Refreshed(Lucene.Net.Search.IndexSearcher searcher, string location)
    {
        if (searcher.IndexReader is Lucene.Net.Index.DirectoryReader reader && Interlocked.Exchange(ref _mergedVersion, reader.Version) != reader.Version)
        {
            Merge(reader.IndexCommit.UserData, location);
        }

        return this;
    }

    /// <summary>The named fields' kinds as the commit data records them.</summary>
    public string ToJson()
    {
        lock (_gate)
        {
            return JsonSerializer.Serialize(_kinds.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => Name(k.Value)));
        }
    }

    /// <summary>Adds the fields a (newer) commit records that this schema does not know yet; a field known here keeps its kind.</summary>
    /// <exception cref="SearchKitIndexException">The recorded schema cannot be read.</exception>
    public void Merge(IDictionary<string, string>? data, string location)
    {
        if (data is null || !data.TryGetValue(CommitKey, out var json))
        {
            return;
        }

        Dictionary<string, string>? recorded;
        try
        {
            recorded = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException e)
        {
            throw new SearchKitIndexException(IndexProblem.Damaged, $"{location}: the recorded metadata fields cannot be read ({e.Message.Split('\n')[0]})", e);
        }

        lock (_gate)
        {
            foreach (var (name, kind) in recorded ?? [])
            {
                if (!_kinds.ContainsKey(name) && ParseKind(kind) is { } k)
                {
                    _kinds[name] = k;
                    _fields = null;
                }
            }
        }
    }

    /// <summary>
    /// Reads an article's metadata as the schema's kinds (learning the kinds of fields new to it): the fixed
    /// fields, then the named ones in the article's order. Either every value reads and the new kinds are
    /// learned, or nothing is learned and the article fails.
    /// </summary>
    /// <exception cref="ArticleReadException">A field name is invalid, or a value cannot be read as its field's kind.</exception>
    public IReadOnlyList<(string Name, FieldKind Kind, IReadOnlyList<FieldValue> Values)> Resolve(Article article, int? line = null)
    {
        var meta = article.Metadata;
        string source = meta.SourcePath ?? article.Id;
        var result = new List<(string, FieldKind, IReadOnlyList<FieldValue>)>();
        if (meta.Category is { } category)
        {
            result.Add(("category", FieldKind.Keyword, [FieldValue.Text(category)]));
        }

        if (meta.Tags.Count > 0)
        {
            result.Add(("tags", FieldKind.Keyword, [.. meta.Tags.Select(FieldValue.Text)]));
        }

        if (meta.Published is { } published)
        {
            result.Add(("published", FieldKind.Date, [FieldValue.Date(published)]));
        }

        if (meta.Url is { } url)
        {
            result.Add(("url", FieldKind.Keyword, [FieldValue.Text(url.ToString())]));
        }

        if (meta.Fields is null || meta.Fields.Count == 0)
        {
            return result;
        }

        lock (_gate)
        {
            Dictionary<string, FieldKind>? learned = null;
            foreach (var (name, values) in meta.Fields)
            {
                if (FieldNames.Problem(name) is { } problem)
                {
                    throw new ArticleReadException(source, problem, line);
                }

                if (values is null || values.Count == 0)
                {
                    continue;
                }

                if (values.Any(v => v.TextValue is null && v.NumberValue is null && v.DateValue is null))
                {
                    throw new ArticleReadException(source, $"field \"{name}\": a value is empty (a default FieldValue; make values with FieldValue.Text, Number or Date)", line);
                }

                if (!_kinds.TryGetValue(name, out var kind))
                {
                    kind = Learn(values[0]);
                    (learned ??= new(StringComparer.Ordinal))[name] = kind;
                }

                var read = new FieldValue[values.Count];
                for (int i = 0; i < values.Count; i++)
                {
                    read[i] = As(values[i], kind) ?? throw new ArticleReadException(
                        source,
                        $"field \"{name}\": the value \"{values[i]}\" is not a {Name(kind)} (the index learned \"{name}\" as a {Name(kind)} field from its first values); the article is not indexed",
                        line);
                }

                result.Add((name, kind, read));
            }

            if (learned is not null)
            {
                foreach (var (name, kind) in learned)
                {
                    _kinds[name] = kind;
                }

                _fields = null;
            }
        }

        return result;
    }

    /// <summary>The kind's name in messages and the commit data: keyword, number, date.</summary>
    public static string Name(FieldKind kind) => kind switch
    {
        FieldKind.Number => "number",
        FieldKind.Date => "date",
        _ => "keyword",
    };

    /// <summary>A kind by its <see cref="Name"/>, or null.</summary>
    public static FieldKind? ParseKind(string? name) => name switch
    {
        "keyword" => FieldKind.Keyword,
        "number" => FieldKind.Number,
        "date" => FieldKind.Date,
        _ => null,
    };

    /// <summary>An ISO 8601 date (<c>2024-06-01</c>) or date-time (<c>2024-06-01T12:00:00Z</c>; UTC when no offset), or null.</summary>
    public static DateTimeOffset? ParseIsoDate(string text) =>
        IsoDate().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static FieldKind Learn(FieldValue first) =>
        first.NumberValue is not null ? FieldKind.Number
        : first.DateValue is not null ? FieldKind.Date
        : ParseIsoDate(first.TextValue!) is not null ? FieldKind.Date
        : FieldKind.Keyword;

    private static FieldValue? As(FieldValue value, FieldKind kind) => kind switch
    {
        FieldKind.Keyword => FieldValue.Text(value.ToString()),
        FieldKind.Number when value.NumberValue is not null => value,
        FieldKind.Number when value.TextValue is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) => FieldValue.Number(n),
        FieldKind.Date when value.DateValue is not null => value,
        FieldKind.Date when value.TextValue is { } t && ParseIsoDate(t) is { } d => FieldValue.Date(d),
        _ => null,
    };
}
