using System.Globalization;
using System.Text;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// A one-page PDF written byte by byte, for what PdfPig's builder will not write: a page whose content stream is
/// given already Flate-compressed (a compression bomb, say).
/// </summary>
internal static class HandmadePdf
{
    public static byte[] WithContentStream(byte[] flateContent)
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
        Object(string.Create(CultureInfo.InvariantCulture, $"<< /Length {flateContent.Length} /Filter /FlateDecode >>"), flateContent);
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
