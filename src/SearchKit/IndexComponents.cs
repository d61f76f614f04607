using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Logging;
using SearchKit.Analysis;
using SearchKit.Indexing;
using SearchKit.Searching;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchKit;

/// <summary>
/// What an open <see cref="SearchIndex"/> is made of, and the opening that wires it: the directory, the analyzer,
/// the writer and reader sides, the bulk runner and the searcher. The front door's own wiring, so it lives beside
/// it; the stages it assembles never refer back to it.
/// </summary>
internal sealed class IndexComponents : IDisposable
{
    private readonly bool _ownsAnalyzer;

    /// <summary>
    /// Opens an index over <paramref name="directory"/>, taking ownership of it.
    /// Reads the analyzer the index records, refuses a mismatch, creates an empty index or begins a rebuild
    /// as the options say, and opens the reader on the last commit.
    /// </summary>
    /// <exception cref="SearchKitIndexException">The index is missing, damaged, or was built with another analyzer.</exception>
    public IndexComponents(LuceneDirectory directory, SearchIndexOptions options, string location, ILogger log)
    {
        Directory = directory;
        // Recreate treats the folder as empty: a rebuild (BeginRebuild below) replaces the old index at its first commit.
        bool hasCommit = DirectoryReader.IndexExists(directory);
        bool exists = !options.Recreate && hasCommit;
        if (exists)
        {
            CommitVerifier.VerifySmallFiles(directory, location);
        }

        var data = exists ? WriterHost.ReadCommitData(directory, location) : null;
        string? recorded = data is not null && data.TryGetValue(WriterHost.AnalyzerKey, out var name) ? name : null;
        if (exists && !options.ReadOnly)
        {
            IndexFormat.CheckWritable(directory, data!, location);
        }

        Schema = FieldSchema.FromCommitData(data, location);

        // Like the analyzer: vectors of one model are meaningless to another, so another model is refused at open.
        var recordedModel = EmbeddingRecord.FromCommitData(data, location);
        EmbeddingRecord.CheckMatches(recordedModel, options.Embedder, location);
        EmbeddingModel = recordedModel ?? options.Embedder?.Model;

        AnalyzerName = ResolveAnalyzerName(options, recorded, location);
        var inner = options.Analyzer ?? AnalyzerCatalog.Create(AnalyzerName);
        _ownsAnalyzer = options.Analyzer is null;
        Analyzer = new ParagraphGapAnalyzer(inner);
        var similarity = new BM25Similarity(options.Ranking.K1, options.Ranking.B);
        var merges = options.LoggerFactory is null ? null : new LoggingInfoStream(log);
        Writer = new WriterHost(directory, Analyzer, AnalyzerName, similarity, options.RamBufferMB, location, Schema, merges)
        {
            Embedder = options.Embedder,
            EmbeddingModel = EmbeddingModel,
        };
        try
        {
            // A rebuild keeps the old index readable until the new one is committed whole; an old index that
            // cannot be read has nothing to keep, and is replaced by an empty one at once.
            bool rebuild = options.Recreate && hasCommit && CommitVerifier.IsSound(directory, location);
            if (!exists)
            {
                // Segment files without a readable commit are a damaged index, not an empty folder: creating a
                // new index here would delete them.
                if (!options.Recreate && directory.ListAll().FirstOrDefault(IndexFolder.IsIndexFile) is { } orphan)
                {
                    throw IndexDamage.Damaged(location, $"index files such as '{orphan}' but no readable commit point 'segments_N'");
                }

                if (!rebuild && (options.ReadOnly || !options.CreateIfMissing))
                {
                    throw new SearchKitIndexException(IndexProblem.Missing, $"{location}: no index here (index some articles first)");
                }

                if (rebuild)
                {
                    Writer.BeginRebuild();
                }
                else
                {
                    Writer.CreateEmpty();
                }
            }

            Reader = new ReaderHost(directory, similarity, location, options.VerifyOnOpen, typeof(SearchIndex).FullName!);
        }
        catch (Exception e) when (IndexDamage.IsDamage(e))
        {
            Release();
            throw IndexDamage.Damaged(location, e);
        }
        catch
        {
            Release();
            throw;
        }

        var queries = new QueryFactory(Analyzer, options.Ranking, options.QueryLimits);
        Vectors = new Searching.Vectors.VectorSearch(options.Embedder, EmbeddingModel, location, options.Neighbours);
        Searcher = new ArticleSearcher(queries, options.Ranking, options.QueryLimits, Vectors);
        Completer = new Completer(Analyzer);
        Related = new RelatedFinder(Analyzer, options.Ranking);
        Bulk = new BulkRunner(Writer, Reader, options.ReaderLimits, options.IndexingThreads, log, location);
    }

    /// <summary>
    /// The model the index's vectors come from: the one its commit records, else the embedder's (an index gains
    /// embeddings at its next commit); null for a keyword-only index.
    /// </summary>
    public Analysis.EmbeddingModelInfo? EmbeddingModel { get; }

    /// <summary>The kinds of the metadata fields, learned from the articles and recorded with each commit.</summary>
    public FieldSchema Schema { get; }

    /// <summary>The Lucene directory; owned here.</summary>
    public LuceneDirectory Directory { get; }

    /// <summary>The name of the analyzer the index is built with.</summary>
    public string AnalyzerName { get; }

    /// <summary>The analyzer with the paragraph gap; its inner analyzer is owned here unless the caller passed it.</summary>
    public ParagraphGapAnalyzer Analyzer { get; }

    /// <summary>The writer side.</summary>
    public WriterHost Writer { get; }

    /// <summary>The reader side.</summary>
    public ReaderHost Reader { get; }

    /// <summary>Bulk runs, commits and merges.</summary>
    public BulkRunner Bulk { get; }

    /// <summary>Runs searches on a leased searcher.</summary>
    public ArticleSearcher Searcher { get; }

    /// <summary>Completions for a search box, one table per reader generation.</summary>
    public Completer Completer { get; }

    /// <summary>Builds the query for articles like a given one.</summary>
    public RelatedFinder Related { get; }

    /// <summary>The vector side of searches: owns each segment's nearest-neighbour search (native graphs).</summary>
    public Searching.Vectors.VectorSearch Vectors { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        // The readers first: closing them closes the segments' cores, which frees their graphs; then what is left.
        Reader.Dispose();
        Vectors.Dispose();
        Release();
    }

    private void Release()
    {
        Writer.Dispose();
        if (_ownsAnalyzer)
        {
            Analyzer.Inner.Dispose();
        }

        Analyzer.Dispose();
        Directory.Dispose();
    }

    private static string ResolveAnalyzerName(SearchIndexOptions options, string? recorded, string location)
    {
        string wanted = options.Analyzer is { } custom ? "custom:" + custom.GetType().FullName : options.AnalyzerName?.ToLowerInvariant() ?? recorded ?? AnalyzerCatalog.DefaultName;
        if (recorded is not null && !string.Equals(recorded, wanted, StringComparison.OrdinalIgnoreCase))
        {
            throw new SearchKitIndexException(IndexProblem.AnalyzerMismatch, $"{location}: the index was built with the '{recorded}' analyzer, not '{wanted}'; open it with '{recorded}' or rebuild it");
        }

        return wanted;
    }
}
