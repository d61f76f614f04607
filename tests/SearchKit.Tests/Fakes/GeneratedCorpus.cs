using System.Globalization;
using System.Text;

namespace SearchKit.Tests.Fakes;

/// <summary>Deterministic small articles as plain-text files, for incremental and crash tests.</summary>
internal static class GeneratedCorpus
{
    private static readonly string[] Words =
    [
        "harbour", "storm", "council", "budget", "orchard", "frost", "river", "bridge", "school", "market",
        "railway", "election", "hospital", "museum", "festival", "library", "factory", "village", "forest", "coast",
    ];

    /// <summary>The text of article <paramref name="n"/>, version <paramref name="version"/>: a title and two paragraphs.</summary>
    public static string Text(int n, int version = 0)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Report {n} revision {version} on the {Word(n)}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"The {Word(n + 1)} and the {Word(n + 2)} were discussed at length in item{n}.\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Residents said the {Word(n * 7)} mattered more than the {Word(n * 3 + version)}.\n");
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="count"/> files <c>a/00000.txt</c>… under <paramref name="folder"/>, spread over subfolders.</summary>
    public static void WriteFiles(string folder, int count, int version = 0)
    {
        for (int n = 0; n < count; n++)
        {
            var path = FilePath(folder, n);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Text(n, version));
        }
    }

    /// <summary>Writes the same <paramref name="count"/> articles as one JSON Lines file, each line with its <see cref="Id"/>.</summary>
    public static void WriteJsonLines(string path, int count, int version = 0)
    {
        using var writer = new StreamWriter(path);
        for (int n = 0; n < count; n++)
        {
            var lines = Text(n, version).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            writer.Write(System.Text.Json.JsonSerializer.Serialize(new { id = Id(n), title = lines[0], paragraphs = lines[1..] }));
            writer.Write('\n');
        }
    }

    /// <summary>Where article <paramref name="n"/> lives under <paramref name="folder"/>.</summary>
    public static string FilePath(string folder, int n) =>
        Path.Combine(folder, ((char)('a' + (n % 8))).ToString(), n.ToString("D5", CultureInfo.InvariantCulture) + ".txt");

    /// <summary>
    /// The id the host gives article <paramref name="n"/> when the corpus folder itself is indexed: its path
    /// relative to that folder, without extension, with '/' separators.
    /// </summary>
    public static string Id(int n) =>
        ((char)('a' + (n % 8))).ToString() + "/" + n.ToString("D5", CultureInfo.InvariantCulture);

    private static string Word(int i) => Words[Math.Abs(i) % Words.Length];
}
