using System.IO.Compression;
using System.Text;

namespace SearchKit.Articles;

// The zip under a .docx: what it is (a zip at all, an encrypted Office file, a Word 97-2003 file) and whether its
// declared sizes stay within the limits, all checked before the Open XML SDK decompresses anything.
public static partial class DocxArticleReader
{
    private static ReadOnlySpan<byte> ZipSignature => "PK\u0003\u0004"u8;

    private static ReadOnlySpan<byte> EmptyZipSignature => "PK\u0005\u0006"u8;

    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // Parts over this size are held to the compression ratio; small parts compress however they like.
    private const long RatioCheckedFrom = 1024 * 1024;

    /// <summary>
    /// Whether a file looks like a Word document: a zip whose entries include <c>word/document.xml</c>. Reads only
    /// the zip's directory, never a part; a damaged or unreadable zip is not a Word document here.
    /// </summary>
    /// <param name="stream">A seekable stream at the file's start; the caller keeps ownership.</param>
    public static bool LooksLikeDocx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[4];
        if (!stream.CanSeek || stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head.SequenceEqual(ZipSignature))
        {
            return false;
        }

        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    // Refuses what is not a zip (naming what it is when that is known), a truncated or damaged zip, and a zip whose
    // XML parts declare more than the limits allow. The declared sizes can be trusted as upper bounds: the zip reader
    // stops each entry at its declared size.
    private static void CheckPackage(byte[] bytes, ReaderLimits limits, string source)
    {
        var head = bytes.AsSpan();
        if (head.StartsWith(OleSignature))
        {
            throw new ArticleReadException(source, DescribeCompoundFile(bytes));
        }

        if (!head.StartsWith(ZipSignature) && !head.StartsWith(EmptyZipSignature))
        {
            throw new ArticleReadException(source, bytes.Length == 0 ? "the file is empty, not a Word document" : "not a Word document (not a zip package)");
        }

        long total = 0;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (!IsXmlPart(entry.FullName))
                {
                    continue;
                }

                if (entry.Length > RatioCheckedFrom && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                {
                    throw new ArticleReadException(source, $"a zip bomb: the part {Printable(entry.FullName)} decompresses {entry.Length / Math.Max(entry.CompressedLength, 1)} × (to {entry.Length} bytes), over the limit of {limits.MaxCompressionRatio} ×");
                }

                total += entry.Length;
                if (total > limits.MaxDocxBytes)
                {
                    throw new ArticleReadException(source, $"the document's XML parts decompress to more than {limits.MaxDocxBytes} bytes, over the limit (a zip bomb or an outsized document)");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new ArticleReadException(source, $"a truncated or damaged zip, not a readable Word document ({e.Message})", inner: e);
        }
    }

    private static bool IsXmlPart(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    // An OLE compound file (the pre-2007 container) holds either an encrypted Office 2007+ document, whose streams
    // are EncryptionInfo and EncryptedPackage, or a Word 97-2003 document, whose main stream is WordDocument. The
    // stream names are in the file's directory as UTF-16; finding them is enough to name the case.
    private static string DescribeCompoundFile(byte[] bytes)
    {
        if (Contains(bytes, "EncryptionInfo") || Contains(bytes, "EncryptedPackage"))
        {
            return "an encrypted or password-protected Word document (it cannot be read without the password)";
        }

        return Contains(bytes, "WordDocument")
            ? "a Word 97–2003 document (.doc), not a .docx: save it as .docx to index it"
            : "an OLE compound file (an older Office format or an encrypted document), not a .docx Word document";
    }

    private static bool Contains(byte[] bytes, string name) =>
        bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;

    // An entry name as a message may show it: control characters replaced, long names cut.
    private static string Printable(string name)
    {
        var shown = new string([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return name.Length > 80 ? shown + "…" : shown;
    }
}
