using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchKit.Samples.Web.Tests;

/// <summary>The search page's API beyond words: fields, filters, sort, cursors, did-you-mean, completions, related.</summary>
public sealed class SearchApiFeatureTests : IClassFixture<SampleFactory>
{
    private readonly HttpClient _client;

    public SearchApiFeatureTests(SampleFactory factory)
    {
        factory.Seed();
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task Search_ShouldReturnEveryMetadataFieldOnEachHit()
    {
        var body = await GetJson("/api/search?q=lighthouse&top=50");

        var hits = Hits(body);
        Assert.Equal(SampleData.LighthouseArticles, hits.Count);
        foreach (var hit in hits)
        {
            int i = int.Parse(hit.GetProperty("id").GetString()!["light-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var fields = hit.GetProperty("fields");
            Assert.Equal(SampleData.Category(i), fields.GetProperty("category").GetString());
            Assert.Equal(SampleData.Author(i), fields.GetProperty("author").GetString());
            Assert.Equal(SampleData.Published(i), DateTimeOffset.Parse(fields.GetProperty("published").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

            // One value a scalar, several an array: as the host's --json.
            var tags = fields.GetProperty("tags");
            var expected = SampleData.Tags(i);
            Assert.Equal(expected, tags.ValueKind == JsonValueKind.Array ? tags.EnumerateArray().Select(t => t.GetString()!).ToList() : [tags.GetString()!]);
        }
    }

    [Theory]
    [InlineData("category=history", 5)]
    [InlineData("category!=history", 7)]
    [InlineData("tags=stairs,beacons", 8)] // even i or i divisible by 3: 0 2 3 4 6 8 9 10
    [InlineData("tags=stairs&beacons", 2)] // 0 and 6
    [InlineData("published>=2024-06", 6)] // day 180 (29 June) onwards: i = 6..11
    [InlineData("published<2024-02-01", 2)] // days 0 and 30
    [InlineData("author=\"Tom Reyes\"", 6)]
    public async Task Search_WithAFilter_ShouldCountOnlyTheArticlesThatPassIt(string filter, int expected)
    {
        var body = await GetJson($"/api/search?q=lighthouse&top=50&filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(expected, body.GetProperty("total").GetInt64());
        Assert.Equal(expected, Hits(body).Count);
        Assert.Single(body.GetProperty("filters").EnumerateArray());
    }

    [Fact]
    public async Task Search_WithRepeatedFilters_ShouldApplyAllAndEchoThemForChips()
    {
        var body = await GetJson("/api/search?q=lighthouse&top=50&filter=category%3Dhistory&filter=author%3DTom%20Reyes,Nobody");

        // History is 7..11; Tom Reyes has the odd ones: 7, 9, 11.
        Assert.Equal(["light-07", "light-09", "light-11"], Ids(body).Order(StringComparer.Ordinal));
        var filters = body.GetProperty("filters").EnumerateArray().ToList();
        Assert.Equal(2, filters.Count);
        Assert.Equal("category", filters[0].GetProperty("field").GetString());
        Assert.Equal(["history"], filters[0].GetProperty("anyOf").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["Tom Reyes", "Nobody"], filters[1].GetProperty("anyOf").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("author=Tom Reyes,Nobody", filters[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Search_WithFiltersAndNoWords_ShouldBrowseEveryArticleThatPasses()
    {
        var body = await GetJson("/api/search?filter=category%3Dhistory&sort=newest&top=50");

        Assert.Equal(["light-11", "light-10", "light-09", "light-08", "light-07"], Ids(body));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("suggestion").ValueKind);
    }

    [Theory]
    [InlineData("newest", "-published")]
    [InlineData("oldest", "published")]
    public async Task Search_WithASort_ShouldOrderByPublished(string sort, string echoed)
    {
        var body = await GetJson($"/api/search?q=lighthouse&top=50&sort={sort}");

        var expected = Enumerable.Range(0, SampleData.LighthouseArticles).Select(i => $"light-{i:00}").ToList();
        if (sort == "newest")
        {
            expected.Reverse();
        }

        Assert.Equal(expected, Ids(body));
        Assert.Equal(echoed, body.GetProperty("sort").GetString());
    }

    [Theory]
    [InlineData("relevance")]
    [InlineData("newest")]
    public async Task Search_PagedByCursor_ShouldGiveExactlyTheOneBigPage(string sort)
    {
        var all = Ids(await GetJson($"/api/search?q=lighthouse%20beacon&top=50&sort={sort}"));

        var walked = new List<string>();
        string? cursor = null;
        for (int page = 0; page < 10; page++)
        {
            var url = $"/api/search?q=lighthouse%20beacon&top=5&sort={sort}" + (cursor is null ? string.Empty : $"&after={Uri.EscapeDataString(cursor)}");
            var body = await GetJson(url);
            walked.AddRange(Ids(body));
            cursor = body.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Null(cursor);
        Assert.Equal(SampleData.LighthouseArticles, all.Count);
        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task Search_ForAMisspelling_ShouldSuggestTheWordTheIndexHas()
    {
        var body = await GetJson("/api/search?q=lighthuose");

        Assert.Equal(0, body.GetProperty("total").GetInt64());
        var suggestion = body.GetProperty("suggestion");
        Assert.Equal("lighthouse", suggestion.GetProperty("query").GetString());
        Assert.Equal(SampleData.LighthouseArticles, suggestion.GetProperty("total").GetInt64());

        // A query that finds plenty gets no suggestion.
        Assert.Equal(JsonValueKind.Null, (await GetJson("/api/search?q=lighthouse")).GetProperty("suggestion").ValueKind);
    }

    [Fact]
    public async Task Search_ForAMisspellingWithAFilter_ShouldCountTheSuggestionWithinTheFilter()
    {
        var body = await GetJson("/api/search?q=lighthuose&filter=category%3Dhistory");

        Assert.Equal(5, body.GetProperty("suggestion").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Complete_ShouldReturnWordsAndTitlesThatStartWithThePrefix()
    {
        var body = await GetJson("/api/complete?q=Lightho&count=5");

        Assert.Equal("Lightho", body.GetProperty("query").GetString());
        var completions = body.GetProperty("completions").EnumerateArray().ToList();
        Assert.InRange(completions.Count, 1, 5);
        var word = completions.First(c => c.GetProperty("kind").GetString() == "word");
        Assert.Equal("lighthouse", word.GetProperty("text").GetString());
        Assert.Equal(SampleData.LighthouseArticles, word.GetProperty("articles").GetInt64());
        Assert.All(completions, c =>
        {
            Assert.Contains(c.GetProperty("kind").GetString(), new[] { "word", "title" });
            Assert.StartsWith("lightho", c.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains(completions, c => c.GetProperty("kind").GetString() == "title" && c.GetProperty("text").GetString()!.StartsWith("Lighthouse number ", StringComparison.Ordinal));

        Assert.Empty((await GetJson("/api/complete?q=")).GetProperty("completions").EnumerateArray());
        Assert.Empty((await GetJson("/api/complete?q=zzzqqq")).GetProperty("completions").EnumerateArray());
    }

    [Fact]
    public async Task Related_ShouldNeverReturnTheArticleItselfAndHonourFilters()
    {
        var body = await GetJson("/api/related/light-03?top=20");

        // light-03 shares its weather only with light-07 and light-11: they come first.
        var ids = Ids(body);
        Assert.DoesNotContain("light-03", ids);
        Assert.Equal(["light-07", "light-11"], ids.Take(2).Order(StringComparer.Ordinal));
        Assert.All(Hits(body), h => Assert.True(h.TryGetProperty("fields", out _)));

        var filtered = await GetJson("/api/related/light-03?top=20&filter=category%3Dhistory");
        var filteredHits = Hits(filtered);
        Assert.NotEmpty(filteredHits);
        Assert.All(filteredHits, h => Assert.Equal("history", h.GetProperty("fields").GetProperty("category").GetString()));

        var missing = await _client.GetAsync("/api/related/no-such-article");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-article", await Error(missing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_ShouldReturnItsFields()
    {
        var article = await GetJson("/api/articles/light-07");

        var fields = article.GetProperty("fields");
        Assert.Equal("history", fields.GetProperty("category").GetString());
        Assert.Equal("Tom Reyes", fields.GetProperty("author").GetString());
        Assert.Equal("history", article.GetProperty("category").GetString()); // the older keys stay
    }

    [Fact]
    public async Task Fields_ShouldListTheIndexFieldsAndTheirKinds()
    {
        var response = await _client.GetFromJsonAsync<JsonElement>("/api/fields");

        var kinds = response.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("kind").GetString());
        Assert.Equal("keyword", kinds["category"]);
        Assert.Equal("keyword", kinds["author"]);
        Assert.Equal("date", kinds["published"]);
    }

    [Theory]
    [InlineData("/api/search?q=lighthouse&filter=category", "malformed filter 'category'")]
    [InlineData("/api/search?q=lighthouse&filter=category%3D%22sport", "is never closed")]
    [InlineData("/api/search?q=lighthouse&filter=colour%3Dred", "unknown field \"colour\"; the index has: ")]
    [InlineData("/api/search?q=lighthouse&filter=category%3E%3Da", "\"category\" is a keyword field")]
    [InlineData("/api/search?q=lighthouse&filter=published%3E%3Dsoon", "\"soon\" is not a date")]
    [InlineData("/api/search?q=lighthouse&sort=-", "malformed sort")]
    [InlineData("/api/search?q=lighthouse&sort=colour", "unknown sort field \"colour\"")]
    [InlineData("/api/search?q=lighthouse&after=not-a-cursor", "malformed cursor")]
    [InlineData("/api/search?q=lighthouse&passages=true&sort=newest", "passage mode")]
    [InlineData("/api/related/light-03?filter=colour%3Dred", "unknown field \"colour\"")]
    [InlineData("/api/related/light-03?filter=%3D", "malformed filter")]
    [InlineData("/api/complete?q=light&count=0", "count must be")]
    public async Task BadFilterSortOrCursor_ShouldAnswer400WithAOneLineMessage(string url, string expected)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Error(response);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task ACursorFromAnotherSearch_ShouldBeRefused()
    {
        var cursor = (await GetJson("/api/search?q=lighthouse&top=2")).GetProperty("nextCursor").GetString()!;

        using var response = await _client.GetAsync($"/api/search?q=lighthouse&top=2&sort=newest&after={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the cursor belongs to another search", await Error(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyOrTooLongParameters_ShouldBeRefusedBeforeTheSearch()
    {
        var many = string.Concat(Enumerable.Range(0, 21).Select(i => $"&filter=tags%3Dt{i}"));
        using var tooMany = await _client.GetAsync("/api/search?q=lighthouse" + many);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains($"at most 20 filters", await Error(tooMany), StringComparison.Ordinal);

        using var tooLong = await _client.GetAsync("/api/search?q=lighthouse&after=" + new string('a', 600));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("the limit is 500", await Error(tooLong), StringComparison.Ordinal);

        using var longPrefix = await _client.GetAsync("/api/complete?q=" + new string('a', 300));
        Assert.Equal(HttpStatusCode.BadRequest, longPrefix.StatusCode);
    }

    private static List<JsonElement> Hits(JsonElement body) => [.. body.GetProperty("hits").EnumerateArray()];

    private static List<string> Ids(JsonElement body) => [.. Hits(body).Select(h => h.GetProperty("id").GetString()!)];

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
