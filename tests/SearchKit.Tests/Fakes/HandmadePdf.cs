using System.Globalization;
using System.Text;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// A one-page PDF written byte by byte, for what PdfPig's builder will not write: a page whose content stream is
/// given already Flate-compressed (a compression bomb, say), or left uncompressed so that mutated bytes reach the
/// content parser.
/// </summary>
internal static class HandmadePdf
{
    /// <summary>Text operators for a few lines of Helvetica, to put in an uncompressed content stream.</summary>
    public const string SampleContent = "BT /F1 24 Tf 72 760 Td (Harbour news) Tj ET\nBT /F1 11 Tf 72 720 Td (The ferry ran late on Tuesday, and the) Tj ET\n"
        + "BT /F1 11 Tf 72 706 Td (harbour master apologised to the passen-) Tj ET\nBT /F1 11 Tf 72 692 Td (gers waiting on the pier.) Tj ET\n"
        + "BT /F1 9 Tf 290 40 Td (1) Tj ET\n";

    /// <summary>A page whose content stream holds <paramref name="content"/> as it is (no filter).</summary>
    public static byte[] WithText(string content = SampleContent) => Write(Encoding.Latin1.GetBytes(content), filter: null);

    /// <summary>A page whose content stream is <paramref name="flateContent"/>, marked as Flate-compressed.</summary>
    public static byte[] WithContentStream(byte[] flateContent) => Write(flateContent, "/FlateDecode");

    private static byte[] Write(byte[] content, string? filter)
    {
        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Ascii(string s) => output.Write(Encoding.ASCII.GetBytes(s));
        void Object(string body, byte[]? stream = null)
        {
            offsets.Add(output.Position);
            Ascii($"{offsets.Count} 0 obj\n{body}\n");
            if (stream is not null)
            {
                Ascii("stream\n");
                output.Write(stream);
                Ascii("\nendstream\n");
            }

            Ascii("endobj\n");
        }

        Ascii("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
        Object(string.Create(CultureInfo.InvariantCulture, $"<< /Length {content.Length}{(filter is null ? string.Empty : " /Filter " + filter)} >>"), content);
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        long xref = output.Position;
        Ascii($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Ascii(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Ascii(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }
}
