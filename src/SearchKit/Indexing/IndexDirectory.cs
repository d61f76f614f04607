using Lucene.Net.Store;

namespace SearchKit.Indexing;

/// <summary>Opens the Lucene directory of an index folder: the folder created when allowed, the lock factory, the kind of directory.</summary>
internal static class IndexDirectory
{
    /// <summary>
    /// The directory of the index at <paramref name="path"/>, of <paramref name="kind"/>; a missing folder is created
    /// when <paramref name="create"/>. The caller owns and disposes it.
    /// </summary>
    /// <exception cref="SearchKitIndexException">The folder is missing and may not be created, cannot be created, or is not an index.</exception>
    public static Lucene.Net.Store.Directory Open(string path, DirectoryKind kind, bool create)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!IndexFolder.Inspect(full, path))
        {
            if (!create)
            {
                throw new SearchKitIndexException(IndexProblem.Missing, $"{path}: no index here (the folder does not exist)");
            }

            try
            {
                System.IO.Directory.CreateDirectory(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A parent that is a file, a read-only or special file system (/proc), no permission.
                throw new SearchKitIndexException(IndexProblem.Unwritable, $"{path}: cannot create the index folder ({e.Message.Split('\n')[0].Trim()})", e);
            }
        }

        var info = new DirectoryInfo(full);

        // Not Lucene.Net's default NativeFSLockFactory: on Linux it lets two processes hold the write lock (see ExclusiveFileLockFactory).
        var locks = new ExclusiveFileLockFactory();
        return kind switch
        {
            DirectoryKind.Mmap => new MMapDirectory(info, locks),
            DirectoryKind.Simple => new SimpleFSDirectory(info, locks),
            _ => new NIOFSDirectory(info, locks),
        };
    }
}
