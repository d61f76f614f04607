using System.Diagnostics;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Indexing;
using SearchKit.Elasticsearch.Mapping;
using SearchKit.Elasticsearch.Searching;
using SearchKit.Indexing;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch;

/// <summary>
/// An index of articles on an Elasticsearch cluster, behind the same <see cref="ISearchBackend"/> as the embedded
/// <see cref="SearchIndex"/>: the same articles, searches and result shape. Opening it creates the index template and
/// the index when missing and checks them when present. Thread-safe; the caller disposes it. See docs/scaling.md for
/// what differs from the embedded index (scores, analysis details).
/// </summary>
public sealed class ElasticsearchIndex : ISearchBackend
{
    private readonly ElasticsearchConnection _connection;
    private readonly ElasticsearchOptions _options;
    private readonly SearchRequestBuilder _requests;
    private readonly string _path;
    private volatile IReadOnlyList<MetadataField> _fields = IndexTemplate.Fields(null);
    private int _disposed;

    private ElasticsearchIndex(ElasticsearchOptions options, ElasticsearchConnection connection)
    {
        _options = options;
        _connection = connection;
        _requests = new SearchRequestBuilder(options.Ranking);
        _path = "/" + Uri.EscapeDataString(options.IndexName);
        Location = new Uri(options.Url!, options.IndexName).ToString();
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public IReadOnlyList<MetadataField> Fields => RefreshFields();

    /// <summary>
    /// Connects to the cluster and opens the index, creating its template and the index when missing (unless
    /// <paramref name="createIfMissing"/> is false) and checking them when present. The caller disposes it.
    /// </summary>
    /// <exception cref="ArgumentException">The options are incomplete or contradict each other.</exception>
    /// <exception cref="SearchKitIndexException">
    /// The index is missing (and not to be created), or it or its template exists and is not SearchKit's (the message says why).
    /// </exception>
    /// <exception cref="SearchKitException">The cluster cannot be reached, or refused a request.</exception>
    public static ElasticsearchIndex Open(ElasticsearchOptions options, bool createIfMissing = true) => Open(options, createIfMissing, handler: null);

    /// <summary>Opens the index with every request going through <paramref name="handler"/> (tests).</summary>
    internal static ElasticsearchIndex Open(ElasticsearchOptions options, bool createIfMissing, Func<HttpMessageHandler, HttpMessageHandler>? handler, Action<TimeSpan>? sleep = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var index = new ElasticsearchIndex(options, new ElasticsearchConnection(options, handler)) { Sleep = sleep };
        try
        {
            index.EnsureIndex(createIfMissing);
            index.RefreshFields();
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Waits between retries; tests replace it.</summary>
    internal Action<TimeSpan>? Sleep { get; init; }

    /// <inheritdoc />
    public void Upsert(Article article)
    {
        ArticleValidator.CheckWellFormed(article);
        ArticleValidator.Validate(article, SearchKit.Articles.ReaderLimits.Default);
        var response = Send("PUT", $"{_path}/_doc/{Uri.EscapeDataString(article.Id)}", ArticleSource.ToSource(article));
        if (!response.Ok)
        {
            var (type, reason) = EsErrors.Read(response.Json()) ?? ("error", $"status {response.Status}");
            throw response.Status == 400
                ? new ArticleReadException(article.Id, $"the cluster refused the article: {type}: {reason}")
                : Failure(response, "indexing an article");
        }
    }

    /// <inheritdoc />
    public void Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var response = Send("DELETE", $"{_path}/_doc/{Uri.EscapeDataString(id)}");
        if (!response.Ok && response.Status != 404)
        {
            throw Failure(response, "deleting an article");
        }
    }

    /// <summary>Refreshes the index: every write so far becomes visible to searches (Elasticsearch's writes are durable once acknowledged).</summary>
    public void Commit()
    {
        var response = Send("POST", $"{_path}/_refresh");
        if (!response.Ok)
        {
            throw Failure(response, "refreshing the index");
        }
    }

    /// <summary>
    /// Indexes articles in <c>_bulk</c> requests (see <see cref="BulkOptions"/>; <see cref="IndexingOptions.Threads"/>
    /// sets the requests in flight), then refreshes. A malformed article, or one the cluster refuses, is a failure
    /// with its id and reason and the others are indexed; requests refused with 429 or 503 are retried with back-off.
    /// On cancellation no further request is sent, those in flight finish, and the report says so.
    /// </summary>
    /// <exception cref="SearchKitException">The cluster failed as a whole (unreachable, or refusing past the retries); what was sent before stays indexed.</exception>
    public IndexingReport Add(IEnumerable<Article> articles, IndexingOptions? options = null, IProgress<IndexingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        int concurrency = options?.Threads ?? _options.Bulk.Concurrency;
        var indexer = new BulkIndexer(_connection, _options.IndexName, Location, _options.Bulk with { Concurrency = concurrency }, SearchKit.Articles.ReaderLimits.Default, Sleep);
        var report = indexer.Run(articles, Math.Max(1, concurrency), progress, cancellation);
        Commit();
        RefreshFields();
        return report;
    }

    /// <inheritdoc />
    public SearchResults Search(string query, SearchOptions? options = null) => Search(query, options, CancellationToken.None);

    /// <summary>Searches articles (see <see cref="ISearchBackend.Search(string, SearchOptions?, CancellationToken)"/>). Thread-safe.</summary>
    /// <exception cref="SearchKitQueryException">The query is malformed (with the engine's reason), or a filter, the sort, a facet or the cursor is.</exception>
    /// <exception cref="SearchKitIndexException">The index is missing.</exception>
    /// <exception cref="SearchKitException">The cluster cannot be reached or failed.</exception>
    public SearchResults Search(string query, SearchOptions? options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= SearchOptions.Default;
        options.Validate();
        if (options.After is not null && options.Passages)
        {
            throw new SearchKitQueryException("a cursor pages articles, not passages", query);
        }

        if (options.Mode != SearchMode.Keyword)
        {
            // The cluster holds no paragraph vectors: semantic and hybrid ranking are the embedded index's.
            throw new NotSupportedException($"{options.Mode} search needs the embedded index; an Elasticsearch index searches by keywords");
        }

        var clock = Stopwatch.StartNew();
        var kindOf = KindOf();
        var after = options.After is null ? null : SearchResponseReader.DecodeCursor(options.After, Cursor.Signature(query, options), query);
        var body = _requests.Build(query, options, kindOf, after);
        var response = Send("POST", $"{_path}/_search", body, cancellation);
        if (!response.Ok)
        {
            var error = EsErrors.Read(response.Json());
            if (error is { } e && EsErrors.IsQueryError(response.Status, e.Type))
            {
                throw new SearchKitQueryException($"malformed query: {e.Reason}", query, EsErrors.Position(e.Reason));
            }

            throw Failure(response, "searching");
        }

        return SearchResponseReader.Read(query, options, response.Json() ?? new JsonObject(), kindOf, clock.Elapsed);
    }

    /// <inheritdoc />
    public Article? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var response = Send("GET", $"{_path}/_doc/{Uri.EscapeDataString(id)}");
        if (response.Status == 404)
        {
            return null;
        }

        if (!response.Ok)
        {
            throw Failure(response, "reading an article");
        }

        var kindOf = KindOf();
        return response.Json()?["_source"] is JsonObject source ? ArticleSource.FromSource(source, name => kindOf(name)) : null;
    }

    /// <summary>
    /// Articles, paragraphs (nested documents), size, segments and deleted documents from the index's statistics, and
    /// how many articles have each metadata field. Top terms are not listed (a cluster has no cheap equivalent).
    /// </summary>
    public IndexStats GetStats(int topTerms = 10)
    {
        var fields = RefreshFields();
        var aggs = new JsonObject { ["paragraphs"] = new JsonObject { ["nested"] = new JsonObject { ["path"] = EsFields.Paragraphs } } };
        for (int i = 0; i < fields.Count; i++)
        {
            aggs["field_" + i] = new JsonObject { ["filter"] = new JsonObject { ["exists"] = new JsonObject { ["field"] = fields[i].Name } } };
        }

        var counts = Send("POST", $"{_path}/_search", new JsonObject { ["size"] = 0, ["track_total_hits"] = true, ["aggs"] = aggs });
        var stats = Send("GET", $"{_path}/_stats/docs,store,segments");
        if (!counts.Ok || !stats.Ok)
        {
            throw Failure(counts.Ok ? stats : counts, "reading statistics");
        }

        var c = counts.Json();
        var primaries = stats.Json()?["_all"]?["primaries"];
        return new IndexStats
        {
            Articles = c?["hits"]?["total"]?["value"]?.GetValue<long>() ?? 0,
            Paragraphs = c?["aggregations"]?["paragraphs"]?["doc_count"]?.GetValue<long>() ?? 0,
            Segments = primaries?["segments"]?["count"]?.GetValue<int>() ?? 0,
            SizeBytes = primaries?["store"]?["size_in_bytes"]?.GetValue<long>() ?? 0,
            DeletedArticles = primaries?["docs"]?["deleted"]?.GetValue<long>() ?? 0,
            Analyzer = "english",
            Fields = [.. fields.Select((f, i) => new MetadataFieldStats(f.Name, f.Kind, c?["aggregations"]?["field_" + i]?["doc_count"]?.GetValue<long>() ?? 0))],
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _connection.Dispose();
        }
    }

    private void EnsureIndex(bool create)
    {
        var templatePath = "/_index_template/" + Uri.EscapeDataString(_options.IndexName);
        var template = Send("GET", templatePath);
        if (template.Status == 404 && create)
        {
            var put = Send("PUT", templatePath, IndexTemplate.Build(_options.IndexName, _options.Ranking, _options.Shards, _options.Replicas));
            if (!put.Ok)
            {
                throw Failure(put, "creating the index template");
            }
        }
        else if (template.Ok)
        {
            var found = template.Json()?["index_templates"]?[0]?["index_template"];
            if (found?["_meta"]?[IndexTemplate.MetaKey] is null)
            {
                throw new SearchKitIndexException(IndexProblem.NotAnIndex, $"{Location}: an index template named '{_options.IndexName}' exists and is not SearchKit's");
            }
        }
        else if (template.Status != 404)
        {
            throw Failure(template, "reading the index template");
        }

        var mapping = Send("GET", $"{_path}/_mapping");
        if (mapping.Status == 404)
        {
            if (!create)
            {
                throw new SearchKitIndexException(IndexProblem.Missing, $"{Location}: there is no such index");
            }

            var put = Send("PUT", _path);
            var error = EsErrors.Read(put.Json());
            if (!put.Ok && error?.Type != "resource_already_exists_exception")
            {
                throw Failure(put, "creating the index");
            }

            return;
        }

        if (!mapping.Ok)
        {
            throw Failure(mapping, "reading the index mapping");
        }

        var problems = IndexTemplate.Check(FirstIndex(mapping.Json())?["mappings"]);
        if (problems.Count > 0)
        {
            throw new SearchKitIndexException(IndexProblem.NotAnIndex, $"{Location}: not a SearchKit index: {string.Join("; ", problems)}");
        }
    }

    private IReadOnlyList<MetadataField> RefreshFields()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var mapping = Send("GET", $"{_path}/_mapping");
        if (mapping.Ok)
        {
            _fields = IndexTemplate.Fields(FirstIndex(mapping.Json())?["mappings"]);
        }

        return _fields;
    }

