using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchKit.Analysis;
using SearchKit.Indexing;

namespace SearchKit.Searching.Vectors;

/// <summary>
/// The vector side of semantic and hybrid search: embeds the query, keeps each segment's vectors as a
/// <see cref="VectorBlock"/> with its nearest-neighbour search (built on first use and cached by segment core, so a
/// commit builds only its new segments, and deletions are applied per search), and ranks articles and paragraphs by
/// their nearest rows. Thread-safe.
/// </summary>
/// <remarks>
/// Owns each segment's neighbour search, whose HNSW graph is native memory (a build, or a memory-mapped file) that
/// the garbage collector does not see: it is disposed when Lucene closes the segment's core (no reader holds the
/// segment any more: merged away, or the index closed), and whatever is left when this is disposed, with the index.
/// </remarks>
internal sealed partial class VectorSearch(ITextEmbedder? embedder, EmbeddingModelInfo? model, string location, NeighbourIndexOptions? neighbourOptions = null) : IDisposable
{
    // Keyed by the segment core, shared by every reader that holds the segment. Lazy: one build per segment even when
    // two searches ask at once (a second graph would be built for nothing and never freed).
    private readonly ConcurrentDictionary<object, Lazy<SegmentVectors>> _segments = new();
    private readonly NeighbourIndexOptions _neighbourOptions = neighbourOptions ?? NeighbourIndexOptions.Default;
    private volatile bool _disposed;

    /// <summary>A document (index-wide) and its score.</summary>
    public readonly record struct ScoredDoc(int Doc, float Score);

    /// <summary>A paragraph of a document (index-wide) and its similarity.</summary>
    public readonly record struct ScoredParagraph(int Doc, int Paragraph, float Similarity);

