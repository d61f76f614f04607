using SearchKit.Articles;

namespace SearchKit.Tests.Fakes;

/// <summary>Small generated articles with metadata: a category, tags, a date, a word count and sometimes an author.</summary>
internal static class MetadataCorpus
{
    public static readonly string[] Categories = ["politics", "sport", "culture"];
    public static readonly string[] Tags = ["oil", "gas", "tax", "war"];
    public static readonly string[] Authors = ["ann", "bob"];

    /// <summary>Article i: deterministic metadata from i; every article holds the word "report", every third "harbour".</summary>
    public static Article Make(int i)
    {
        var tags = Tags.Where((_, t) => ((i >> t) & 1) == 1).ToList();
        var fields = new Dictionary<string, IReadOnlyList<FieldValue>>
        {
            ["wordcount"] = [FieldValue.Number(100 + (i * 37 % 500))],
        };
        if (i % 4 != 0)
        {
            fields["author"] = [FieldValue.Text(Authors[i % 2])];
        }

        var words = i % 3 == 0 ? "harbour report" : "report";
        return Article.Create($"m{i:D3}", $"Metadata article {i}", null, [$"This {words} number {i} has some words."]) with
        {
            Metadata = new ArticleMetadata
            {
                Category = Categories[i % 3],
                Tags = tags,
                Published = i % 7 == 6 ? null : new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i * 11),
                Fields = fields,
            },
        };
    }

    public static List<Article> All(int count) => [.. Enumerable.Range(0, count).Select(Make)];

    public static SearchIndex Index(int count, int? commitEvery = null)
    {
        var index = SearchIndex.CreateInMemory();
        if (commitEvery is int every)
        {
            // Several segments, so per-segment caching and search-after cross segment boundaries.
            foreach (var chunk in All(count).Chunk(every))
            {
                foreach (var a in chunk)
                {
                    index.Upsert(a);
                }

                index.Commit();
            }
        }
        else
        {
            index.Add(All(count), new SearchKit.Indexing.IndexingOptions { Threads = 1 });
        }

        return index;
    }
}
