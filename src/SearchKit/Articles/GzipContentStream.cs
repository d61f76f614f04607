using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SearchKit.Articles;

/// <summary>
/// The decompressed bytes of a gzip file, read-only and forward-only, that turns the ways such a file goes bad
/// into <see cref="ArticleReadException"/>s naming it: corrupt data, a truncated file, and more output than the
/// decompressed-size limit allows (a gzip bomb).
/// </summary>
/// <remarks>
/// The runtime's inflater ends a truncated stream quietly, as if it were complete, so at the end the data read is
/// checked against the gzip trailer (the CRC-32 and the length mod 2^32 in the file's last 8 bytes). That check
/// covers one gzip member: a file of several (gzip files concatenated) fails it and is reported as such.
/// </remarks>
internal sealed class GzipContentStream(Stream compressed, string path, long limit) : Stream
{
    private const int MinimumGzipLength = 20; // a 10-byte header, the 2 bytes of an empty deflate stream, the 8-byte trailer
    private readonly GZipStream _inner = new(compressed, CompressionMode.Decompress, leaveOpen: true);
    private readonly Crc32 _crc = new();
    private long _total;
    private bool _verified;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for at most one byte past the limit, so a bomb is caught without inflating more than that.
        long room = limit - _total + 1;
        if (room < buffer.Length)
        {
            buffer = buffer[..(int)room];
        }

        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new ArticleReadException(path, $"not valid gzip data: corrupt or truncated after {_total} decompressed bytes ({e.Message})", inner: e);
        }

        _crc.Append(buffer[..read]);
        _total += read;
        if (read == 0 && buffer.Length > 0 && !_verified)
        {
            _verified = true;
            VerifyTrailer();
        }

        if (_total > limit)
        {
            throw new ArticleReadException(path, $"decompresses to more than {limit} bytes, the decompressed-size limit (a gzip bomb?); stopped there");
        }

        return read;
    }

    private void VerifyTrailer()
    {
        long length = compressed.Length;
        if (length < MinimumGzipLength)
        {
            throw new ArticleReadException(path, $"not valid gzip data: corrupt or truncated ({length} bytes, too short for gzip)");
        }

        Span<byte> trailer = stackalloc byte[8];
        compressed.Seek(length - 8, SeekOrigin.Begin);
        compressed.ReadExactly(trailer);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc != _crc.GetCurrentHashAsUInt32() || size != (uint)_total)
        {
            throw new ArticleReadException(path, $"not valid gzip data: corrupt or truncated (the {_total} bytes decompressed do not match the checksum and length the file ends with; a file of several gzip members, concatenated, is not read: recompress it as one)");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            compressed.Dispose();
        }

        base.Dispose(disposing);
    }
}
