using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SearchKit.Samples.Web.Tests;

/// <summary>The search page in a real headless Chromium, against the sample served on Kestrel.</summary>
public sealed class SearchPageBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [BrowserFact]
    public async Task SearchPage_ShouldShowHighlightedParagraphsPageOnAndToggleToPassages()
    {
        using var folder = new TempFolder();
        await using var app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], builder =>
        {
            builder.Configuration["SearchKit:IndexPath"] = Path.Combine(folder.Path, "index");
            builder.Configuration["SearchKit:WatchFolder"] = "";
        });
        app.Services.GetRequiredService<SearchIndex>().Add(SampleData.Articles());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var browser = await HeadlessChromium.LaunchAsync(HeadlessChromium.Find()!, Patience);
        await browser.NavigateAsync(address + "/");
        await browser.WaitForAsync("document.readyState === 'complete' && document.querySelector('#q')", Patience, "the page to load");

        // Type a query and press Enter, as a user would.
        await browser.EvaluateAsync("document.querySelector('#q').focus()");
        await browser.TypeAsync("lighthouse");
        await browser.PressEnterAsync();
        await browser.WaitForAsync("document.querySelectorAll('#results .hit').length === 5", Patience, "the first page of results");

        var status = await Text("#status");
        Assert.StartsWith("1–5 of 12 articles", status, StringComparison.Ordinal);
        var marks = (await browser.EvaluateAsync("[...document.querySelectorAll('#results .hit mark')].map(m => m.textContent)"))!.AsArray();
        Assert.Equal(10, marks.Count);
        Assert.All(marks, m => Assert.Equal("lighthouse", m!.GetValue<string>()));
        var paragraph = await Text("#results .hit .para p");
        Assert.Matches("^The lighthouse lamp \\d+ was cleaned and the lighthouse stairs repainted\\.$", paragraph);
        await SaveScreenshot(browser, "search-page.png");

        // Page on: the next five, none of the first five.
        var firstPage = await Ids();
        await browser.EvaluateAsync("document.querySelector('#next').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('6–10 of 12')", Patience, "the second page");
        var secondPage = await Ids();
        Assert.Equal(5, secondPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.Equal("Page 2 of 3", await Text("#page"));

        // The passage toggle ranks single paragraphs: each hit shows exactly one.
        await browser.EvaluateAsync("document.querySelector('#passages').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.includes('passages')", Patience, "passage results");
        var paragraphsPerHit = (await browser.EvaluateAsync("[...document.querySelectorAll('#results .hit')].map(h => h.querySelectorAll('.para').length)"))!.AsArray();
        Assert.NotEmpty(paragraphsPerHit);
        Assert.All(paragraphsPerHit, n => Assert.Equal(1, n!.GetValue<int>()));

        // Hostile article text is shown as text: no element is created from it and no script runs.
        await browser.EvaluateAsync("document.querySelector('#passages').click()");
        await browser.EvaluateAsync("document.querySelector('#q').value = ''; document.querySelector('#q').focus()");
        await browser.TypeAsync("mooring");
        await browser.PressEnterAsync();
        await browser.WaitForAsync("document.querySelectorAll('#results .hit').length === 1", Patience, "the hostile article");
        Assert.Contains("<img src=x onerror=", await Text("#results .hit .para p"), StringComparison.Ordinal);
        Assert.Equal("A <b>bold</b> title", await Text("#results .hit h2"));
        Assert.Equal(0, (await browser.EvaluateAsync("document.querySelectorAll('#results img, #results script, #results b').length"))!.GetValue<int>());
        Assert.Equal("undefined", (await browser.EvaluateAsync("typeof window.__xss"))!.GetValue<string>());
        await SaveScreenshot(browser, "search-page-hostile.png");

        // A malformed query shows the API's message.
        await browser.EvaluateAsync("document.querySelector('#q').value = ''; document.querySelector('#q').focus()");
        await browser.TypeAsync("title:(oops");
        await browser.PressEnterAsync();
        await browser.WaitForAsync("document.querySelector('#status').className === 'error'", Patience, "the error message");
        Assert.Contains("never closed", await Text("#status"), StringComparison.Ordinal);

        await app.StopAsync();

        async Task<string> Text(string selector) =>
            (await browser.EvaluateAsync($"document.querySelector({System.Text.Json.JsonSerializer.Serialize(selector)}).textContent"))!.GetValue<string>();

        async Task<List<string>> Ids() =>
            [.. (await browser.EvaluateAsync("[...document.querySelectorAll('#results .hit')].map(h => h.dataset.id)"))!.AsArray().Select(n => n!.GetValue<string>())];
    }

    /// <summary>Saves a screenshot as a test artifact under the test output's TestResults folder.</summary>
    private static async Task SaveScreenshot(HeadlessChromium browser, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        var png = await browser.ScreenshotAsync();
        Assert.True(png.Length > 1000 && png[0] == 0x89 && png[1] == (byte)'P', "the screenshot is not a PNG");
        await File.WriteAllBytesAsync(Path.Combine(folder, name), png);
    }
}
