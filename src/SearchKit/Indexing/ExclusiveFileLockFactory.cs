using Lucene.Net.Store;
using Lock = Lucene.Net.Store.Lock;

namespace SearchKit.Indexing;

/// <summary>
/// The write lock of an on-disk index: the lock file is held open with <see cref="FileShare.None"/>, which
/// .NET turns into an exclusive OS lock (<c>flock(LOCK_EX)</c> on Linux and macOS, a share-mode lock on
/// Windows). The OS drops it when the process ends for any reason, SIGKILL included, so a killed writer
/// never leaves a stale lock behind; and it excludes every other process and every other open index in this one.
/// </summary>
/// <remarks>
/// Why not Lucene.Net's own <see cref="NativeFSLockFactory"/>: on Linux (4.8.0-beta00017) it opens the lock
/// file with <see cref="FileShare.Read"/>, which .NET maps to a <em>shared</em> <c>flock</c>, so a second
/// process gets the "exclusive" lock too and two writers corrupt the index (shown by experiment, see
/// docs/guarantees.md). Its in-process lock table hides this from single-process tests.
/// The lock file is deliberately never deleted: deleting it on release would let a third process lock a new
/// file of the same name while a second still holds the old one.
/// </remarks>
internal sealed class ExclusiveFileLockFactory : FSLockFactory
{
    /// <summary>Creates the factory; <see cref="FSDirectory"/> sets the lock folder to the index folder.</summary>
    public ExclusiveFileLockFactory(DirectoryInfo? lockDir = null)
    {
        if (lockDir is not null)
        {
            SetLockDir(lockDir);
        }
    }

    public override Lock MakeLock(string lockName) => new ExclusiveFileLock(LockPath(lockName));

    public override void ClearLock(string lockName)
    {
        // Nothing to clear: the OS lock goes with its holder, and the file itself is harmless (see remarks).
    }

    private string LockPath(string lockName)
    {
        var dir = LockDir ?? throw new InvalidOperationException("the lock folder is not set");
        return Path.Combine(dir.FullName, m_lockPrefix is null ? lockName : m_lockPrefix + "-" + lockName);
    }

    private sealed class ExclusiveFileLock(string path) : Lock
    {
        private readonly System.Threading.Lock _gate = new();
        private FileStream? _held;

        public override bool Obtain()
        {
            lock (_gate)
            {
                FailureReason = null;
                if (_held is not null)
                {
                    return false; // Lucene's contract: a lock instance is obtained at most once
                }

                try
                {
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 1);
                    return true;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    FailureReason = e;
                    return false;
                }
            }
        }

        public override bool IsLocked()
        {
            lock (_gate)
            {
                if (_held is not null)
                {
                    return true;
                }

                try
                {
                    using var probe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 1);
                    return false;
                }
                catch (FileNotFoundException)
                {
                    return false;
                }
                catch (DirectoryNotFoundException)
                {
                    return false;
                }
                catch (IOException)
                {
                    return true;
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                lock (_gate)
                {
                    _held?.Dispose();
                    _held = null;
                }
            }
        }

        public override string ToString() => $"{nameof(ExclusiveFileLock)}@{path}";
    }
}
