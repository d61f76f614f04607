using Lucene.Net.Index;
using SearchKit.Analysis;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// Batches the articles of one indexing run for the embedder across articles (a model runs far faster on a batch of
/// passages than on the two or three of a short article), then writes them with their vectors. Thread-safe.
/// </summary>
/// <remarks>
/// Articles are written in the order they were queued: the flushes run one at a time and each takes everything
/// queued before it, so an id written twice in a run (a file's article taking over an id) ends as it would without
/// the queue. One flush embeds while the run's other threads read and queue the next articles; a thread that finds a
/// full batch waits for the flush in progress, which bounds the memory of the queue. The run flushes before every
/// commit, so a commit holds every article queued before it, with its vectors.
/// </remarks>
internal sealed class EmbeddingQueue(ITextEmbedder embedder, IndexWriter writer, FieldSchema schema)
{
    /// <summary>Passages per batch: enough to keep a model's batches full, small enough to bound the queue's memory.</summary>
    public const int BatchPassages = 128;

    private readonly Lock _queueGate = new();
    private readonly Lock _flushGate = new();
    private List<Article> _queued = [];
    private int _queuedPassages;
    private long _embedded;

    /// <summary>Passages embedded so far.</summary>
    public long Embedded => Interlocked.Read(ref _embedded);

    /// <summary>Queues an article; when a batch is full, embeds and writes the batch (on this thread).</summary>
    public void Add(Article article)
    {
        bool full;
        lock (_queueGate)
        {
            _queued.Add(article);
            _queuedPassages += article.Paragraphs.Count + 1;
            full = _queuedPassages >= BatchPassages;
        }

        if (full)
        {
            Flush();
        }
    }

    /// <summary>Embeds and writes everything queued so far; returns when it is written.</summary>
    /// <exception cref="SearchKitException">The embedder failed; the queued articles are not written.</exception>
    public void Flush()
    {
        lock (_flushGate)
        {
            List<Article> batch;
            lock (_queueGate)
            {
                if (_queued.Count == 0)
                {
                    return;
                }

                batch = _queued;
                _queued = [];
                _queuedPassages = 0;
            }

            // Not cancellable: the articles are counted as indexed once queued, and a commit must hold them whole.
            var vectors = ArticleVectors.Embed(embedder, batch);
            for (int i = 0; i < batch.Count; i++)
            {
                ArticleDocumentMapper.Upsert(writer, schema, batch[i], vectors[i]);
                Interlocked.Add(ref _embedded, batch[i].Paragraphs.Count + 1);
            }
        }
    }

    /// <summary>Drops what is queued (a rebuild that is rolled back).</summary>
    public void Discard()
    {
        lock (_queueGate)
        {
            _queued = [];
            _queuedPassages = 0;
        }
    }
}
