using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
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

    /// <summary>
    /// Lists <paramref name="roots"/> and indexes what it finds, all inside <paramref name="run"/>;
    /// <paramref name="unfinished"/> are the files the last commit recorded as unfinished (path, hash), to resume;
    /// <paramref name="holderOf"/> gives the source path of the article the index held with an id before the run, or null.
    /// </summary>
    public static void Run(
        IndexingRun run,
        IReadOnlyDictionary<string, FileState> known,
        IReadOnlyDictionary<string, string> unfinished,
        IReadOnlyList<string> roots,
        Func<string, string?> holderOf,
        ReaderLimits limits,
        IndexingOptions options,
        int threads,
        CancellationToken cancellation)
    {
        long listing = System.Diagnostics.Stopwatch.GetTimestamp();
        var scan = FolderScan.Run(roots, new FolderScan.Options(options.IncludeHidden, options.ListFolder), cancellation);
        run.TimeListing(System.Diagnostics.Stopwatch.GetTimestamp() - listing);
        var entries = scan.Entries;
        run.ListedFiles(entries.Count);
        run.CountSkipped(scan.Hidden, scan.FolderLinks, scan.Duplicates);
        foreach (var failure in scan.Failures)
        {
            run.Fail(failure);
        }

        new FileRun(run, known, unfinished, entries, holderOf, limits, options, cancellation).Run(threads);

        if (options.RemoveMissing)
        {
            var present = entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
            var fullRoots = roots.Select(Path.GetFullPath).ToList();
            foreach (var (path, state) in known)
            {
                // Not listed: deleted, renamed, or no longer read. But a path under a folder that could not be
                // listed (or an entry that could not be examined) is unknown, not gone: its articles stay.
                if (!present.Contains(path) && IsUnder(path, fullRoots) && !IsUnder(path, scan.Unknown))
                {
                    run.DeleteFile(path);
                    run.EndFile(path);
                    run.CountRemoved(state.Articles);
                }
            }
        }
    }

    /// <summary>What <paramref name="reader"/>'s view of the index holds per source file: its hash and how many live articles came from it.</summary>
    public static Dictionary<string, FileState> KnownFiles(IndexReader reader)
    {
        var files = new Dictionary<string, FileState>(StringComparer.Ordinal);
        foreach (var leaf in reader.Leaves)
        {
            var paths = leaf.AtomicReader.GetBinaryDocValues(ArticleFields.Path);
            var hashes = leaf.AtomicReader.GetBinaryDocValues(ArticleFields.Hash);
            var live = leaf.AtomicReader.LiveDocs;
            var bytes = new BytesRef();
            for (int d = 0; paths is not null && hashes is not null && d < leaf.AtomicReader.MaxDoc; d++)
            {
                if (live is not null && !live.Get(d))
                {
                    continue;
                }

                paths.Get(d, bytes);
                var path = bytes.Utf8ToString();
                if (path.Length == 0)
                {
                    continue;
                }

                hashes.Get(d, bytes);
                var hash = bytes.Utf8ToString();
                files[path] = files.TryGetValue(path, out var s) ? s with { Articles = s.Articles + 1 } : new FileState(hash, 1);
            }
        }

        return files;
    }

    /// <summary>The source path of the live article with this id in <paramref name="reader"/>'s view, or null.</summary>
    public static string? PathHolding(IndexReader reader, string id)
    {
        var term = new BytesRef(id);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var terms = atomic.GetTerms(ArticleFields.Id);
            if (terms is null)
            {
                continue;
            }

            var e = terms.GetEnumerator();
            if (!e.SeekExact(term))
            {
                continue;
            }

            var docs = e.Docs(atomic.LiveDocs, null, DocsFlags.NONE);
            int doc = docs.NextDoc();
            if (doc != DocIdSetIterator.NO_MORE_DOCS)
            {
                // From the doc values KnownFiles reads too, not the stored document: that would decompress the
                // article's whole text for each article of a changed file.
                if (atomic.GetBinaryDocValues(ArticleFields.Path) is not { } paths)
                {
                    return string.Empty;
                }

                var path = new BytesRef();
                paths.Get(doc, path);
                return path.Utf8ToString();
            }
        }

        return null;
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
