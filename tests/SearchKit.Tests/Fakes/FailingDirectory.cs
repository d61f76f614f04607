using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// Wraps a Lucene directory and fails like a full disk: once <see cref="FailAfterBytes"/> more bytes have
/// been written (in any file), every further write, and every sync, throws <see cref="IOException"/>.
/// Set <see cref="FailAfterBytes"/> to null to "free space" again. Thread-safe.
/// </summary>
internal sealed class FailingDirectory(LuceneDirectory inner) : FilterDirectory(inner)
{
    private long _budget = long.MaxValue;

    /// <summary>Bytes that may still be written before the disk is "full"; null for no limit.</summary>
    public long? FailAfterBytes
    {
        get => Interlocked.Read(ref _budget) == long.MaxValue ? null : Interlocked.Read(ref _budget);
        set => Interlocked.Exchange(ref _budget, value ?? long.MaxValue);
    }

    /// <summary>How many writes or syncs were refused.</summary>
    public int Failures => _failures;

    private int _failures;

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        Spend(0, name);
        return new FailingOutput(base.CreateOutput(name, context), this, name);
    }

    public override void Sync(ICollection<string> names)
    {
        Spend(0, "sync");
        base.Sync(names);
    }

    private void Spend(long bytes, string name)
    {
        if (Interlocked.Read(ref _budget) == long.MaxValue)
        {
            return;
        }

        if (Interlocked.Add(ref _budget, -bytes) < 0)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.Add(ref _budget, bytes);
            throw new IOException($"No space left on device (writing {name})");
        }
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
