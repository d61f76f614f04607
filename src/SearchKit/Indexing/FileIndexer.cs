using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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
    /// <paramref name="holderOf"/> gives the source path of the article the index held with an id before the run, or null.
    /// </summary>
    public static void Run(
        IndexingRun run,
        IReadOnlyDictionary<string, FileState> known,
        IReadOnlyList<string> roots,
        Func<string, string?> holderOf,
        ReaderLimits limits,
        IndexingOptions options,
        int threads,
        CancellationToken cancellation)
    {
        var scan = FolderScan.Run(roots, new FolderScan.Options(options.IncludeHidden, options.ListFolder), cancellation);
        var entries = scan.Entries;
        run.ListedFiles(entries.Count);
        run.CountSkipped(scan.Hidden, scan.FolderLinks, scan.Duplicates);
        foreach (var failure in scan.Failures)
        {
            run.Fail(failure);
        }

        var files = new Files(run, known, entries, holderOf, limits, options, cancellation);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, entries.Count, parallel, files.Index);

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

    /// <summary>Who has claimed an id in this run: the file (by its place in the listing) and line, and what was counted for it.</summary>
    private readonly record struct Claim(int Entry, int Line, bool Update, int Paragraphs, long Bytes)
    {
        public bool Precedes(int entry, int line) => Entry < entry || (Entry == entry && Line < line);
    }

    /// <summary>One run over the listed files.</summary>
    private sealed class Files
    {
        // Each id a file article takes in this run, by a 128-bit hash of the id (to keep memory per article
        // small): two sources claiming one id is a reported failure, never a silent overwrite. The source that
        // comes first in the listing (then by line) keeps the id whatever order the threads run in, so the
        // outcome is the same on every run.
        private readonly ConcurrentDictionary<UInt128, Claim> _claims = new();
        private readonly Lock[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];
        private readonly IndexingRun _run;
        private readonly IReadOnlyDictionary<string, FileState> _known;
        private readonly List<ArticleFiles.Entry> _entries;
        private readonly Dictionary<string, int> _entryOf;
        // Each file's content hash once known; a clash check may need another file's before its own thread
        // gets to it, and then hashes it too (rare, and harmless): a plain array keeps memory at a word per file.
        private readonly string?[] _hashes;
        private readonly Func<string, string?> _holderOf;
        private readonly ReaderLimits _limits;
        private readonly IndexingOptions _options;
        private readonly CancellationToken _cancellation;
        private readonly bool _lookUpHolders;

        public Files(IndexingRun run, IReadOnlyDictionary<string, FileState> known, List<ArticleFiles.Entry> entries, Func<string, string?> holderOf, ReaderLimits limits, IndexingOptions options, CancellationToken cancellation)
        {
            _run = run;
            _known = known;
            _entries = entries;
            _holderOf = holderOf;
            _limits = limits;
            _options = options;
            _cancellation = cancellation;
            _entryOf = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
            for (int i = 0; i < entries.Count; i++)
            {
                _entryOf[entries[i].Path] = i;
            }

            _hashes = new string?[entries.Count];

            // Only an unchanged file can hold an id without claiming it in this run; with none (a first build,
            // --force) there is nothing to look up.
            _lookUpHolders = !options.Force && known.Count > 0;
        }

        public void Index(int i)
        {
            var entry = _entries[i];
            var (hash, error) = HashOf(i);
            if (hash is null)
            {
                _run.Fail(new ArticleReadException(entry.Path, $"cannot read the file ({error!.Message})", inner: error));
                _run.FileDone();
                return;
            }

            bool existed = _known.TryGetValue(entry.Path, out var previous);
            if (existed && !_options.Force && previous!.Hash == hash)
            {
                _run.CountUnchanged(previous.Articles);
                _run.FileDone();
                return;
            }

            // The file changed: its old articles go, whatever ids the new content has; but only once something
            // new could be read from it, so that a file that turned unreadable keeps its last good articles.
            bool replaced = !existed;
            _run.WriteFile(() =>
            {
                foreach (var result in ArticleFiles.Read(entry, _limits, _options.Format, hash, _cancellation))
                {
                    if (result.Article is { } article && Validated(article, result.Line))
                    {
                        if (!replaced)
                        {
                            _run.DeleteFile(entry.Path);
                            replaced = true;
                        }

                        ClaimAndWrite(i, result.Line ?? 0, article, existed);
                    }
                    else if (result.Error is { } failure)
                    {
                        _run.Fail(failure);
                    }
                }
            });

            _run.FileDone();
        }

        private void ClaimAndWrite(int entry, int line, Article article, bool isUpdate)
        {
            var key = KeyOf(article.Id);
            lock (_stripes[(int)(key % (UInt128)_stripes.Length)])
            {
                if (_claims.TryGetValue(key, out var owner))
                {
                    if (owner.Precedes(entry, line))
                    {
                        _run.Fail(Clash(entry, line, article.Id, Where(owner.Entry, owner.Line)));
                        return;
                    }

                    // This source comes first: it takes the id over from the one that wrote it a moment ago.
                    _run.Uncount(owner.Update, owner.Paragraphs, owner.Bytes);
                    _run.Fail(Clash(owner.Entry, owner.Line, article.Id, Where(entry, line)));
                }
                else if (_lookUpHolders && _holderOf(article.Id) is { } holder
                    && !string.Equals(holder, _entries[entry].Path, StringComparison.Ordinal)
                    && IsUnchanged(holder))
                {
                    // The id belongs to an article of a file this run leaves as it is: it keeps it.
                    _run.Fail(Clash(entry, line, article.Id, $"{holder} (unchanged, already indexed)"));
                    return;
                }

                _run.UpsertInFile(article, isUpdate);
                _claims[key] = new Claim(entry, line, isUpdate, article.Paragraphs.Count, IndexingRun.TextBytes(article));
            }
        }

        private bool IsUnchanged(string path) =>
            _entryOf.TryGetValue(path, out int i)
            && _known.TryGetValue(path, out var state)
            && HashOf(i).Hash == state.Hash;

        private (string? Hash, Exception? Error) HashOf(int i)
        {
            if (Volatile.Read(ref _hashes[i]) is { } known)
            {
                return (known, null);
            }

            var result = Hash(_entries[i].Path, _cancellation);
            Volatile.Write(ref _hashes[i], result.Item1);
            return result;
        }

        private string Where(int entry, int line) => line > 0 ? $"{_entries[entry].Path}:{line}" : _entries[entry].Path;

        private ArticleReadException Clash(int entry, int line, string id, string other) =>
            new(_entries[entry].Path, $"the id \"{id}\" is also the id of the article from {other}, which keeps it; this article is not indexed (ids must be unique)", line > 0 ? line : null);

        private bool Validated(Article article, int? line)
        {
            try
            {
                ArticleValidator.CheckWellFormed(article);
                ArticleValidator.Validate(article, _limits);
                _run.Schema.Resolve(article, line);
                return true;
            }
            catch (ArticleReadException e)
            {
                _run.Fail(e);
                return false;
            }
            catch (ArgumentException e)
            {
                _run.Fail(new ArticleReadException(article.Metadata?.SourcePath ?? article.Id ?? "(article)", e.Message, inner: e));
                return false;
            }
        }

        private static (string?, Exception?) Hash(string path, CancellationToken cancellation)
        {
            try
            {
                return (ArticleFiles.HashFile(path, cancellation), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, e);
            }
        }

        private static UInt128 KeyOf(string id) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(id.AsSpan()));
    }
}
