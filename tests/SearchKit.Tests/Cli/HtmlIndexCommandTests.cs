using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>Issue 14 in the host: HTML pages indexed by extension, by content and with <c>--format html</c>; a page without content fails alone.</summary>
public class HtmlIndexCommandTests
{
    private const string Good = "<!DOCTYPE html><html><head><title>Lighthouse keepers' cottages restored | Coast</title></head><body>"
        + "<nav><a href='/'>Home navonly</a></nav><article><h1>Lighthouse cottages restored</h1><h2>The work</h2>"
        + "<p>Masons rebuilt the lighthouse cottages' chimneys with stone from the old quarry.</p></article>"
        + "<div class='cookie-notice'><p>cookieonly consent text for this site</p></div></body></html>";

    [Fact]
    public void Index_HtmlPages_ShouldIndexTheArticlesAndFailThePageWithoutContent()
    {
        using var cli = new CliHarness();
        cli.Write("web/good.html", Good);
        cli.Write("web/saved", Good.Replace("Lighthouse cottages restored", "Saved without an extension", StringComparison.Ordinal));
        var empty = cli.Write("web/empty.htm", "<html><head><title>Only chrome</title></head><body><nav><a href='/'>Home</a></nav></body></html>");

        var run = cli.RunOnIndex("index", Path.Combine(cli.Root, "web"), Path.Combine(cli.Root, "web", "saved"));

        Assert.True(run.ExitCode == ExitCodes.SomeFilesFailed, run.ToString());
        Assert.Contains(empty, run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("no main content", run.Out + run.Error, StringComparison.Ordinal);
        var hit = cli.RunOnIndex("search", "chimneys", "--json").Json();
        Assert.Equal(2, hit.GetProperty("total").GetInt64());
        Assert.Equal(0, cli.RunOnIndex("search", "navonly OR cookieonly", "--json").Json().GetProperty("total").GetInt64());
        Assert.Equal(2, cli.RunOnIndex("search", "heading:work", "--json").Json().GetProperty("total").GetInt64());
    }

    [Fact]
    public void Index_FormatHtml_ShouldReadAnyExtensionAsHtml()
    {
        using var cli = new CliHarness();
        var page = cli.Write("page.txt", Good);

        var run = cli.RunOnIndex("index", page, "--format", "html");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(0, cli.RunOnIndex("search", "navonly", "--json").Json().GetProperty("total").GetInt64());
        Assert.Equal(1, cli.RunOnIndex("search", "title:lighthouse", "--json").Json().GetProperty("total").GetInt64());
    }
}
