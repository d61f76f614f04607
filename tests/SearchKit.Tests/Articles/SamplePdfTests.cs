using SearchKit.Articles;
using SearchKit.Tests.Cli;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

/// <summary>
/// The sample PDF article (<c>samples/articles/pdf/salt-marsh-survey.pdf</c>) is written by <see cref="Build"/>; set
/// <c>SEARCHKIT_WRITE_SAMPLES=1</c> and run this class from the repository to write it again after changing the text.
/// </summary>
public class SamplePdfTests
{
    private const string RelativePath = "samples/articles/pdf/salt-marsh-survey.pdf";

    /// <summary>Two pages with a running header, page numbers, headings, and a word hyphenated across a line break.</summary>
    internal static byte[] Build() => new TestPdf
    {
        Title = "Counting the salt marsh back to life",
        Author = "Kellan Coastal Trust",
        Subject = "A year of volunteer surveys on the restored marsh at Kellan Point",
        Keywords = "salt marsh, wading birds, volunteers, Kellan",
        CreationDate = "D:20250914090000Z",
        Header = "Kellan Coastal Trust - Field Notes",
        Footer = "Page {page}",
    }
        .Page()
        .Line("Counting the salt marsh back to life", size: 22, bold: true).Gap(18)
        .Paragraph("A year after the sea wall at Kellan Point was opened to the tide, volunteers have counted the plants, snails and birds returning to the new marsh.")
        .Line("Where the fields were", size: 14, bold: true).Gap(6)
        .Paragraph("For sixty years the land behind the wall was grazed by sheep and drained by ditches that ran to a sluice under the road. When the trust bought the fields, the plan was simple: cut three gaps in the wall and let the estuary decide where the creeks should go.")
        .Lines("The first winter was untidy. Mud spread over the old pasture, the grass died back, and a few neighbours asked whether the project had been a mis-", "take. By April the first samphire had appeared along the lowest creek, and by midsummer it covered the flats in a green carpet.").Gap()
        .Line("What the volunteers found", size: 14, bold: true).Gap(6)
        .Paragraph("Twenty-two volunteers walked the same four transects on the first Saturday of every month, counting plants in square frames and recording every bird that landed within fifty metres.")
        .Paragraph("Sea aster and cord grass now grow on more than half of the frames. Redshank nested on the marsh for the first time in living memory, and a pair of little egrets fed along the main creek from August onwards.")
        .Page()
        .Paragraph("Not every count went up. Lapwings, which had nested on the wet corners of the old fields, moved to the grazing marsh further inland, and the trust now mows that ground late so that their chicks can fledge.")
        .Line("The next survey", size: 14, bold: true).Gap(6)
        .Paragraph("The trust is looking for volunteers who can spare one morning a month. No experience is needed: the survey leaders teach plant and bird identification on the first walk, and boots are lent to anyone who asks.")
        .Build();

    [Fact]
    public void Sample_ShouldReadAsTheArticleTheGeneratorWrites()
    {
        var fresh = Build();
        if (Environment.GetEnvironmentVariable("SEARCHKIT_WRITE_SAMPLES") == "1")
        {
            File.WriteAllBytes(Path.Combine(RepositoryRoot(), RelativePath), fresh);
        }

        var committed = PdfArticleReader.Parse(File.ReadAllBytes(Path.Combine(CliHarness.Samples, "pdf", "salt-marsh-survey.pdf")), "salt-marsh-survey");
        var expected = PdfArticleReader.Parse(fresh, "salt-marsh-survey");

        Assert.Equal(expected.Title, committed.Title);
        Assert.Equal(expected.Lead, committed.Lead);
        Assert.Equal(expected.Paragraphs, committed.Paragraphs);
        Assert.Equal("Counting the salt marsh back to life", committed.Title);
        Assert.Equal(["Where the fields were", "What the volunteers found", "The next survey"], committed.Headings);
        Assert.Contains(committed.Paragraphs, p => p.Text.Contains("had been a mistake. By April", StringComparison.Ordinal));
        Assert.DoesNotContain(committed.Paragraphs, p => p.Text.Contains("Field Notes", StringComparison.Ordinal) || p.Text.StartsWith("Page", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SearchKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("not run from inside the repository");
    }
}
