using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SearchKit.Samples.Web.Tests;

/// <summary>
/// Every bad parameter is a 400 in the API's one error shape, <c>{"error", "position"}</c>: malformed or out-of-range
/// numbers used to give 400 with an empty body, as ASP.NET's binding refused them before the API saw them.
/// </summary>
public sealed class BadParameterTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Theory]
    [InlineData("top=ten", "top must be")]
    [InlineData("top=0", "top must be")]
    [InlineData("top=51", "top must be")]
    [InlineData("top=99999999999", "top must be")]
    [InlineData("top=1.5", "top must be")]
    [InlineData("skip=-1", "skip must be")]
    [InlineData("skip=abc", "skip must be")]
    [InlineData("skip=1001", "skip must be")]
    [InlineData("passages=maybe", "passages must be")]
    [InlineData("passages=2", "passages must be")]
    public async Task Search_WithABadParameter_ShouldAnswer400WithTheErrorBody(string parameter, string expected)
    {
        factory.Seed();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/search?q=lighthouse&{parameter}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("position").ValueKind);
    }

    [Theory]
    [InlineData("top=50&skip=1000&passages=true")]
    [InlineData("top=1&skip=0&passages=false")]
    [InlineData("top=&skip=&passages=")]
    public async Task Search_WithParametersInRange_ShouldAnswer200(string parameters)
    {
        factory.Seed();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/search?q=lighthouse&{parameters}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>A damaged index is a JSON 503 with a message on every endpoint, never an unhandled 500.</summary>
public sealed class DamagedIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/api/search?q=lighthouse")]
    [InlineData("/api/articles/light-03")]
    public async Task AnyRequest_OnADamagedIndex_ShouldAnswer503WithAJsonMessage(string url)
    {
        var path = Path.Combine(_folder.Path, "index");
        using (var index = SearchIndex.Open(path))
        {
            index.Add(SampleData.Articles());
        }

        // The commit point lost: the segment files are there, the index cannot be opened.
        foreach (var commit in Directory.GetFiles(path, "segments*"))
        {
            File.Delete(commit);
        }

        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("SearchKit:IndexPath", path);
            builder.UseSetting("SearchKit:WatchFolder", "");
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error").GetString()!;
        Assert.Contains("the index is damaged", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder.Path, error, StringComparison.Ordinal); // no server path in an answer
    }
}
