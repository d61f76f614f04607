using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SearchKit.Articles;

// The zip under a .docx: what it is (a zip at all, an encrypted Office file, a Word 97-2003 file) and whether its
// declared sizes stay within the limits, all checked before anything is decompressed; then its parts, found through
// the package's relationships as the Open Packaging Conventions say, each read with a guarded XmlReader.
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
    private static ZipArchive OpenPackage(byte[] bytes, ReaderLimits limits, string source)
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
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
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

            return zip;
        }
        catch (InvalidDataException e)
        {
            zip?.Dispose();
            throw new ArticleReadException(source, $"a truncated or damaged zip, not a readable Word document ({e.Message})", inner: e);
        }
        catch
        {
            zip?.Dispose();
            throw;
        }
    }

    private const string WordMain = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string WordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    // Relationship types by their last segments, the same in transitional and strict Open XML.
    private const string OfficeDocument = "/officeDocument";
    private const string StylesRelation = "/styles";
    private const string CoreProperties = "/metadata/core-properties";

    /// <summary>The parts of one open package and the limits its XML is read under.</summary>
    private sealed class Package(ZipArchive zip, ReaderLimits limits, string source)
    {
        private readonly Dictionary<string, ZipArchiveEntry> _entries = Index(zip);

        public ReaderLimits Limits => limits;

        public string Source => source;

        // Part names are case-insensitive in a package (Open Packaging Conventions), zip entry names are not.
        private static Dictionary<string, ZipArchiveEntry> Index(ZipArchive zip)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                entries.TryAdd(entry.FullName, entry);
            }

            return entries;
        }

        /// <summary>The part a relationship of <paramref name="part"/> (empty: the package) of the given type points at, when it exists.</summary>
        public string? Related(string part, string typeSuffix)
        {
            int slash = part.LastIndexOf('/');
            string folder = slash < 0 ? string.Empty : part[..(slash + 1)];
            string rels = folder + "_rels/" + part[(slash + 1)..] + ".rels";
            if (!_entries.ContainsKey(rels))
            {
                return null;
            }

            using var reader = OpenXml(rels);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
                {
                    continue;
                }

                CheckDepth(reader);
                var type = reader.GetAttribute("Type");
                var target = reader.GetAttribute("Target");
                if (type is null || target is null || reader.GetAttribute("TargetMode") == "External" || !type.EndsWith(typeSuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                var name = Resolve(folder, Uri.UnescapeDataString(target));
                if (name is not null && _entries.ContainsKey(name))
                {
                    return name;
                }
            }

            return null;
        }

        // A relationship target: absolute from the package root, or relative to the source part's folder.
        private static string? Resolve(string folder, string target)
        {
            var segments = new List<string>();
            foreach (var segment in (target.StartsWith('/') ? target : folder + target).Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment == "..")
                {
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                }
                else if (segment != ".")
                {
                    segments.Add(segment);
                }
            }

            return string.Join('/', segments);
        }

        /// <summary>
        /// An XML reader over one part: no DTDs (so no entity expansion), at most <see cref="ReaderLimits.MaxDocxBytes"/>
        /// characters (a second bound beside the declared sizes checked before).
        /// </summary>
        public XmlReader OpenXml(string part)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = limits.MaxDocxBytes,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            };
            return XmlReader.Create(_entries[part].Open(), settings);
        }

        public void CheckDepth(XmlReader reader)
        {
            if (reader.Depth > limits.MaxDocxDepth)
            {
                throw new ArticleReadException(source, $"the document's XML nests more than {limits.MaxDocxDepth} elements deep (the limit)");
            }
        }

        public bool IsWord(XmlReader reader) => reader.NamespaceURI is WordMain or WordStrict;

        public string? Attribute(XmlReader reader, string localName) =>
            reader.GetAttribute(localName, WordMain) ?? reader.GetAttribute(localName, WordStrict);
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