    /// <summary>The query's vector, once per search.</summary>
    /// <exception cref="SearchKitQueryException">The index has no embeddings, or was opened without its embedder.</exception>
    public float[] EmbedQuery(string text, SearchMode mode, CancellationToken cancellation)
    {
        string name = mode == SearchMode.Hybrid ? "hybrid" : "semantic";
        if (model is null)
        {
            throw new SearchKitQueryException($"{location}: the index has no embeddings, which {name} search needs (index it with an embedder)", text);
        }

        if (embedder is null)
        {
            throw new SearchKitQueryException($"{location}: {name} search needs the embedder of the index's model {model} (SearchIndexOptions.Embedder); the index was opened without one", text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SearchKitQueryException($"{name} search needs words to compare by meaning; the query is empty", text);
        }

        try
        {
            var vector = embedder.EmbedQuery(text, cancellation);
            return vector.Length == model.Dimensions ? vector : throw new SearchKitException($"the embedder returned a query vector of {vector.Length} values where its model has {model.Dimensions} dimensions");
        }
        catch (Exception e) when (e is not OperationCanceledException and not SearchKitException)
        {
            throw new SearchKitException($"embedding the query failed ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>
    /// The <paramref name="count"/> articles nearest the query, each scored by its best row (title and lead, or a
    /// paragraph), best first (ties by document); <c>More</c> when other articles with vectors passed the filter too.
    /// </summary>
    public (List<ScoredDoc> Articles, bool More) RankArticles(IndexSearcher searcher, float[] query, int count, Filter? filter, QueryBudget budget, string text)
    {
        var best = new List<ScoredDoc>();
        bool more = false;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            budget.Check(text);
            if (Segment(leaf) is not { } segment)
            {
                continue;
            }

            var accept = Acceptor(leaf, segment.Block, filter, paragraphsOnly: false);

            // Rows come best first; once they cover `count` articles, no article outside them can rank above those.
            int k = Math.Min(segment.Block.Count, count * 4);
            while (true)
            {
                var rows = segment.Neighbours.Search(query, k, accept);
                var docs = new Dictionary<int, float>();
                foreach (var row in rows)
                {
                    int doc = segment.Block.Docs[row.Row];
                    if (!docs.ContainsKey(doc))
                    {
                        docs[doc] = row.Similarity;
                    }
                }

                bool exhausted = rows.Count < k || k >= segment.Block.Count;
                if (docs.Count >= count || exhausted)
                {
                    more |= docs.Count > count || (!exhausted && docs.Count >= count);
                    best.AddRange(docs.Select(d => new ScoredDoc(leaf.DocBase + d.Key, d.Value)));
                    break;
                }

                k = (int)Math.Min(segment.Block.Count, (long)k * 4);
            }
        }

        best.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        more |= best.Count > count;
        return (best.Count > count ? best[..count] : best, more);
    }

    /// <summary>The <paramref name="count"/> body paragraphs nearest the query, best first (ties by document, then paragraph).</summary>
    public (List<ScoredParagraph> Paragraphs, bool More) RankParagraphs(IndexSearcher searcher, float[] query, int count, Filter? filter, QueryBudget budget, string text)
    {
        var best = new List<ScoredParagraph>();
        bool more = false;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            budget.Check(text);
            if (Segment(leaf) is not { } segment)
            {
                continue;
            }

            var rows = segment.Neighbours.Search(query, count, Acceptor(leaf, segment.Block, filter, paragraphsOnly: true));
            more |= rows.Count == count && count < segment.Block.Count;
            best.AddRange(rows.Select(r => new ScoredParagraph(leaf.DocBase + segment.Block.Docs[r.Row], segment.Block.Paragraphs[r.Row], r.Similarity)));
        }

        best.Sort((a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Doc != b.Doc ? a.Doc.CompareTo(b.Doc) : a.Paragraph.CompareTo(b.Paragraph));
        more |= best.Count > count;
        return (best.Count > count ? best[..count] : best, more);
    }

    /// <summary>Each body paragraph's similarity to the query, by paragraph index; null when the article has no vectors.</summary>
    public float[]? ParagraphSimilarities(IndexSearcher searcher, int doc, float[] query)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        int local = doc - leaf.DocBase;
        if (Segment(leaf) is not { } segment || segment.FirstRow[local] < 0)
        {
            return null;
        }

        var block = segment.Block;
        int first = segment.FirstRow[local];
        int end = first;
        while (end < block.Count && block.Docs[end] == local)
        {
            end++;
        }

        // Row `first` is the title and lead; the paragraphs follow in order.
        var result = new float[end - first - 1];
        for (int row = first + 1; row < end; row++)
        {
            result[block.Paragraphs[row]] = Dot(query, block.Row(row));
        }

        return result;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Which rows a search may return: live documents that pass the filter, and only paragraphs when asked.</summary>
    private static Func<int, bool> Acceptor(AtomicReaderContext leaf, VectorBlock block, Filter? filter, bool paragraphsOnly)
    {
        var live = leaf.AtomicReader.LiveDocs;
        FixedBitSet? passing = null;
        if (filter is not null)
        {
            passing = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            var iterator = filter.GetDocIdSet(leaf, live)?.GetIterator();
            for (int d = iterator?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; d != DocIdSetIterator.NO_MORE_DOCS; d = iterator!.NextDoc())
            {
                passing.Set(d);
            }
        }

        var docs = block.Docs;
        var paragraphs = block.Paragraphs;
        return row =>
        {
            int doc = docs[row];
            return (!paragraphsOnly || paragraphs[row] >= 0) && (live is null || live.Get(doc)) && (passing is null || passing.Get(doc));
        };
    }

    private SegmentVectors? Segment(AtomicReaderContext leaf)
    {
        if (model is null)
        {
            return null;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = leaf.AtomicReader;
        var key = reader.CoreCacheKey;
        var entry = _segments.GetOrAdd(key, _ => new Lazy<SegmentVectors>(() => Load(leaf, model), LazyThreadSafetyMode.ExecutionAndPublication));
        SegmentVectors built;
        try
        {
            built = entry.Value;
        }
        catch
        {
            // A Lazy keeps its exception: drop the entry so that the next search tries again (a read error may pass).
            _segments.TryRemove(new KeyValuePair<object, Lazy<SegmentVectors>>(key, entry));
            throw;
        }

        return built.Block.Count == 0 ? null : built;
    }

    private SegmentVectors Load(AtomicReaderContext leaf, EmbeddingModelInfo model)
    {
        var reader = leaf.AtomicReader;
        var segment = Build(reader, model.Dimensions, location);
        // Graphs live in a subfolder of an index on disk (Lucene deletes unknown files named like its own in the
        // index folder itself), one per immutable segment and model; an in-memory index keeps them in memory.
        string? cache = reader is SegmentReader && System.IO.Directory.Exists(location) ? Path.Combine(location, "ann") : null;
        string key = SegmentKey(reader, model);
        if (NeighbourIndex.Ready(segment.Block, cache, key, _neighbourOptions) is { } ready)
        {
            segment.Neighbours = ready;
        }
        else if (_neighbourOptions.BuildInBackground)
        {
            // The first search after a large merge must not wait minutes for the graph: it searches exactly meanwhile.
            segment.BuildInBackground(() => NeighbourIndex.For(segment.Block, cache, key, exact: false, _neighbourOptions));
        }
        else
        {
            segment.Neighbours = NeighbourIndex.For(segment.Block, cache, key, exact: false, _neighbourOptions);
        }
        if (reader is SegmentReader segmentReader)
        {
            // Registered after the build: the core cannot close before, since the search asking holds a reader on it.
            segmentReader.AddCoreDisposedListener(new Release(this));
        }

        if (cache is not null && System.IO.Directory.Exists(cache))
        {
            // A new segment usually follows a merge: the graphs of the segments merged away are no longer needed.
            var live = ReaderUtil.GetTopLevelContext(leaf).Leaves.Select(l => SegmentKey(l.AtomicReader, model));
            NeighbourIndex.RemoveStale(cache, live);
        }

        return segment;
    }

    /// <summary>The neighbour searches held now, one per segment searched since it opened (for tests).</summary>
    internal IReadOnlyList<INearestNeighbours> CachedNeighbours =>
        [.. _segments.Values.Where(l => l.IsValueCreated).Select(l => l.Value.Neighbours)];

    /// <summary>Disposes every neighbour search still held; later searches throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var key in _segments.Keys)
        {
            Drop(key);
        }
    }

    private void Drop(object coreKey)
    {
        if (_segments.TryRemove(coreKey, out var lazy) && lazy.IsValueCreated)
        {
            lazy.Value.Dispose();
        }
    }

    /// <summary>Frees a segment's neighbour search when Lucene closes the segment's core.</summary>
    private sealed class Release(VectorSearch owner) : SegmentReader.ICoreDisposedListener
    {
        public void OnDispose(object ownerCoreCacheKey) => owner.Drop(ownerCoreCacheKey);
    }

    private static string SegmentKey(AtomicReader reader, EmbeddingModelInfo model) =>
        $"{(reader as SegmentReader)?.SegmentName ?? "reader"} {model.Name} {model.Version} {model.Dimensions}";

    /// <summary>Reads a segment's vectors from its doc values, deleted documents included (deletions change per commit, the core does not).</summary>
    private static SegmentVectors Build(AtomicReader reader, int dimensions, string location)
    {
        var values = reader.GetBinaryDocValues(ArticleFields.Vectors);
        var firstRow = new int[reader.MaxDoc];
        Array.Fill(firstRow, -1);
        if (values is null)
        {
            return new SegmentVectors(new VectorBlock(dimensions, [], [], []), firstRow);
        }

        var bytes = new BytesRef();
        var counts = new int[reader.MaxDoc];
        long total = 0;
        for (int d = 0; d < reader.MaxDoc; d++)
        {
            values.Get(d, bytes);
            int rows = ArticleVectors.RowCount(bytes, dimensions);
            if (rows < 0)
            {
                throw new SearchKitIndexException(IndexProblem.Damaged, $"{location}: the stored vectors of a document do not fit the model's {dimensions} dimensions");
            }

            counts[d] = rows;
            total += rows;
        }

        if (total * dimensions > Array.MaxLength)
        {
            throw new SearchKitIndexException(IndexProblem.Damaged, $"{location}: a segment holds more vectors ({total}) than one block can (merge fewer articles into a segment)");
        }

        var vectors = new float[total * dimensions];
        var docs = new int[total];
        var paragraphs = new int[total];
        int at = 0;
        for (int d = 0; d < reader.MaxDoc; d++)
        {
            if (counts[d] == 0)
            {
                continue;
            }

            values.Get(d, bytes);
            ArticleVectors.Decode(bytes, vectors.AsSpan(at * dimensions, counts[d] * dimensions));
            firstRow[d] = at;
            for (int r = 0; r < counts[d]; r++)
            {
                docs[at + r] = d;
                paragraphs[at + r] = r - 1;
            }

            at += counts[d];
        }

        return new SegmentVectors(new VectorBlock(dimensions, vectors, docs, paragraphs), firstRow);
    }
}
