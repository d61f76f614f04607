using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SearchKit.Samples.Web.Tests;

/// <summary>The search API's facets: counts over every match, multi-select, and refused requests.</summary>
public sealed class FacetApiTests : IClassFixture<SampleFactory>
{
    private readonly HttpClient _client;

    public FacetApiTests(SampleFactory factory)
    {
        factory.Seed();
        _client = factory.CreateClient();
    }

    [Fact]
    public async Task Search_WithFacets_ShouldCountEveryMatchNotJustThePage()
    {
        var body = await GetJson("/api/search?q=lighthouse&top=2&facet=category&facet=author&facet=tags:2&facet=published:year");

        Assert.Equal(2, body.GetProperty("hits").GetArrayLength());
        var facets = body.GetProperty("facets");
        Assert.Equal(["category", "author", "tags", "published"], facets.EnumerateObject().Select(p => p.Name));
        Assert.Equal([("coast", 7L), ("history", 5L)], Counts(facets, "category"));
        Assert.Equal([("Ada Lind", 6L), ("Tom Reyes", 6L)], Counts(facets, "author"));

        // The top two tags and the count of the rest (beacons: 4).
        Assert.Equal([("lamps", 12L), ("stairs", 6L)], Counts(facets, "tags"));
        Assert.Equal(4, facets.GetProperty("tags").GetProperty("other").GetInt64());
        Assert.Equal([("2024", 12L)], Counts(facets, "published"));
    }

    [Fact]
    public async Task AFacet_ShouldIgnoreTheFiltersOnItsOwnFieldOnly()
    {
        var body = await GetJson("/api/search?q=lighthouse&filter=category%3Dhistory&facet=category&facet=author");

        Assert.Equal(5, body.GetProperty("total").GetInt64());
        var facets = body.GetProperty("facets");

        // Multi-select: category still shows what ticking coast too would add; author counts only history (7..11).
        Assert.Equal([("coast", 7L), ("history", 5L)], Counts(facets, "category"));
        Assert.Equal([("Tom Reyes", 3L), ("Ada Lind", 2L)], Counts(facets, "author"));
    }

    [Fact]
    public async Task Browse_WithFacets_ShouldCountTheArticlesThatPassTheFilters()
    {
        var body = await GetJson("/api/search?filter=published%3E%3D2024&facet=category:5");

        // Every lighthouse, not the hostile note of 2023.
        Assert.Equal(12, body.GetProperty("total").GetInt64());
        Assert.Equal([("coast", 7L), ("history", 5L)], Counts(body.GetProperty("facets"), "category"));
    }

    [Fact]
    public async Task Search_WithoutFacets_ShouldReturnAnEmptyFacetsObject()
    {
        var body = await GetJson("/api/search?q=lighthouse");

        Assert.Empty(body.GetProperty("facets").EnumerateObject());
    }

    [Theory]
    [InlineData("facet=category:0", "malformed facet 'category:0'")]
    [InlineData("facet=:5", "malformed facet")]
    [InlineData("facet=colour", "\"colour\"")]
    [InlineData("facet=a&facet=b&facet=c&facet=d&facet=e&facet=f&facet=g&facet=h&facet=i&facet=j&facet=k", "at most 10 facets")]
    public async Task ABadFacet_ShouldAnswer400WithAOneLineMessage(string parameters, string expected)
    {
        using var response = await _client.GetAsync($"/api/search?q=lighthouse&{parameters}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    private static List<(string, long)> Counts(JsonElement facets, string field) =>
        [.. facets.GetProperty(field).GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("value").GetString()!, v.GetProperty("count").GetInt64()))];

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