    /// <summary>The kinds of the fields, refreshed from the mapping once when a field is not known yet (another writer may have added it).</summary>
    private Func<string, FieldKind?> KindOf()
    {
        bool refreshed = false;
        return name =>
        {
            var known = _fields.FirstOrDefault(f => f.Name == name);
            if (known is null && !refreshed)
            {
                refreshed = true;
                known = RefreshFields().FirstOrDefault(f => f.Name == name);
            }

            return known?.Kind;
        };
    }

    private static JsonNode? FirstIndex(JsonNode? byIndex) => byIndex is JsonObject o && o.Count > 0 ? o.First().Value : null;

    private EsResponse Send(string method, string path, JsonNode? body = null, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _connection.Send(method, path, body, cancellation);
    }

    private SearchKitException Failure(EsResponse response, string doing)
    {
        if (response.Status == 0)
        {
            return new SearchKitException($"{Location}: cannot reach the cluster while {doing}: {response.Failure?.Message ?? "no answer"}", response.Failure);
        }

        var error = EsErrors.Read(response.Json());
        if (error?.Type == "index_not_found_exception")
        {
            return new SearchKitIndexException(IndexProblem.Missing, $"{Location}: there is no such index");
        }

        return new SearchKitException($"{Location}: the cluster failed {doing}: {response.Status} {error?.Type ?? "error"}: {error?.Reason ?? "no reason given"}");
    }
}
