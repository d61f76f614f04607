using SearchKit.Cli;
using SearchKit.Tests.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Cli;

/// <summary>Issue 14 in the host: Word documents indexed by extension and with <c>--format docx</c>; a bad one fails alone, exit 5.</summary>
public class DocxIndexCommandTests
{
    private static byte[] Good() => new DocxBuilder()
        .Title("Lighthouse cottages restored").Heading(1, "The work")
        .Paragraph("Masons rebuilt the lighthouse cottages' chimneys with stone from the old quarry.")
        .Header("headeronly running header").Build();

    [Fact]
    public void Index_WordDocuments_ShouldIndexTheGoodOnesAndFailEachBadOneOnOneLine()
    {
        using var cli = new CliHarness();
        cli.WriteBytes("docs/good.docx", Good());
        var encrypted = cli.WriteBytes("docs/locked.docx", DocxArticleReaderTests.BadFile("encrypted"));
        var truncated = cli.WriteBytes("docs/cut.docx", DocxArticleReaderTests.BadFile("truncated"));

        var run = cli.RunOnIndex("index", Path.Combine(cli.Root, "docs"));

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        var output = run.Out + run.Error;
        Assert.Single(output.Split('\n'), l => l.Contains(encrypted, StringComparison.Ordinal) && l.Contains("encrypted or password-protected Word document", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), l => l.Contains(truncated, StringComparison.Ordinal) && l.Contains("truncated or damaged zip", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(1, cli.RunOnIndex("search", "chimneys", "--json").Json().GetProperty("total").GetInt64());
        Assert.Equal(1, cli.RunOnIndex("search", "heading:work", "--json").Json().GetProperty("total").GetInt64());
        Assert.Equal(0, cli.RunOnIndex("search", "headeronly", "--json").Json().GetProperty("total").GetInt64());
    }

    [Fact]
    public void Index_FormatDocx_ShouldReadAnyExtensionAsWord()
    {
        using var cli = new CliHarness();
        var file = cli.WriteBytes("report.bin", Good());

        var run = cli.RunOnIndex("index", file, "--format", "docx");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1, cli.RunOnIndex("search", "title:lighthouse", "--json").Json().GetProperty("total").GetInt64());
    }
}
