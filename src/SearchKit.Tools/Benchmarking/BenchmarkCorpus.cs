using System.IO.Compression;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Benchmarking;

/// <summary>
/// What an index benchmark indexes: article files (read and parsed in every run, as a user's indexing run
/// does), a <see cref="SyntheticCorpus"/>, or any re-enumerable sequence of articles.
/// </summary>
public abstract class BenchmarkCorpus
{
    private protected BenchmarkCorpus(string name) => Name = name;

    /// <summary>A short name for reports: the path(s) or <c>synthetic(N, seed)</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Article files and folders, as <see cref="SearchIndex.IndexFiles"/> reads them (<c>*.txt</c>, <c>*.jsonl</c>);
    /// a <c>*.jsonl.gz</c> file is decompressed on the fly. Every run reads and parses the files again.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static BenchmarkCorpus Files(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var list = paths.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("no corpus paths given", nameof(paths));
        }

        foreach (var p in list.Where(p => !File.Exists(p) && !System.IO.Directory.Exists(p)))
        {
            throw new FileNotFoundException($"{p}: no such file or folder", p);
        }

        return new FileCorpus(list);
    }

    /// <summary>A deterministic synthetic corpus (see <see cref="SyntheticCorpus"/>).</summary>
    public static BenchmarkCorpus Synthetic(SyntheticCorpusOptions? options = null)
    {
        var corpus = new SyntheticCorpus(options);
        return new ArticleCorpus($"synthetic({corpus.Options.Articles}, seed {corpus.Options.Seed})", corpus.Articles);
    }

    /// <summary>Any articles; <paramref name="articles"/> is called once per run and must yield the same articles each time.</summary>
    public static BenchmarkCorpus FromArticles(string name, Func<IEnumerable<Article>> articles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(articles);
        return new ArticleCorpus(name, articles);
    }

    /// <summary>Reads the articles of a <c>.jsonl.gz</c> file lazily; unreadable lines are skipped.</summary>
    public static IEnumerable<Article> ReadJsonLinesGz(string path, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        foreach (var result in JsonLinesArticleReader.Read(gz, path, limits, Path.GetFileName(path)))
        {
            if (result.Article is { } article)
            {
                yield return article;
            }
        }
    }

    /// <summary>Indexes the whole corpus into <paramref name="index"/>, as one bulk run.</summary>
    internal abstract IndexingReport IndexInto(SearchIndex index, IndexingOptions options, CancellationToken cancellation);

    private sealed class FileCorpus(List<string> paths) : BenchmarkCorpus(string.Join(" ", paths))
    {
        internal override IndexingReport IndexInto(SearchIndex index, IndexingOptions options, CancellationToken cancellation)
        {
            bool IsGz(string p) => p.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase) && File.Exists(p);
            var plain = paths.Where(p => !IsGz(p)).ToList();
            var report = plain.Count > 0 ? index.IndexFiles(plain, options with { Force = true }, cancellation: cancellation) : null;
            foreach (var gz in paths.Where(IsGz))
            {
                var more = index.Add(ReadJsonLinesGz(gz), options, cancellation: cancellation);
                report = report is null ? more : Sum(report, more);
            }

            return report!;
        }

        private static IndexingReport Sum(IndexingReport a, IndexingReport b) => a with
        {
            Added = a.Added + b.Added,
            Updated = a.Updated + b.Updated,
            Paragraphs = a.Paragraphs + b.Paragraphs,
            Bytes = a.Bytes + b.Bytes,
            Failures = [.. a.Failures, .. b.Failures],
            Elapsed = a.Elapsed + b.Elapsed,
        };
    }

    private sealed class ArticleCorpus(string name, Func<IEnumerable<Article>> articles) : BenchmarkCorpus(name)
    {
        internal override IndexingReport IndexInto(SearchIndex index, IndexingOptions options, CancellationToken cancellation) =>
            index.Add(articles(), options, cancellation: cancellation);
    }
}
