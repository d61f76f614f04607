using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Tests.Articles;

public class BeirFormatTests
{
    [Fact]
    public void Read_ShouldMapABeirCorpusLineToAnArticle()
    {
        var path = Path.Combine(Path.GetTempPath(), $"beir-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path,
                "{\"_id\": \"28\", \"title\": \"Indexing\", \"text\": \"First part.\\n\\nSecond part.\", \"metadata\": {\"authors\": \"A. B.\"}}\n" +
                "{\"_id\": \"35\", \"title\": \"\", \"text\": \"One paragraph only.\"}\n");

            // The .json extension would be read as plain text under Auto: the explicit format decides.
            var results = ArticleFiles.Read(new ArticleFiles.Entry(path, "corpus"), format: ArticleFormat.Beir).ToList();

            Assert.All(results, r => Assert.Null(r.Error));
            var first = results[0].Article!;
            Assert.Equal("28", first.Id);
            Assert.Equal("Indexing", first.Title);
            Assert.Equal(["First part.", "Second part."], first.Paragraphs.Select(p => p.Text));
            var second = results[1].Article!;
            Assert.Equal("35", second.Id);
            Assert.Equal(["One paragraph only."], second.Paragraphs.Select(p => p.Text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void IndexFiles_ShouldIndexABeirCorpusByItsIds()
    {
        var dir = Directory.CreateTempSubdirectory("beir-");
        try
        {
            var corpus = Path.Combine(dir.FullName, "corpus.jsonl");
            File.WriteAllText(corpus, "{\"_id\": \"d1\", \"title\": \"Thesaurus construction\", \"text\": \"Building a thesaurus for retrieval.\"}\n");
            using var index = SearchIndex.CreateInMemory();

            index.IndexFiles([corpus], new IndexingOptions { Format = ArticleFormat.Beir });

            Assert.Equal("d1", Assert.Single(index.Search("thesaurus").Hits).Id);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
