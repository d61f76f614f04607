using System.Text.Json.Nodes;
using SearchKit.Elasticsearch.Tests.Fakes;
using SearchKit.Searching;

namespace SearchKit.Elasticsearch.Tests.Searching;

/// <summary>Responses written after Elasticsearch's documented formats (nested inner_hits with highlight, aggregations, errors) turned into SearchKit results.</summary>
public class SearchResponseTests
{
    // A search response as the search API documents it: hits.total, _source, inner_hits per nested path with
    // _nested, _score, _source and highlight, sort values, and aggregations.
    private const string Response = """
    {
      "took": 7, "timed_out": false,
      "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
      "hits": {
        "total": {"value": 12, "relation": "eq"},
        "max_score": 3.2,
        "hits": [
          {
            "_index": "news", "_id": "a1", "_score": 3.2,
            "_source": {"id": "a1", "title": "Harbour ferries", "lead": "The night boats.", "path": "news/a1.txt",
                        "category": "transport", "tags": ["ferry", "night"], "published": "2024-06-01T08:30:00.000Z", "wordcount": 412},
            "sort": [3.2, "a1"],
            "inner_hits": {
              "paragraphs": {
                "hits": {
                  "total": {"value": 2, "relation": "eq"},
                  "max_score": null,
                  "hits": [
                    {"_index": "news", "_id": "a1", "_nested": {"field": "paragraphs", "offset": 0}, "_score": 1.9,
                     "_source": {"index": 0, "text": "Ferries cross the harbour at night."},
                     "highlight": {"paragraphs.text": ["\uE000Ferries\uE001 cross the \uE000harbour\uE001 at night."]}},
                    {"_index": "news", "_id": "a1", "_nested": {"field": "paragraphs", "offset": 2}, "_score": 0.7,
                     "_source": {"index": 2, "heading": "Fleet", "text": "The harbour is quiet."},
                     "highlight": {"paragraphs.text": ["The \uE000harbour\uE001 is quiet."]}}
                  ]
                }
              }
            }
          },
          {
            "_index": "news", "_id": "b2", "_score": 1.1,
            "_source": {"id": "b2", "title": "Harbour news"},
            "sort": [1.1, "b2"],
            "inner_hits": {"paragraphs": {"hits": {"total": {"value": 1, "relation": "eq"}, "max_score": null, "hits": [
              {"_index": "news", "_id": "b2", "_nested": {"field": "paragraphs", "offset": 5}, "_score": 2.5,
               "_source": {"index": 5, "text": "A ferry left the harbour."},
               "highlight": {"paragraphs.text": ["A \uE000ferry\uE001 left the \uE000harbour\uE001."]}}
            ]}}}
          }
        ]
      },
      "aggregations": {
        "facet_0": {"doc_count": 12, "values": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 3,
          "buckets": [{"key": "transport", "doc_count": 7}, {"key": "sport", "doc_count": 2}]}},
        "facet_1": {"doc_count": 12, "values": {"buckets": [
          {"key_as_string": "2023", "key": 1672531200000, "doc_count": 4}, {"key_as_string": "2024", "key": 1704067200000, "doc_count": 8}]}},
        "facet_2": {"doc_count": 12, "values": {"buckets": [
          {"key": "*-500.0", "to": 500.0, "doc_count": 9}, {"key": "500.0-*", "from": 500.0, "doc_count": 3}]}}
      }
    }
    """;

    private static readonly JsonObject Mappings = Mapped();

    private static JsonObject Mapped()
    {
        var m = SearchKit.Elasticsearch.Mapping.IndexTemplate.Mappings();
        m["properties"]!["wordcount"] = new JsonObject { ["type"] = "double" };
        return m;
    }

    private static SearchResults Search(SearchOptions options, string response = Response)
    {
        var cluster = FakeCluster.WithIndex(mappings: Mappings).On("POST", "/news/_search", 200, response);
        using var index = Backend.Open(cluster);
        return index.Search("harbour ferry", options);
    }

