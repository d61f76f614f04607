using Microsoft.AspNetCore.Builder;
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

        // More results: the next five by cursor, appended below the first five.
        var firstPage = await Ids();
        await browser.EvaluateAsync("document.querySelector('#more').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('1–10 of 12')", Patience, "the second page");
        var twoPages = await Ids();
        Assert.Equal(10, twoPages.Count);
        Assert.Equal(firstPage, twoPages.Take(5));
        Assert.Equal(10, twoPages.Distinct().Count());
        await browser.EvaluateAsync("document.querySelector('#more').click()");
        await browser.WaitForAsync("document.querySelectorAll('#results .hit').length === 12", Patience, "the last page");
        Assert.True((await browser.EvaluateAsync("document.querySelector('#more').hidden"))!.GetValue<bool>(), "More results is offered after the last page");

        // The passage toggle ranks single paragraphs: each hit shows exactly one.
        await browser.EvaluateAsync("document.querySelector('#passages').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.includes('passages')", Patience, "passage results");
        var paragraphsPerHit = (await browser.EvaluateAsync("[...document.querySelectorAll('#results .hit')].map(h => h.querySelectorAll('.para').length)"))!.AsArray();
        Assert.NotEmpty(paragraphsPerHit);
        Assert.All(paragraphsPerHit, n => Assert.Equal(1, n!.GetValue<int>()));

        // More passages come by skip (passage mode has no cursor), appended as well.
        Assert.Equal(5, paragraphsPerHit.Count);
        await browser.EvaluateAsync("document.querySelector('#more').click()");
        await browser.WaitForAsync("document.querySelectorAll('#results .hit').length === 10", Patience, "more passages");
        Assert.StartsWith("1–10 of", await Text("#status"), StringComparison.Ordinal);

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

    [BrowserFact]
    public async Task AnAddress_ShouldRunItsSearch_AndASuggestionCompletionsChipsAndArticlesShouldWork()
    {
        await using var site = await Site.StartAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(HeadlessChromium.Find()!, Patience);

        // Opening a shared address runs the search it names: query, filter and sort.
        await browser.NavigateAsync(site.Address + "/?q=lighthouse&filter=category%3Dhistory&sort=newest");
        await browser.WaitForAsync("document.querySelectorAll('#results .hit').length === 5", Patience, "the search of the address");
        Assert.Equal(["light-11", "light-10", "light-09", "light-08", "light-07"], await Ids(browser));
        Assert.StartsWith("1–5 of 5 articles", await Text(browser, "#status"), StringComparison.Ordinal);
        Assert.Equal("lighthouse", await Value(browser, "#q"));
        Assert.Equal("newest", await Value(browser, "#sort"));
        Assert.Equal(["category=history"], await Texts(browser, "#chips .chip span"));

        // Completions under the box as the user types; arrows move through them, Escape closes them.
        await browser.EvaluateAsync("document.querySelector('#q').value = ''; document.querySelector('#q').focus()");
        await browser.TypeAsync("lightho");
        await browser.WaitForAsync("!document.querySelector('#completions').hidden && document.querySelectorAll('#completions [role=option]').length > 0", Patience, "completions");
        Assert.Equal("true", await Eval(browser, "document.querySelector('#q').getAttribute('aria-expanded')"));
        var options = await Texts(browser, "#completions [role=option]");
        Assert.Contains(options, o => o == "lighthouse");
        Assert.All(options, o => Assert.StartsWith("lightho", o, StringComparison.OrdinalIgnoreCase));
        await browser.PressKeyAsync("ArrowDown");
        Assert.Equal("completion-0", await Eval(browser, "document.querySelector('#q').getAttribute('aria-activedescendant')"));
        Assert.Equal("true", await Eval(browser, "document.querySelector('#completion-0').getAttribute('aria-selected')"));
        await browser.PressKeyAsync("Escape");
        await browser.WaitForAsync("document.querySelector('#completions').hidden", Patience, "the completions to close");
        Assert.Equal("lightho", await Value(browser, "#q")); // what was typed, not the option the arrow filled in
        Assert.Equal("false", await Eval(browser, "document.querySelector('#q').getAttribute('aria-expanded')"));

        // A misspelling, followed through its suggestion (counted within the filter).
        await browser.EvaluateAsync("document.querySelector('#q').value = ''; document.querySelector('#q').focus()");
        await browser.TypeAsync("lighthuose");
        await browser.PressEnterAsync();
        await browser.WaitForAsync("document.querySelector('#suggestion-link') && !document.querySelector('#suggestion').hidden", Patience, "the suggestion");
        Assert.Equal("Did you mean lighthouse? (5 articles)", await Text(browser, "#suggestion"));
        Assert.Equal(0, (await browser.EvaluateAsync("document.querySelectorAll('#results .hit').length"))!.GetValue<int>());
        await browser.EvaluateAsync("document.querySelector('#suggestion-link').click()");
        await browser.WaitForAsync("document.querySelectorAll('#results .hit').length === 5 && document.querySelector('#q').value === 'lighthouse'", Patience, "the suggested search");
        Assert.True((await browser.EvaluateAsync("document.querySelector('#suggestion').hidden"))!.GetValue<bool>());
        Assert.Contains("q=lighthouse", await Eval(browser, "location.search"), StringComparison.Ordinal);

        // Back restores the misspelled search, forward the corrected one.
        await browser.EvaluateAsync("history.back()");
        await browser.WaitForAsync("document.querySelector('#q').value === 'lighthuose' && !document.querySelector('#suggestion').hidden", Patience, "the misspelled search again");
        await browser.EvaluateAsync("history.forward()");
        await browser.WaitForAsync("document.querySelector('#q').value === 'lighthouse' && document.querySelectorAll('#results .hit').length === 5", Patience, "the corrected search again");

        // Removing the chip widens the search to every lighthouse, and the address follows.
        await browser.EvaluateAsync("document.querySelector('#chips .chip button').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('1–5 of 12 articles')", Patience, "the unfiltered search");
        Assert.Empty(await Texts(browser, "#chips .chip"));
        Assert.DoesNotContain("filter=", await Eval(browser, "location.search"), StringComparison.Ordinal);

        // An article's view shows it and its related articles, never itself.
        var first = (await Ids(browser))[0];
        await browser.EvaluateAsync("document.querySelector('#results .hit h2 a').click()");
        await browser.WaitForAsync($"!document.querySelector('#article').hidden && document.querySelector('#article').dataset.id === '{first}' && document.querySelectorAll('#related li').length > 0", Patience, "the article and its related articles");
        Assert.Contains($"article={first}", await Eval(browser, "location.search"), StringComparison.Ordinal);
        Assert.True((await browser.EvaluateAsync("document.querySelector('#results').hidden"))!.GetValue<bool>());
        var related = (await browser.EvaluateAsync("[...document.querySelectorAll('#related li')].map(l => l.dataset.id)"))!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.DoesNotContain(first, related);
        Assert.All(related, id => Assert.StartsWith("light-", id, StringComparison.Ordinal));
        await SaveScreenshot(browser, "search-page-article.png");
        await browser.EvaluateAsync("history.back()");
        await browser.WaitForAsync("document.querySelector('#article').hidden && document.querySelectorAll('#results .hit').length === 5", Patience, "the results again");
    }

    [BrowserFact]
    public async Task TickingFacetValues_ShouldNarrowTheHitsAndChangeTheOtherCounts()
    {
        await using var site = await Site.StartAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(HeadlessChromium.Find()!, Patience);
        await browser.NavigateAsync(site.Address + "/?q=lighthouse");
        await browser.WaitForAsync("document.querySelectorAll('#facets .facet[data-field=category] li').length === 2", Patience, "the facet sidebar");
        Assert.Equal(["Category", "Tags", "Author", "Published"], await Texts(browser, "#facets .facet h2"));
        Assert.Equal(["coast 7", "history 5"], await FacetCounts(browser, "category"));
        Assert.Equal(["Ada Lind 6", "Tom Reyes 6"], await FacetCounts(browser, "author"));
        Assert.StartsWith("1–5 of 12 articles", await Text(browser, "#status"), StringComparison.Ordinal);

        // Tick history: the hits narrow to its five, the author counts follow, the category counts stay (multi-select).
        await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=category] li[data-value=history] input').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('1–5 of 5 articles')", Patience, "the history articles");
        Assert.Equal(["coast 7", "history 5"], await FacetCounts(browser, "category"));
        Assert.Equal(["Tom Reyes 3", "Ada Lind 2"], await FacetCounts(browser, "author"));
        Assert.True((await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=category] li[data-value=history] input').checked"))!.GetValue<bool>());
        Assert.Equal(["category=history"], await Texts(browser, "#chips .chip span"));
        Assert.Contains("filter=category%3Dhistory", await Eval(browser, "location.search"), StringComparison.Ordinal);
        Assert.All(await Ids(browser), id => Assert.True(string.CompareOrdinal(id, "light-07") >= 0, id));
        await SaveScreenshot(browser, "search-page-facets.png");

        // Tick coast too: one filter, any of the two, every lighthouse again.
        await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=category] li[data-value=coast] input').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('1–5 of 12 articles')", Patience, "both categories");
        Assert.Equal(["category=history,coast"], await Texts(browser, "#chips .chip span"));
        Assert.Equal(["Ada Lind 6", "Tom Reyes 6"], await FacetCounts(browser, "author"));

        // A second facet narrows within the first: Tom Reyes's history and coast articles.
        await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=author] li[data-value=\"Tom Reyes\"] input').click()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('1–5 of 6 articles')", Patience, "Tom Reyes's articles");
        Assert.Equal(["coast 3", "history 3"], await FacetCounts(browser, "category"));

        // Back undoes the last tick; unticking removes the filter.
        await browser.EvaluateAsync("history.back()");
        await browser.WaitForAsync("document.querySelector('#status').textContent.startsWith('1–5 of 12 articles') && document.querySelectorAll('#chips .chip').length === 1", Patience, "the search before the author tick");
        await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=category] li[data-value=history] input').click()");
        await browser.WaitForAsync("document.querySelector('#chips .chip span') && document.querySelector('#chips .chip span').textContent === 'category=coast'", Patience, "history unticked");
        await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=category] li[data-value=coast] input').click()");
        await browser.WaitForAsync("document.querySelectorAll('#chips .chip').length === 0 && document.querySelector('#status').textContent.startsWith('1–5 of 12')", Patience, "no filter");

        // A hostile facet value is text, and ticking it (quotes and all) finds its article.
        await browser.EvaluateAsync("document.querySelector('#q').value = ''; document.querySelector('#q').focus()");
        await browser.TypeAsync("mooring");
        await browser.PressEnterAsync();
        await browser.WaitForAsync("document.querySelectorAll('#facets .facet[data-field=tags] li').length === 1", Patience, "the hostile tag");
        Assert.Equal(0, (await browser.EvaluateAsync("document.querySelectorAll('#facets img, #facets script').length"))!.GetValue<int>());
        await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=tags] li input').click()");
        await browser.WaitForAsync("document.querySelectorAll('#chips .chip').length === 1 && document.querySelectorAll('#results .hit').length === 1", Patience, "the hostile tag's article");
        Assert.Equal("hostile", (await Ids(browser)).Single());
        Assert.True((await browser.EvaluateAsync("document.querySelector('#facets .facet[data-field=tags] li input').checked"))!.GetValue<bool>());
        Assert.Equal("undefined", (await browser.EvaluateAsync("typeof window.__xss"))!.GetValue<string>());
    }

    private static async Task<List<string>> FacetCounts(HeadlessChromium browser, string field) =>
        [.. (await browser.EvaluateAsync($"[...document.querySelectorAll('#facets .facet[data-field={field}] li')].map(l => l.querySelector('.value').textContent + ' ' + l.querySelector('.count').textContent)"))!.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task<string> Text(HeadlessChromium browser, string selector) =>
        (await browser.EvaluateAsync($"document.querySelector({System.Text.Json.JsonSerializer.Serialize(selector)}).textContent"))!.GetValue<string>();

    private static async Task<string> Value(HeadlessChromium browser, string selector) =>
        (await browser.EvaluateAsync($"document.querySelector({System.Text.Json.JsonSerializer.Serialize(selector)}).value"))!.GetValue<string>();

    private static async Task<string> Eval(HeadlessChromium browser, string expression) =>
        (await browser.EvaluateAsync(expression))?.GetValue<string>() ?? string.Empty;

    private static async Task<List<string>> Texts(HeadlessChromium browser, string selector) =>
        [.. (await browser.EvaluateAsync($"[...document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(selector)})].map(e => e.textContent)"))!.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task<List<string>> Ids(HeadlessChromium browser) =>
        [.. (await browser.EvaluateAsync("[...document.querySelectorAll('#results .hit')].map(h => h.dataset.id)"))!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The sample on Kestrel at a free port, over its own index seeded with <see cref="SampleData"/>.</summary>
    private sealed class Site : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly WebApplication _app;

        private Site(TempFolder folder, WebApplication app, string address)
        {
            _folder = folder;
            _app = app;
            Address = address;
        }

        public string Address { get; }

        public static async Task<Site> StartAsync()
        {
            var folder = new TempFolder();
            var app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], builder =>
            {
                builder.Configuration["SearchKit:IndexPath"] = Path.Combine(folder.Path, "index");
                builder.Configuration["SearchKit:WatchFolder"] = "";
            });
            app.Services.GetRequiredService<SearchIndex>().Add(SampleData.Articles());
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Site(folder, app, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _folder.Dispose();
        }
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
