using System.Text;
using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Fuzz;

/// <summary>
/// Each target feeds fuzzer bytes to one entry point and lets through only the exceptions the library
/// documents (<see cref="SearchKitException"/> and its subclasses): anything else escapes and is a crash to the fuzzer.
/// </summary>
internal static class Targets
{
    // Built on first use, never in a static initialiser: SharpFuzz's instrumented library code may run only
    // inside Fuzzer.Run, after the shared coverage memory exists (before it, it crashes the process).
    private static readonly Lazy<ReaderLimits> Limits = new(() => new() { MaxArticleBytes = 64 * 1024, MaxParagraphs = 200 });

    /// <summary>One small index for the query target, built once per process (the fuzzer reuses the process).</summary>
    public static Lazy<SearchIndex> SharedIndex { get; } = new(BuildIndex);

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["plaintext"] = PlainText,
        ["jsonl"] = JsonLines,
        ["query"] = Query,
    };

    private static void PlainText(byte[] input)
    {
        try
        {
            var text = ArticleFiles.DecodeUtf8(input, "fuzz.txt");
            PlainTextArticleReader.Parse(text, "fuzz", maxParagraphs: Limits.Value.MaxParagraphs);
        }
        catch (SearchKitException)
        {
        }
    }

    private static void JsonLines(byte[] input)
    {
        using var stream = new MemoryStream(input);
        foreach (var result in JsonLinesArticleReader.Read(stream, "fuzz.jsonl", Limits.Value))
        {
            if ((result.Article is null) == (result.Error is null))
            {
                throw new InvalidOperationException("a result must hold an article or an error");
            }
        }
    }

    private static void Query(byte[] input)
    {
        // The first byte picks the syntax and mode, the rest is the query text (invalid UTF-8 becomes U+FFFD, as from a terminal).
        if (input.Length == 0)
        {
            return;
        }

        var options = new SearchOptions { Syntax = (input[0] & 1) == 0 ? QuerySyntax.Lucene : QuerySyntax.Natural, Passages = (input[0] & 2) != 0 };
        try
        {
            SharedIndex.Value.Search(Encoding.UTF8.GetString(input, 1, input.Length - 1), options);
        }
        catch (SearchKitException)
        {
        }
    }

    private static SearchIndex BuildIndex()
    {
        var index = SearchIndex.CreateInMemory();
        index.Add([
            Article.Create("harbour", "Harbour talks resume after storm", "Negotiators returned.", ["The port authority said talks would continue.", "Fishermen asked for a seat at the table."]),
            Article.Create("orchard", "Orchard growers count the cost of frost", null, ["Apple blossom was lost across the valley.", "Insurance would cover part of the losses."]),
        ]);
        return index;
    }
}
