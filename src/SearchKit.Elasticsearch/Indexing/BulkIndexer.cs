using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Searching;
using SearchKit.Indexing;

namespace SearchKit.Elasticsearch.Indexing;

/// <summary>
/// Sends articles to the cluster in <c>_bulk</c> requests bounded by <see cref="BulkOptions.MaxArticles"/> and
/// <see cref="BulkOptions.MaxBytes"/>, at most <c>concurrency</c> at once. A request refused as a whole with 429 or
/// 503, and the articles of a request refused one by one with 429, are sent again after a growing wait; an article
/// refused for another reason (a value of the wrong kind, say) is a failure with its id and the engine's reason, and
/// the others are indexed, as a bad file is in an embedded run.
/// </summary>
internal sealed class BulkIndexer(ElasticsearchConnection connection, string indexName, string location, BulkOptions bulk, ReaderLimits limits, Action<TimeSpan>? sleep = null)
{
    private readonly Action<TimeSpan> _sleep = sleep ?? Thread.Sleep;

    public IndexingReport Run(IEnumerable<Article> articles, int concurrency, IProgress<IndexingProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState();
        using var slots = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task>();
        var batch = new List<Item>();
        int batchBytes = 0;
        long position = 0;
        bool cancelled = false;

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var items = batch;
            batch = [];
            batchBytes = 0;
            slots.Wait(CancellationToken.None);
            inFlight.Add(Task.Run(() =>
            {
                try
                {
                    Send(items, state);
                    progress?.Report(state.Progress());
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        foreach (var article in articles)
        {
            if (cancellation.IsCancellationRequested || state.Fatal is not null)
            {
                cancelled = cancellation.IsCancellationRequested;
                break;
            }

            try
            {
                ArticleValidator.ValidateInBatch(article, position, limits);
            }
            catch (ArticleReadException e)
            {
                state.Fail(e);
                position++;
                continue;
            }

            position++;
            var lines = BulkLines.For(article, indexName: null);
            int bytes = BulkLines.ByteCount(lines);
            if (batch.Count > 0 && (batch.Count >= bulk.MaxArticles || batchBytes + bytes > bulk.MaxBytes))
            {
                Flush();
            }

            batch.Add(new Item(article, lines, bytes, TextBytes(article)));
            batchBytes += bytes;
        }

        if (!cancelled && state.Fatal is null)
        {
            Flush();
        }

        Task.WaitAll([.. inFlight]);
        if (state.Fatal is { } fatal)
        {
            throw fatal;
        }

        return state.Report(clock.Elapsed, cancelled);
    }

    private void Send(List<Item> items, RunState state)
    {
        var pending = items;
        for (int attempt = 0; ; attempt++)
        {
            var body = new StringBuilder();
            foreach (var item in pending)
            {
                body.Append(item.Lines);
            }

            var response = connection.SendNdJson("/" + Uri.EscapeDataString(indexName) + "/_bulk", body.ToString());
            if (response.Status is 429 or 503 || (response.Status == 0 && response.Failure is not null && attempt == 0))
            {
                if (attempt < bulk.MaxRetries)
                {
                    _sleep(Backoff(attempt));
                    continue;
                }

                state.Fatal ??= new SearchKitException($"{location}: the cluster refused a bulk request {attempt + 1} times ({Describe(response)}); the articles sent before it are indexed");
                return;
            }

            if (!response.Ok)
            {
                state.Fatal ??= new SearchKitException($"{location}: a bulk request failed ({Describe(response)})");
                return;
            }

            var retry = new List<Item>();
            var results = response.Json()?["items"] as JsonArray ?? [];
            for (int i = 0; i < pending.Count; i++)
            {
                var result = i < results.Count ? results[i]?["index"] : null;
                int status = result?["status"]?.GetValue<int>() ?? 0;
                var item = pending[i];
                if (status is >= 200 and < 300)
                {
                    state.Done(item, created: result?["result"]?.ToString() == "created");
                }
                else if (status == 429 && attempt < bulk.MaxRetries)
                {
                    retry.Add(item);
                }
                else
                {
                    var (type, reason) = EsErrors.Read(result) ?? ("error", result is null ? "no result for this article" : $"status {status}");
                    state.Fail(new ArticleReadException(item.Article.Id, $"the cluster refused the article: {type}: {reason}"));
                }
            }

            if (retry.Count == 0)
            {
                return;
            }

            pending = retry;
            _sleep(Backoff(attempt));
        }
    }

    /// <summary>The wait before retry <paramref name="attempt"/>: doubling from the first, capped, with up to half of it as jitter.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        double ms = Math.Min(bulk.MaxBackoff.TotalMilliseconds, bulk.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ms * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private static string Describe(EsResponse response) =>
        response.Status == 0 ? $"no answer: {response.Failure?.Message}"
        : EsErrors.Read(response.Json()) is { } e ? $"{response.Status} {e.Type}: {e.Reason}" : $"status {response.Status}";

    private static long TextBytes(Article a) =>
        Encoding.UTF8.GetByteCount(a.Title) + (a.Lead is null ? 0 : Encoding.UTF8.GetByteCount(a.Lead)) + a.Paragraphs.Sum(p => (long)Encoding.UTF8.GetByteCount(p.Text));

    private sealed record Item(Article Article, string Lines, int Bytes, long TextBytes);

    /// <summary>The counts of one run, shared by its requests.</summary>
    private sealed class RunState
    {
        private readonly Lock _gate = new();
        private readonly List<ArticleReadException> _failures = [];
        private long _added, _updated, _paragraphs, _bytes;

        public SearchKitException? Fatal { get; set; }

        public void Done(Item item, bool created)
        {
            lock (_gate)
            {
                if (created)
                {
                    _added++;
                }
                else
                {
                    _updated++;
                }

                _paragraphs += item.Article.Paragraphs.Count;
                _bytes += item.TextBytes;
            }
        }

        public void Fail(ArticleReadException failure)
        {
            lock (_gate)
            {
                _failures.Add(failure);
            }
        }

        public IndexingProgress Progress()
        {
            lock (_gate)
            {
                return new IndexingProgress(0, 0, _added + _updated, _bytes, _failures.Count);
            }
        }

        public IndexingReport Report(TimeSpan elapsed, bool cancelled)
        {
            lock (_gate)
            {
                return new IndexingReport
                {
                    Added = _added,
                    Updated = _updated,
                    Paragraphs = _paragraphs,
                    Bytes = _bytes,
                    Failures = [.. _failures],
                    Elapsed = elapsed,
                    Cancelled = cancelled,
                };
            }
        }
    }
}
