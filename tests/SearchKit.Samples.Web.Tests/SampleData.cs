using SearchKit.Articles;

namespace SearchKit.Samples.Web.Tests;

/// <summary>
/// The articles every web test searches: twelve about lighthouses, and one whose text (and a tag) is hostile HTML.
/// Lighthouse i has category <c>coast</c> (i &lt; 7) or <c>history</c>; tags <c>lamps</c>, <c>stairs</c> (even i)
/// and <c>beacons</c> (i divisible by 3); published on day 30·i of 2024 (light-11 is the newest); author
/// Ada Lind (even i) or Tom Reyes (odd i); its weather is <see cref="Weather"/>.
/// </summary>
internal static class SampleData
{
    public const int LighthouseArticles = 12;

    public static string Category(int i) => i < 7 ? "coast" : "history";

    public static string Author(int i) => i % 2 == 0 ? "Ada Lind" : "Tom Reyes";

    public static IReadOnlyList<string> Tags(int i) =>
        [.. new[] { "lamps", i % 2 == 0 ? "stairs" : null, i % 3 == 0 ? "beacons" : null }.OfType<string>()];

    /// <summary>Each weather word is in three articles: what related articles (i, i ± 4, i ± 8) have in common.</summary>
    public static string Weather(int i) => (i % 4) switch { 0 => "foggy", 1 => "stormy", 2 => "sunny", _ => "rainy" };

    public static DateTimeOffset Published(int i) => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(30 * i);

    public static IEnumerable<Article> Articles()
    {
        for (int i = 0; i < LighthouseArticles; i++)
        {
            yield return Article.Create($"light-{i:00}", $"Lighthouse number {i}", $"A lead about coast {i}.",
            [
                $"The coast guard inspected beacon {i} on Monday.",
                $"The lighthouse lamp {i} was cleaned and the lighthouse stairs repainted.",
                $"The weather that week was {Weather(i)}.",
            ]) with
            {
                Metadata = new ArticleMetadata
                {
                    Category = Category(i),
                    Tags = Tags(i),
                    Published = Published(i),
                    Fields = new Dictionary<string, IReadOnlyList<FieldValue>> { ["author"] = [FieldValue.Text(Author(i))] },
                },
            };
        }

        yield return Article.Create("hostile", "A <b>bold</b> title", null,
        [
            "Attackers wrote <img src=x onerror=\"window.__xss=1\"> and <script>window.__xss=2</script> in a mooring note.",
        ]) with
        {
            Metadata = new ArticleMetadata
            {
                Category = "notes",
                Tags = ["<img src=x onerror=\"window.__xss=3\">"],
                Published = new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero),
            },
        };
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "searchkit-web-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning if something still holds a file.
        }
    }
}
