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
    private readonly Func<string, FileStream> _open;

    /// <summary>Creates the factory; <see cref="FSDirectory"/> sets the lock folder to the index folder.</summary>
    /// <param name="lockDir">The lock folder, when not the index folder.</param>
    /// <param name="open">
    /// Opens the lock file exclusively; tests pass one that fails as a full disk or a read-only file system
    /// would, which they cannot cause for real when they run as root.
    /// </param>
    public ExclusiveFileLockFactory(DirectoryInfo? lockDir = null, Func<string, FileStream>? open = null)
    {
        _open = open ?? OpenExclusive;
        if (lockDir is not null)
        {
            SetLockDir(lockDir);
        }
    }

    public override Lock MakeLock(string lockName) => new ExclusiveFileLock(LockPath(lockName), _open);

    /// <summary>
    /// Whether a failure to obtain the lock means that someone else holds it, rather than that the lock file
    /// cannot be written at all (a read-only folder, no permission, a full disk).
    /// </summary>
    public static bool IsHeldElsewhere(Exception? failure) => failure switch
    {
        null => true, // Lucene gave up waiting without a reason: only a holder makes it wait
        UnauthorizedAccessException => false,

        // A sharing or lock violation on Windows; elsewhere flock's EWOULDBLOCK (11 on Linux, 35 on macOS), which .NET puts in HResult.
        IOException e => OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult is 11 or 35,
        _ => false,
    };

    private static FileStream OpenExclusive(string path)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, bufferSize: 1);
    }

    public override void ClearLock(string lockName)
    {
        // Nothing to clear: the OS lock goes with its holder, and the file itself is harmless (see remarks).
    }

    private string LockPath(string lockName)
    {
        var dir = LockDir ?? throw new InvalidOperationException("the lock folder is not set");
        return Path.Combine(dir.FullName, m_lockPrefix is null ? lockName : m_lockPrefix + "-" + lockName);
    }

    private sealed class ExclusiveFileLock(string path, Func<string, FileStream> open) : Lock
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
                    _held = open(path);
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
