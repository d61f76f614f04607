using SearchKit.Articles;

namespace SearchKit.Indexing;

// The work items the reader thread hands to the indexing threads, and the state of a file between them.
internal sealed partial class FileRun
{
    // Who has claimed an id in this run: the file (by its place in the listing) and line, and what was counted for
    // it. Written is false for an article of a resumed file that the index already held: counted as unchanged.
    private readonly record struct Claim(int Entry, int Line, bool Update, int Paragraphs, long Bytes, bool Written)
    {
        public bool Precedes(int entry, int line) => Entry < entry || (Entry == entry && Line < line);
    }

    /// <summary>One piece of indexing work for an indexing thread.</summary>
    private abstract class Work
    {
        public abstract void Run();
    }

    /// <summary>A file indexed whole by one thread: no commit of the run falls between its articles.</summary>
    private sealed class WholeFile(FileWork file, byte[]? content) : Work
    {
        public override void Run()
        {
            var owner = file.Owner;
            var entry = owner._entries[file.Index];
            owner._run.WriteFile(() =>
            {
                foreach (var result in ArticleFiles.Read(entry, content, owner._limits, owner._options.Format, file.Hash, owner._cancellation))
                {
                    owner.Index(file, result);
                }
            });
            file.Release();
        }
    }

    /// <summary>Lines of a large JSON Lines file: a commit of the run may fall between two chunks.</summary>
    private sealed class Chunk(FileWork file, List<JsonLinesArticleReader.RawLine> lines) : Work
    {
        public override void Run()
        {
            var owner = file.Owner;
            var entry = owner._entries[file.Index];
            owner._run.WriteFile(() =>
            {
                foreach (var line in lines)
                {
                    owner._cancellation.ThrowIfCancellationRequested();
                    if (JsonLinesArticleReader.Parse(line, entry.Path, owner._limits, entry.Id, file.Metadata) is { } result)
                    {
                        owner.Index(file, result);
                    }
                }
            });
            file.Release();
        }
    }

    /// <summary>A changed (or new, or resumed) file while its work is in the queue or being indexed.</summary>
    private sealed class FileWork(FileRun owner, int index, string hash, bool existed, bool resuming)
    {
        private readonly Lock _gate = new();

        // The reader's own reference, released when it has queued the file's last piece of work.
        private int _pending = 1;

        // A file new to the index has nothing to replace; a resumed one keeps what it has.
        private bool _replaced = !existed || resuming;

        public FileRun Owner => owner;

        public int Index => index;

        public string Path => owner._entries[index].Path;

        public string Hash => hash;

        /// <summary>The index held articles from this file before the run.</summary>
        public bool Existed => existed;

        /// <summary>The last commit recorded this file, at this hash, as unfinished: the articles it holds from it stay.</summary>
        public bool Resuming => resuming;

        /// <summary>Reading the file failed part way: it stays recorded as unfinished.</summary>
        public bool ReadFailed { get; set; }

        /// <summary>What every article of a JSON Lines file starts from.</summary>
        public ArticleMetadata Metadata { get; } = new() { SourcePath = owner._entries[index].Path, ContentHash = hash };

        public void Acquire() => Interlocked.Increment(ref _pending);

        public void Release()
        {
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                if (!ReadFailed)
                {
                    owner._run.EndFile(Path);
                }

                owner._run.FileDone();
            }
        }

        /// <summary>
        /// Deletes the file's old articles before its first new one is written (a delete by path applies to the
        /// articles added before it, so none of the new ones may come first, whichever thread writes them).
        /// </summary>
        public void EnsureReplaced()
        {
            if (Volatile.Read(ref _replaced))
            {
                return;
            }

            lock (_gate)
            {
                if (!_replaced)
                {
                    owner._run.DeleteFile(Path);
                    Volatile.Write(ref _replaced, true);
                }
            }
        }
    }
}
