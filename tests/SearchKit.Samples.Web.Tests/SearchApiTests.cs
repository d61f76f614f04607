using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SearchKit.Samples.Web.Tests;

/// <summary>The sample hosted in memory, with its own index seeded with <see cref="SampleData"/>.</summary>
public sealed class SampleFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SearchKit:IndexPath", System.IO.Path.Combine(_folder.Path, "index"));
        builder.UseSetting("SearchKit:WatchFolder", "");
    }

    public SearchIndex Seed()
    {
        var index = Services.GetRequiredService<SearchIndex>();
        if (index.GetStats().Articles == 0)
        {
            index.Add(SampleData.Articles());
        }

        return index;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}

public sealed class SearchApiTests : IClassFixture<SampleFactory>
{
    private readonly HttpClient _client;

    public SearchApiTests(SampleFactory factory)
    {
        factory.Seed();
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task Search_ShouldReturnHitsWithParagraphsAndHighlightSpans()
    {
        var body = await GetJson("/api/search?q=lighthouse&top=3");

        Assert.Equal("lighthouse", body.GetProperty("query").GetString());
        Assert.Equal(SampleData.LighthouseArticles, body.GetProperty("total").GetInt64());
        Assert.True(body.GetProperty("tookMs").GetInt64() >= 0);
        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(3, hits.Count);
        foreach (var hit in hits)
        {
            Assert.StartsWith("light-", hit.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.True(hit.GetProperty("score").GetSingle() > 0);
            var paragraph = Assert.Single(hit.GetProperty("paragraphs").EnumerateArray());
            Assert.Equal(1, paragraph.GetProperty("index").GetInt32());
            var text = paragraph.GetProperty("text").GetString()!;
            Assert.Contains("«lighthouse»", paragraph.GetProperty("snippet").GetString(), StringComparison.Ordinal);
            var spans = paragraph.GetProperty("highlights").EnumerateArray().ToList();
            Assert.Equal(2, spans.Count);
            Assert.All(spans, s => Assert.Equal("lighthouse", text.Substring(s.GetProperty("start").GetInt32(), s.GetProperty("length").GetInt32())));
        }
    }

    [Fact]
    public async Task Search_ShouldPageWithoutOverlapOrGaps()
    {
        var seen = new List<string>();
        for (int skip = 0; skip < SampleData.LighthouseArticles; skip += 5)
        {
            var body = await GetJson($"/api/search?q=lighthouse&top=5&skip={skip}");
            Assert.Equal(skip, body.GetProperty("skip").GetInt32());
            seen.AddRange(body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!));
        }

        Assert.Equal(SampleData.LighthouseArticles, seen.Count);
        Assert.Equal(SampleData.LighthouseArticles, seen.Distinct().Count());
    }

    [Fact]
    public async Task Search_InPassageMode_ShouldReturnOneParagraphPerHit()
    {
        var body = await GetJson("/api/search?q=lighthouse%20beacon&top=10&passages=true");

        var hits = body.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.Single(h.GetProperty("paragraphs").EnumerateArray()));
    }

    [Theory]
    [InlineData("title:(unclosed", "never closed")]
    [InlineData("\"an open phrase", "is never closed")]
    [InlineData("", "empty")]
    public async Task Search_WithAMalformedQuery_ShouldAnswer400WithTheMessage(string query, string expected)
    {
        var response = await _client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.NotEmpty(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithAHugeQuery_ShouldBeRefusedCleanly()
    {
        var huge = string.Join(' ', Enumerable.Repeat("lighthouse", 20_000));

        var response = await _client.GetAsync($"/api/search?q={Uri.EscapeDataString(huge)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains("the limit is 500", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deep nesting", HttpStatusCode.BadRequest)]
    [InlineData("huge page", HttpStatusCode.BadRequest)]
    [InlineData("many small clauses", HttpStatusCode.OK)]
    public async Task Search_WithAHostileQuery_ShouldBeRefusedWith400OrAnsweredNeverFail(string kind, HttpStatusCode expected)
    {
        var url = kind switch
        {
            "deep nesting" => "/api/search?q=" + Uri.EscapeDataString(new string('(', 100) + "lighthouse" + new string(')', 100)),
            "huge page" => "/api/search?q=lighthouse&top=100000&skip=99999999",

            // 60 clauses fit the 500-character limit and stay under the library's clause limit: answered.
            _ => "/api/search?q=" + Uri.EscapeDataString(string.Join(" OR ", Enumerable.Range(0, 60).Select(i => $"t{i}"))),
        };

        var response = await _client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        }
    }

    [Fact]
    public async Task Search_WithAWildcardExplosion_ShouldNotFailTheServer()
    {
        // Prefix wildcards that expand to many of the sample's terms reach the engine and are answered.
        var expanding = await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString("l* OR b* OR s* OR t* OR w* OR c*"));
        Assert.Equal(HttpStatusCode.OK, expanding.StatusCode);
        Assert.True((await expanding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64() > 0);

        // A leading wildcard (which would scan every term) is refused by the parser, before any search, with a 400.
        var leading = await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString("*a* OR *e* OR *i* OR *o*"));
        Assert.Equal(HttpStatusCode.BadRequest, leading.StatusCode);
        Assert.Contains("a wildcard cannot start a term", (await leading.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_ShouldReturnTheWholeArticleOr404()
    {
        var article = await GetJson("/api/articles/light-03");
        Assert.Equal("Lighthouse number 3", article.GetProperty("title").GetString());
        Assert.Equal(3, article.GetProperty("paragraphs").GetArrayLength());

        var missing = await _client.GetAsync("/api/articles/no-such-article");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-article", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShouldBeServedWithAStrictContentSecurityPolicy()
    {
        var response = await _client.GetAsync("/");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var script = await _client.GetStringAsync("/app.js");
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
