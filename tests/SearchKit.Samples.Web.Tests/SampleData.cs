using SearchKit.Articles;

namespace SearchKit.Samples.Web.Tests;

/// <summary>The articles every web test searches: twelve about lighthouses, and one whose text is hostile HTML.</summary>
internal static class SampleData
{
    public const int LighthouseArticles = 12;

    public static IEnumerable<Article> Articles()
    {
        for (int i = 0; i < LighthouseArticles; i++)
        {
            yield return Article.Create($"light-{i:00}", $"Lighthouse number {i}", $"A lead about coast {i}.",
            [
                $"The coast guard inspected beacon {i} on Monday.",
                $"The lighthouse lamp {i} was cleaned and the lighthouse stairs repainted.",
                "Nothing else happened that week.",
            ]);
        }

        yield return Article.Create("hostile", "A <b>bold</b> title", null,
        [
            "Attackers wrote <img src=x onerror=\"window.__xss=1\"> and <script>window.__xss=2</script> in a mooring note.",
        ]);
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