    [Fact]
    public void Hits_ShouldCarryTheirFieldsAndMatchingParagraphsWithSnippetsAndSpans()
    {
        var results = Search(new SearchOptions { Top = 2 });
        Assert.Equal(12, results.Total);
        Assert.Equal(["a1", "b2"], results.Hits.Select(h => h.Id));
        var a1 = results.Hits[0];
        Assert.Equal("Harbour ferries", a1.Title);
        Assert.Equal("The night boats.", a1.Lead);
        Assert.Equal("news/a1.txt", a1.Path);
        Assert.Equal(3.2f, a1.Score);
        Assert.Equal(["ferry", "night"], a1.Fields["tags"].Select(v => v.TextValue));
        Assert.Equal(412d, a1.Fields["wordcount"][0].NumberValue);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.Zero), a1.Fields["published"][0].DateValue);
        Assert.Equal([0, 2], a1.Paragraphs.Select(p => p.Index));
        var first = a1.Paragraphs[0];
        Assert.Equal("Ferries cross the harbour at night.", first.Text);
        Assert.Equal([new TextSpan(0, 7), new TextSpan(18, 7)], first.Highlights);
        Assert.Equal("«Ferries» cross the «harbour» at night.", first.Snippet);
        Assert.Equal("Fleet", a1.Paragraphs[1].Heading);
    }

    [Fact]
    public void Snippets_ShouldBeCutAsTheEmbeddedIndexCutsThem()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler words here", 30)) + " harbour end";
        var marked = text.Replace("harbour", "\uE000harbour\uE001", StringComparison.Ordinal);
        var response = Response.Replace("Ferries cross the harbour at night.", text, StringComparison.Ordinal)
            .Replace("\\uE000Ferries\\uE001 cross the \\uE000harbour\\uE001 at night.", marked.Replace("\uE000", "\\uE000", StringComparison.Ordinal).Replace("\uE001", "\\uE001", StringComparison.Ordinal), StringComparison.Ordinal);
        var p = Search(new SearchOptions { SnippetLength = 60 }, response).Hits[0].Paragraphs[0];
        int at = text.IndexOf("harbour", StringComparison.Ordinal);
        Assert.Equal([new TextSpan(at, 7)], p.Highlights);
        Assert.Equal(Snippets.Build(text, p.Highlights, 60, "«", "»"), p.Snippet);
        Assert.StartsWith("…", p.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void AHighlightThatIsNotTheParagraphText_ShouldGiveNoSpansRatherThanWrongOnes()
    {
        var response = Response.Replace("\\uE000Ferries\\uE001 cross the", "\\uE000Ferry\\uE001 crosses the", StringComparison.Ordinal);
        var p = Search(SearchOptions.Default, response).Hits[0].Paragraphs[0];
        Assert.Empty(p.Highlights);
        Assert.Equal("Ferries cross the harbour at night.", p.Snippet);
    }

    [Fact]
    public void PassageMode_ShouldRankEveryFetchedParagraphByItsOwnScore()
    {
        var results = Search(new SearchOptions { Passages = true, Top = 2 });
        Assert.Equal([("b2", 5), ("a1", 0)], results.Hits.Select(h => (h.Id, h.Paragraphs.Single().Index)));
        Assert.Equal(2.5f, results.Hits[0].Score);
        Assert.Equal(2.5f, results.Hits[0].Paragraphs[0].Score);
        Assert.Equal(3, results.Total);
        Assert.True(results.TotalIsLowerBound);
    }

    [Fact]
    public void Facets_ShouldBeReadInTheOrderAskedForWithTheRestCounted()
    {
        var results = Search(new SearchOptions { Facets = [FacetRequest.Parse("category"), FacetRequest.Parse("published:year"), FacetRequest.Parse("wordcount:..500,500..")] });
        Assert.Equal(["category", "published", "wordcount"], results.Facets.Keys);
        Assert.Equal([("transport", 7L), ("sport", 2L)], results.Facets["category"].Values.Select(v => (v.Value, v.Count)));
        Assert.Equal(3, results.Facets["category"].Other);
        Assert.Equal([("2023", 4L), ("2024", 8L)], results.Facets["published"].Values.Select(v => (v.Value, v.Count)));
        Assert.Equal([("..500", 9L), ("500..", 3L)], results.Facets["wordcount"].Values.Select(v => (v.Value, v.Count)));
    }

    [Fact]
    public void Cursor_ShouldCarryTheLastSortValuesIntoSearchAfterOfTheSameSearchOnly()
    {
        var cluster = FakeCluster.WithIndex(mappings: Mappings).On("POST", "/news/_search", 200, Response);
        using var index = Backend.Open(cluster);
        var options = new SearchOptions { Top = 2 };
        var first = index.Search("harbour ferry", options);
        Assert.NotNull(first.NextCursor);
        index.Search("harbour ferry", options with { After = first.NextCursor, Skip = 1 });
        var second = cluster.To("POST", "/news/_search")[1].Json!;
        Assert.Equal("[1.1,\"b2\"]", second["search_after"]!.ToJsonString());
        Assert.Equal(0, second["from"]!.GetValue<int>());
        Assert.Equal(3, second["size"]!.GetValue<int>());
        var other = Assert.Throws<SearchKitQueryException>(() => index.Search("other words", options with { After = first.NextCursor }));
        Assert.Contains("another search", other.Message, StringComparison.Ordinal);
        Assert.Throws<SearchKitQueryException>(() => index.Search("harbour ferry", options with { After = "not a cursor!" }));
    }

    [Fact]
    public void ALastPage_ShouldHaveNoCursor()
    {
        Assert.Null(Search(new SearchOptions { Top = 5 }).NextCursor);
    }
}
