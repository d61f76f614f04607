using SearchKit.Articles;
using SearchKit.Benchmarking;

namespace SearchKit.Benchmarks;

/// <summary>
/// The corpora the benchmarks run on: the synthetic one always, and the real ones when present: a data folder holding
/// <c>bbc/</c>, <c>reuters21578/</c> and <c>enwiki/</c> (the public BBC News, Reuters-21578 and a Wikipedia sample; see
/// docs/benchmarks.md for where to get them), named by SEARCHKIT_DATA or found as <c>shared/data</c> walking up from the working folder.
/// </summary>
public static class Corpora
{
    public const string Synthetic = "synthetic-20k";
    public const string Bbc = "bbc";
    public const string Reuters = "reuters";
    public const string Enwiki = "enwiki";

    /// <summary>The folder holding bbc/, reuters21578/ and enwiki/, or null.</summary>
    public static string? DataRoot { get; } = FindDataRoot();

    /// <summary>The corpora available here, synthetic first.</summary>
    public static IEnumerable<string> Available()
    {
        yield return Synthetic;
        foreach (var name in new[] { Bbc, Reuters, Enwiki })
        {
            if (PathOf(name) is { } p && (File.Exists(p) || Directory.Exists(p)))
            {
                yield return name;
            }
        }
    }

    /// <summary>Where a real corpus lives on disk, or null for the synthetic one.</summary>
    public static string? PathOf(string name) => DataRoot is null ? null : name switch
    {
        Bbc => Path.Combine(DataRoot, "bbc"),
        Reuters => Path.Combine(DataRoot, "reuters21578", "reuters21578.jsonl"),
        Enwiki => Path.Combine(DataRoot, "enwiki", "enwiki-sample.jsonl.gz"),
        _ => null,
    };

    /// <summary>The corpus as a <see cref="BenchmarkCorpus"/> that reads and parses its files in every run.</summary>
    public static BenchmarkCorpus AsBenchmarkCorpus(string name) => name == Synthetic
        ? BenchmarkCorpus.Synthetic(new SyntheticCorpusOptions { Articles = 20_000 })
        : BenchmarkCorpus.Files([PathOf(name) ?? throw new InvalidOperationException($"corpus {name} is not available")]);

    /// <summary>Loads every article of a corpus into memory (once per benchmark, in GlobalSetup).</summary>
    public static List<Article> Load(string name)
    {
        if (name == Synthetic)
        {
            return [.. new SyntheticCorpus(new SyntheticCorpusOptions { Articles = 20_000 }).Articles()];
        }

        var path = PathOf(name) ?? throw new InvalidOperationException($"corpus {name} is not available");
        return LoadPath(path);
    }

    /// <summary>Loads the articles of a folder or file (<c>.txt</c>, <c>.jsonl</c>, <c>.jsonl.gz</c>).</summary>
    public static List<Article> LoadPath(string path)
    {
        if (path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase))
        {
            return [.. BenchmarkCorpus.ReadJsonLinesGz(path)];
        }

        return [.. ArticleFiles.Enumerate([path]).SelectMany(e => ArticleFiles.Read(e)).Select(r => r.Article).OfType<Article>()];
    }

    private static string? FindDataRoot()
    {
        if (Environment.GetEnvironmentVariable("SEARCHKIT_DATA") is { Length: > 0 } given && Directory.Exists(given))
        {
            return Path.GetFullPath(given);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
