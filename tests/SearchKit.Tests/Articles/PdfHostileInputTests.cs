using System.Diagnostics;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>
/// Broken and crafted PDFs: mutations of valid files (bytes changed, cut, spliced, repeated) either read as an
/// article or fail with one <see cref="ArticleReadException"/> naming the file, in bounded time.
/// </summary>
public class PdfHostileInputTests
{
    private static readonly ReaderLimits Limits = new() { MaxPdfPages = 20, MaxPdfDecodedBytes = 8 * 1024 * 1024, MaxParagraphs = 200, PdfTimeLimit = TimeSpan.FromSeconds(10) };

    // A builder-written PDF (compressed streams, standard fonts, metadata) and a handmade one with the text in the
    // open, so that mutations reach the content-stream parser and not only the inflater.
    private static readonly byte[][] Bases =
    [
        new TestPdf { Title = "Base", Author = "A", Header = "Running head", Footer = "{page}" }
            .Page().Line("Big title", size: 22, bold: true).Gap(20).Paragraph("One paragraph of body text, with a hyphen- ated word.").Line("Heading", size: 14, bold: true).Paragraph("Two.")
            .Page().Paragraph("Page two text.").Build(),
        HandmadePdf.WithText(),
    ];

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Gen.Int[0, Bases.Length - 1], Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 40])
            .Select(t =>
            {
                var (which, kind, at, junk) = t;
                var pdf = Bases[which];
                int pos = at % pdf.Length;
                return kind switch
                {
                    0 => pdf[..pos],                                                       // truncated
                    1 => [.. pdf[..pos], .. junk, .. pdf[Math.Min(pdf.Length, pos + junk.Length)..]], // overwritten
                    2 => [.. pdf[..pos], .. junk, .. pdf[pos..]],                          // inserted
                    3 => [.. pdf[..pos], .. pdf[(pos / 2)..]],                             // a stretch repeated
                    _ => [.. pdf[..pos], .. "999999999 0 R [[[[<<<< ("u8.ToArray(), .. pdf[pos..]],  // PDF syntax spliced in
                };
            });

    [Fact]
    public void Parse_MutatedPdfs_ShouldReadOrFailWithOneArticleReadExceptionInBoundedTime()
    {
        Mutated.Sample(bytes =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var article = PdfArticleReader.Parse(bytes, "fuzz", limits: Limits, source: "fuzz.pdf");
                Assert.NotEmpty(article.Title);
                Assert.All(article.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
            }
            catch (ArticleReadException e)
            {
                Assert.Equal("fuzz.pdf", e.Source);
                Assert.DoesNotContain('\n', e.Message);
            }

            // Far above what any of these small files needs: only a hang or a runaway loop would reach it.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        }, iter: 300);
    }

    [Fact]
    public void Seeds_ShouldReadAsArticles()
    {
        // The mutations start from files that read: a base that failed would make every case an error case.
        Assert.All(Bases, pdf => Assert.NotEmpty(PdfArticleReader.Parse(pdf, "x", limits: Limits).Paragraphs));
    }
}
