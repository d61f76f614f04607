using Lucene.Net.Index;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchKit.Indexing;

/// <summary>
/// One commit of an index with every one of its files held open, seen through a read-only directory that
/// holds nothing else: a check of a live index reads one consistent commit, whatever a writer in another
/// process deletes meanwhile.
/// </summary>
internal sealed class PinnedCommit : IDisposable
{
    private readonly Dictionary<string, IndexInput> _files;

    private PinnedCommit(Dictionary<string, IndexInput> files, LuceneDirectory? directory, string? commitPoint)
    {
        _files = files;
        Directory = directory;
        CommitPoint = commitPoint;
    }

    /// <summary>The pinned commit's files, or null when no commit could be read: then check the folder itself, which reports why.</summary>
    public LuceneDirectory? Directory { get; }

    /// <summary>The commit point pinned (<c>segments_N</c>), if any.</summary>
    public string? CommitPoint { get; }

    /// <summary>
    /// Opens every file of the newest readable commit. Returns null when that commit was replaced by a newer
    /// one before all its files were open (try again); files missing while it is still the newest are left
    /// missing, for the check to report.
    /// </summary>
    public static PinnedCommit? TryPin(LuceneDirectory folder)
    {
        long newest = NewestGeneration(folder);
        var infos = new SegmentInfos();
        ICollection<string> names;
        try
        {
            infos.Read(folder);
            names = infos.GetFiles(folder, includeSegmentsFile: true);
        }
        catch (Exception e) when (IndexDamage.IsDamage(e))
        {
            // No readable commit: damage, unless a writer's commit replaced the one being read.
            return NewestGeneration(folder) == newest ? new PinnedCommit([], null, null) : null;
        }

        var files = new Dictionary<string, IndexInput>(StringComparer.Ordinal);
        bool missing = false;
        foreach (var name in names)
        {
            try
            {
                files[name] = folder.OpenInput(name, IOContext.READ);
            }
            catch (IOException)
            {
                missing = true;
            }
        }

        var pinned = new PinnedCommit(files, null, infos.GetSegmentsFileName());
        if (missing && NewestGeneration(folder) != infos.Generation)
        {
            pinned.Dispose();
            return null;
        }

        return new PinnedCommit(files, new View(folder, files), pinned.CommitPoint);
    }

    private static long NewestGeneration(LuceneDirectory folder)
    {
        try
        {
            return SegmentInfos.GetLastCommitGeneration(folder);
        }
        catch (IOException)
        {
            return -2;
        }
    }

    public void Dispose()
    {
        foreach (var input in _files.Values)
        {
            input.Dispose();
        }
    }

    /// <summary>The pinned files, read through clones of the held inputs (a clone's Dispose leaves the file open).</summary>
    private sealed class View(LuceneDirectory folder, Dictionary<string, IndexInput> files) : FilterDirectory(folder)
    {
        public override string[] ListAll() => [.. files.Keys];

        [Obsolete("this method will be removed in 5.0")]
        public override bool FileExists(string name) => files.ContainsKey(name);

        public override long FileLength(string name) => Get(name).Length;

        public override IndexInput OpenInput(string name, IOContext context) => (IndexInput)Get(name).Clone();

        public override IndexOutput CreateOutput(string name, IOContext context) => throw ReadOnly();

        public override void DeleteFile(string name) => throw ReadOnly();

        public override void Sync(ICollection<string> names) => throw ReadOnly();

        protected override void Dispose(bool disposing)
        {
            // The folder's directory belongs to the caller, the inputs to the PinnedCommit.
        }

        private IndexInput Get(string name) =>
            files.TryGetValue(name, out var input) ? input : throw new FileNotFoundException($"{name} is not part of the commit being checked", name);

        private static InvalidOperationException ReadOnly() => new("a pinned commit is read-only");
    }
}
