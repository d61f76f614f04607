using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests;

public sealed class ReadmeExampleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EmbeddingExample_ShouldRunAndFindTheParagraph()
    {
        var console = new StringWriter();
        var previous = System.IO.Directory.GetCurrentDirectory();
        System.IO.Directory.SetCurrentDirectory(_folder.Path);
        try
        {
            Example(console);
        }
        finally
        {
            System.IO.Directory.SetCurrentDirectory(previous);
        }

        var lines = console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("Harbour talks resume (score 0.30)", lines[0]);
        Assert.Equal("  ¶0: The port authority said «negotiations» would continue this week.", lines[1]);
    }

    [Fact]
    public void Readme_ShouldShowTheExampleThisTestRuns()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SearchKit.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "SearchKit.Tests", "ReadmeExampleTests.cs"));
        var begin = source.LastIndexOf("// README-BEGIN", StringComparison.Ordinal);
        var end = source.LastIndexOf("// README-END", StringComparison.Ordinal);
        var lines = source[begin..end].Split('\n').Skip(1).Select(l => l.Length >= 8 ? l[8..] : l.Trim()).ToList();
        var example = string.Join('\n', lines).Trim().Replace("console.WriteLine", "Console.WriteLine", StringComparison.Ordinal);

        Assert.Contains(example, readme.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static void Example(TextWriter console)
    {
        // README-BEGIN
        using var index = SearchIndex.Open("my-index");
        index.Add(
        [
            Article.Create("quay-1", "Harbour talks resume", "Negotiators met on Monday.",
            [
                "The port authority said negotiations would continue this week.",
                "Fishermen asked for a seat at the table.",
            ]),
        ]);

        var results = index.Search("negotiate");
        foreach (var hit in results.Hits)
        {
            console.WriteLine($"{hit.Title} (score {hit.Score:0.00})");
            foreach (var paragraph in hit.Paragraphs)
            {
                console.WriteLine($"  ¶{paragraph.Index}: {paragraph.Snippet}");
            }
        }
        // README-END
    }
}
