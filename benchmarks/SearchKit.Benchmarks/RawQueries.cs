using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SearchKit.Analysis;

namespace SearchKit.Benchmarks;

/// <summary>
/// The raw query baseline: the same SearchKit index, the same four fields and weights, BM25 and analyzer,
/// top 10 with id and title read from doc values, through a minimal Lucene.Net loop. SearchKit ÷ this = the
/// wrapper's query cost.
/// </summary>
public sealed class RawQueries : IDisposable
{
    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly EnglishArticleAnalyzer _analyzer = new();

    public RawQueries(string indexPath)
    {
        _directory = new NIOFSDirectory(new DirectoryInfo(indexPath));
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity(1.2f, 0.75f) };
    }

    /// <summary>Runs the queries round-robin for <paramref name="seconds"/>; returns (queries run, process CPU ms).</summary>
    public (long Queries, double CpuMs, double WallMs) Run(IReadOnlyList<string> queries, double seconds)
    {
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long n = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Search(queries[(int)(n % queries.Count)]);
            n++;
        }

        process.Refresh();
        return (n, (process.TotalProcessorTime - cpu0).TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
    }

    public int Search(string text)
    {
        var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, ["title", "lead", "heading", "body"], _analyzer, new Dictionary<string, float> { ["title"] = 3, ["lead"] = 2, ["heading"] = 1.5f, ["body"] = 1 });
        var top = _searcher.Search(parser.Parse(text), 10);
        int chars = 0;
        var bytes = new BytesRef();
        foreach (var sd in top.ScoreDocs)
        {
            var leaf = _reader.Leaves[ReaderUtil.SubIndex(sd.Doc, _reader.Leaves)];
            foreach (var field in new[] { "id", "title" })
            {
                leaf.AtomicReader.GetBinaryDocValues(field).Get(sd.Doc - leaf.DocBase, bytes);
                chars += bytes.Utf8ToString().Length;
            }
        }

        return chars;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
