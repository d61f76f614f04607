using SearchKit.Articles;
using SearchKit.Tests.Fakes;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SearchKit.Tests.Articles;

/// <summary>
/// The Word samples (<c>samples/articles/word/*.docx</c>) and the <c>docx</c> fuzz seeds are written from the
/// definitions here, so their text lives in source: with <c>SEARCHKIT_WRITE_WORD_SAMPLES=1</c> the first test writes
/// them into the repository; every run checks that the committed files read as the definitions say.
/// </summary>
public sealed class WordSamplesTests
{
    private static readonly Dictionary<string, Func<byte[]>> Samples = new(StringComparer.Ordinal)
    {
        ["tide-mill-restored"] = TideMill,
        ["allotment-water-rota"] = WaterRota,
    };

    private static byte[] TideMill() => new DocxBuilder()
        .Title("The tide mill turns again")
        .Subtitle("After six years of repairs the mill on the creek grinds flour with the ebb tide once more.")
        .Paragraph("The mill pond filled on the morning spring tide, and at noon the miller opened the sluice. The oak wheel turned slowly at first, then settled into a steady beat that could be heard from the footbridge.")
        .Heading(1, "How a tide mill works")
        .Paragraph("A gate lets the rising tide into the pond and closes when the water turns. As the tide falls, the trapped water is let out under the wheel, which drives two pairs of millstones for about four hours.")
        .Paragraph("The rhythm of the day follows the moon, so the grinding starts about fifty minutes later each day.")
        .Heading(1, "The repairs")
        .Paragraph("Volunteers replaced forty paddles, rebuilt the sluice gate and relined the pond wall with clay dug from the marsh.")
        .Table(["Part", "Material", "Done by"], ["Wheel paddles", "Oak", "Carpentry group"], ["Sluice gate", "Elm and iron", "Blacksmith"], ["Pond wall", "Puddled clay", "Weekend volunteers"])
        .Heading(2, "Visiting")
        .Paragraph("The mill opens on weekend afternoons when the tide falls after midday; the tide table is posted at the gate.")
        .Properties(new DocxProperties
        {
            Creator = "Ines Hollow",
            Created = new DateTime(2025, 9, 14, 8, 0, 0, DateTimeKind.Utc),
            Keywords = "mill, tides, heritage",
            Category = "heritage",
            Subject = "Local history",
        })
        .Build();

    private static byte[] WaterRota() => new DocxBuilder()
        .Heading(2, "Why a rota")
        .Paragraph("The allotment site shares one mains tap and four rain butts between thirty plots. In the dry weeks of July the butts ran empty by Tuesday and the queue at the tap reached the gate.")
        .Heading(2, "How it works")
        .Element(new W.Paragraph(new W.Run(new W.Text("Plots with odd numbers water on Monday, Wednesday and Friday;"), new W.Break(), new W.Text("even numbers on the other days."))))
        .Paragraph("Sunday is for the greenhouse and seedlings only.")
        .Heading(2, "Saving water")
        .Paragraph("Members are asked to water in the evening, mulch their beds with straw and leave the hose at home.")
        .Properties(new DocxProperties
        {
            Title = "A watering rota for the allotments",
            Description = "Dry summers have made the committee share out the tap by plot number.",
            Creator = "Allotment committee",
            Created = new DateTime(2025, 6, 2, 18, 30, 0, DateTimeKind.Utc),
            Keywords = "gardening; water",
            Category = "community",
        })
        .Build();

    // Seeds for the docx fuzz target: a small document, a truncated one, an encrypted file's header, deep nesting.
    private static readonly Dictionary<string, Func<byte[]>> Seeds = new(StringComparer.Ordinal)
    {
        ["small.docx"] = () => new DocxBuilder().Title("T").Subtitle("S").Heading(1, "H").Paragraph("Text.").Table(["a", "b"]).Build(),
        ["truncated.docx"] = () => DocxArticleReaderTests.BadFile("truncated"),
        ["encrypted.bin"] = () => DocxArticleReaderTests.BadFile("encrypted"),
        ["deep.docx"] = () => DocxArticleReaderTests.BadFile("deep"),
    };

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SearchKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (SearchKit.sln) is not above the test binaries");
    }

    [Fact]
    public void WriteSamples_WhenAsked_ShouldWriteThemIntoTheRepository()
    {
        if (Environment.GetEnvironmentVariable("SEARCHKIT_WRITE_WORD_SAMPLES") != "1")
        {
            return;
        }

        var root = Repository();
        foreach (var (name, build) in Samples)
        {
            File.WriteAllBytes(Path.Combine(root, "samples", "articles", "word", name + ".docx"), build());
        }

        Directory.CreateDirectory(Path.Combine(root, "tests", "SearchKit.Fuzz", "corpus", "docx"));
        foreach (var (name, build) in Seeds)
        {
            File.WriteAllBytes(Path.Combine(root, "tests", "SearchKit.Fuzz", "corpus", "docx", name), build());
        }
    }

    public static TheoryData<string> SampleNames() => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void CommittedSample_ShouldReadAsItsDefinition(string name)
    {
        var path = Path.Combine(CliHarnessSamples, "word", name + ".docx");
        var committed = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, name))).Article!;
        var defined = DocxArticleReader.Parse(Samples[name](), name, new ArticleMetadata { SourcePath = path }, fallbackTitle: name);

        Assert.Equal(defined.Title, committed.Title);
        Assert.Equal(defined.Lead, committed.Lead);
        Assert.Equal(defined.Paragraphs, committed.Paragraphs);
        Assert.Equal(defined.Metadata.Tags, committed.Metadata.Tags);
        Assert.Equal(defined.Metadata.Published, committed.Metadata.Published);
        Assert.True(new FileInfo(path).Length < 16 * 1024, "a sample should stay small");
    }

    private static string CliHarnessSamples => Path.Combine(AppContext.BaseDirectory, "samples");
}
