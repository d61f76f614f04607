using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// Wraps a Lucene directory and fails like a full or failing disk. Once <see cref="FailAfterBytes"/> more bytes
/// have been written (in any file), every further write, file creation and sync throws <see cref="IOException"/>
/// until <see cref="FailAfterBytes"/> is set again (null "frees space"). Independently of space,
/// <see cref="FailSync"/> and <see cref="FailCreate"/> make the fsync or the creation of chosen files fail, as
/// an I/O error or a full inode table would. Thread-safe.
/// </summary>
internal sealed class FailingDirectory(LuceneDirectory inner) : FilterDirectory(inner)
{
    private long _budget = long.MaxValue;
    private int _full;
    private int _failures;
    private Func<string, bool>? _failSync;
    private Func<string, bool>? _failCreate;

    /// <summary>Bytes that may still be written before the disk is "full"; null for no limit. Setting it empties the disk's "full" state.</summary>
    public long? FailAfterBytes
    {
        get => Interlocked.Read(ref _budget) == long.MaxValue ? null : Interlocked.Read(ref _budget);
        set
        {
            Interlocked.Exchange(ref _budget, value ?? long.MaxValue);
            Volatile.Write(ref _full, 0);
        }
    }

    /// <summary>Fails a sync (fsync) that includes a file this returns true for; null for none.</summary>
    public Func<string, bool>? FailSync
    {
        get => Volatile.Read(ref _failSync);
        set => Volatile.Write(ref _failSync, value);
    }

    /// <summary>Fails the creation of a file this returns true for; null for none.</summary>
    public Func<string, bool>? FailCreate
    {
        get => Volatile.Read(ref _failCreate);
        set => Volatile.Write(ref _failCreate, value);
    }

    /// <summary>How many writes, creations or syncs were refused.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        if (FailCreate?.Invoke(name) == true)
        {
            throw Refused($"Input/output error (creating {name})");
        }

        ThrowIfFull(name);
        return new FailingOutput(base.CreateOutput(name, context), this, name);
    }

    public override void Sync(ICollection<string> names)
    {
        var failing = FailSync;
        if (failing is not null && names.FirstOrDefault(failing) is { } name)
        {
            throw Refused($"Input/output error (syncing {name})");
        }

        ThrowIfFull("sync");
        base.Sync(names);
    }

    private void ThrowIfFull(string name)
    {
        if (Volatile.Read(ref _full) != 0)
        {
            throw Refused($"No space left on device ({name})");
        }
    }

    private void Spend(long bytes, string name)
    {
        if (Interlocked.Read(ref _budget) == long.MaxValue)
        {
            return;
        }

        if (Interlocked.Add(ref _budget, -bytes) < 0)
        {
            Interlocked.Add(ref _budget, bytes);
            Volatile.Write(ref _full, 1);
            throw Refused($"No space left on device (writing {name})");
        }
    }

    private IOException Refused(string message)
    {
        Interlocked.Increment(ref _failures);
        return new IOException(message);
    }

    private sealed class FailingOutput(IndexOutput inner, FailingDirectory owner, string name) : IndexOutput
    {
        public override long Position => inner.Position;

        public override long Checksum => inner.Checksum;

        public override long Length => inner.Length;

        public override void WriteByte(byte b)
        {
            owner.Spend(1, name);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            owner.Spend(length, name);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush() => inner.Flush();

        [Obsolete("Lucene's own deprecation; delegated as is.")]
        public override void Seek(long pos) => inner.Seek(pos);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
    }
}
