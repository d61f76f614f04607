using SearchKit.Cli;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Cli;

/// <summary>Issue 14 in the host: PDFs indexed by extension, by content and with <c>--format pdf</c>; a bad PDF fails alone, on one line naming it.</summary>
public class PdfIndexCommandTests
{
    private static byte[] Pdf(string title) => new TestPdf { Author = "Ann Tidewater" }
        .Page().Line(title, size: 22, bold: true).Gap(20)
        .Paragraph("The lighthouse keepers logged every passing ship for forty years.")
        .Line("The logbooks", size: 14, bold: true).Gap(6)
        .Paragraph("The logbooks went to the county archive in spring.")
        .Build();

    [Fact]
    public void Index_PdfFolderWithABadPdf_ShouldExit5WithOneLineNamingTheFileAndIndexTheRest()
    {
        using var cli = new CliHarness();
        cli.WriteBytes("docs/keepers.pdf", Pdf("Lighthouse keepers' logbooks"));
        cli.WriteBytes("docs/download", Pdf("Saved without an extension"));
        var scanned = cli.WriteBytes("docs/scanned.pdf", HandmadePdf.WithText(string.Empty));

        var run = cli.RunOnIndex("index", Path.Combine(cli.Root, "docs"), Path.Combine(cli.Root, "docs", "download"));

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        var line = Assert.Single((run.Out + run.Error).Split('\n'), l => l.Contains(scanned, StringComparison.Ordinal));
        Assert.Contains("no extractable text (a scanned PDF?)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, cli.RunOnIndex("search", "archive", "--json").Json().GetProperty("total").GetInt64());
        Assert.Equal(2, cli.RunOnIndex("search", "heading:logbooks", "--json").Json().GetProperty("total").GetInt64());
    }

    [Fact]
    public void Index_FormatPdf_ShouldReadAnyExtensionAsPdf()
    {
        using var cli = new CliHarness();
        var file = cli.WriteBytes("report.bin.txt", Pdf("Keepers of the light"));

        var run = cli.RunOnIndex("index", file, "--format", "pdf");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1, cli.RunOnIndex("search", "title:keepers", "--json").Json().GetProperty("total").GetInt64());
    }
}
