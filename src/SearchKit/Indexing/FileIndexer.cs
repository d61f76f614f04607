using Lucene.Net.Index;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// Indexes files incrementally: each article remembers its file and the file's content hash, so a
/// re-run skips unchanged files, replaces the articles of changed ones and removes those of files gone.
/// </summary>
internal static class FileIndexer
{
    /// <summary>What the index holds per source file: its hash and how many articles came from it.</summary>
    internal sealed record FileState(string Hash, int Articles);

    public static void Run(
        IndexingRun run,
        IReadOnlyDictionary<string, FileState> known,
        IReadOnlyList<string> roots,
        IReadOnlyList<ArticleFiles.Entry> entries,
        ReaderLimits limits,
        IndexingOptions options,
        int threads,
        CancellationToken cancellation)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.ForEach(entries, parallel, entry => IndexFile(run, known, entry, limits, options));

        if (options.RemoveMissing)
        {
            var present = entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var (path, state) in known)
            {
                if (!present.Contains(path) && IsUnder(path, roots) && !File.Exists(path))
                {
                    run.Writer.DeleteDocuments(new Term(ArticleFields.Path, path));
                    run.CountRemoved(state.Articles);
                }
            }
        }
    }

    private static void IndexFile(IndexingRun run, IReadOnlyDictionary<string, FileState> known, ArticleFiles.Entry entry, ReaderLimits limits, IndexingOptions options)
    {
        string hash;
        try
        {
            hash = ArticleFiles.HashFile(entry.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            run.Fail(new ArticleReadException(entry.Path, $"cannot read the file ({e.Message})", inner: e));
            run.FileDone();
            return;
        }

        bool existed = known.TryGetValue(entry.Path, out var previous);
        if (existed && !options.Force && previous!.Hash == hash)
        {
            run.CountUnchanged(previous.Articles);
            run.FileDone();
            return;
        }

        // The file changed: its old articles go, whatever ids the new content has; but only once something
        // new could be read from it, so that a file that turned unreadable keeps its last good articles.
        bool replaced = !existed;
        run.WriteFile(() =>
        {
            foreach (var result in ArticleFiles.Read(entry, limits, options.Format, hash))
            {
                if (result.Article is { } article && Validated(run, article, limits))
                {
                    if (!replaced)
                    {
                        run.Writer.DeleteDocuments(new Term(ArticleFields.Path, entry.Path));
                        replaced = true;
                    }

                    run.UpsertInFile(article, existed);
                }
                else if (result.Error is { } error)
                {
                    run.Fail(error);
                }
            }
        });

        run.FileDone();
    }

    private static bool Validated(IndexingRun run, Article article, ReaderLimits limits)
    {
        try
        {
            ArticleValidator.Validate(article, limits);
            return true;
        }
        catch (ArticleReadException e)
        {
            run.Fail(e);
            return false;
        }
    }

    private static bool IsUnder(string path, IReadOnlyList<string> roots)
    {
        foreach (var root in roots)
        {
            if (string.Equals(path, root, StringComparison.Ordinal)
                || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
