using System.Text.Json.Nodes;
using SearchKit.Articles;
using SearchKit.Elasticsearch.Tests.Mapping;

namespace SearchKit.Elasticsearch.Tests.Indexing;

public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sk-es-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Export_ShouldWriteBoundedBulkFilesWithEveryArticleOnceAndTheTemplate()
    {
        using var index = SearchIndex.CreateInMemory();
        var articles = Enumerable.Range(0, 40).Select(i => ArticleSourceTests.Sample("id" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        index.Add(articles);
        var report = ElasticsearchExport.Write(ElasticsearchExport.ReadAll(index), _dir, "news", maxFileBytes: 8 * 1024);
        Assert.Equal(40, report.Articles);

        var bulkFiles = Directory.GetFiles(_dir, "bulk-*.ndjson").Order(StringComparer.Ordinal).ToList();
        Assert.True(bulkFiles.Count > 1, "the bound should split the export");
        Assert.Equal(Enumerable.Range(1, bulkFiles.Count).Select(i => $"bulk-{i:D4}.ndjson"), bulkFiles.Select(Path.GetFileName));
        var ids = new List<string>();
        foreach (var file in bulkFiles)
        {
            Assert.True(new FileInfo(file).Length <= 8 * 1024);
            var lines = File.ReadAllText(file).Split('\n');
            Assert.Equal(string.Empty, lines[^1]);
            Assert.Equal(0, (lines.Length - 1) % 2);
            for (int i = 0; i < lines.Length - 1; i += 2)
            {
                var action = JsonNode.Parse(lines[i])!["index"]!;
                var source = JsonNode.Parse(lines[i + 1])!;
                Assert.Equal("news", action["_index"]!.GetValue<string>());
                Assert.Equal(action["_id"]!.GetValue<string>(), source["id"]!.GetValue<string>());
                Assert.Equal([0, 1, 2], source["paragraphs"]!.AsArray().Select(p => p!["index"]!.GetValue<int>()));
                Assert.Equal("Russia’s fleet waits.", source["paragraphs"]![1]!["text"]!.GetValue<string>());
                ids.Add(action["_id"]!.GetValue<string>());
            }
        }

        Assert.Equal(articles.Select(a => a.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "template.json")))!;
        Assert.Equal("nested", template["template"]!["mappings"]!["properties"]!["paragraphs"]!["type"]!.GetValue<string>());
        Assert.Equal("news", template["index_patterns"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Export_ShouldRefuseAnIndexNameElasticsearchRefuses()
    {
        Assert.Throws<ArgumentException>(() => ElasticsearchExport.Write(Array.Empty<Article>(), _dir, "News Index"));
    }
}
