using System.Reflection;

namespace SearchKit.Samples.Web;

/// <summary>Serves the static search page (HTML, script, style) embedded in this assembly.</summary>
internal static class SearchPage
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["/"] = "index.html",
        ["/app.js"] = "app.js",
        ["/app.css"] = "app.css",
    };

    public static void MapSearchPage(this WebApplication app)
    {
        foreach (var (route, file) in Files)
        {
            var bytes = Read(file);
            var type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => "text/css; charset=utf-8",
            };
            app.MapGet(route, () => Results.Bytes(bytes, type));
        }
    }

    private static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("page/" + file)
            ?? throw new InvalidOperationException($"the page file {file} is not embedded in the sample");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
