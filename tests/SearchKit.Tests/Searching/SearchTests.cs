using SearchKit.Articles;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Searching;

public sealed class SearchTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();

    public SearchTests()
    {
        _index.Add(
        [
            TestArticles.Harbour,
            TestArticles.Orchard,
            new Article("split", "Weather notes", null,
            [
                new Paragraph(0, "The morning began with heavy rain"),
                new Paragraph(1, "clouds lifted by noon and the market opened."),
                new Paragraph(2, "Heavy rain returned in the evening, flooding the lower road."),
            ]),
        ]);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Search_ShouldListMatchingParagraphsInOrderWithHeadingsAndHighlights()
    {
        var hit = _index.Search("harbour OR storm").Hits.Single(h => h.Id == "harbour");

        var paragraph = Assert.Single(hit.Paragraphs);
        Assert.Equal(2, paragraph.Index);
        Assert.Equal("Dialogue and containment", paragraph.Heading);
        Assert.Equal(TestArticles.Harbour.Paragraphs[2].Text, paragraph.Text);
        Assert.Equal("A spokesman called the «storm» damage modest and said the «harbour» wall held.", paragraph.Snippet);
        Assert.Equal(["storm", "harbour"], paragraph.Highlights.Select(s => paragraph.Text.Substring(s.Start, s.Length)));
        Assert.Equal("Harbour talks resume after storm", hit.Title);
        Assert.Equal("Negotiators returned to the table on Monday.", hit.Lead);
    }

    [Fact]
    public void Search_TitleOnlyMatch_ShouldHaveNoParagraphs()
    {
        var hit = Assert.Single(_index.Search("title:resume").Hits);
        Assert.Empty(hit.Paragraphs);
    }

    [Fact]
    public void Phrase_AcrossTwoParagraphs_ShouldFindNothing()
    {
        Assert.Equal(0, _index.Search("\"rain clouds\"").Total);
        Assert.Equal(0, _index.Search("\"rain clouds\"~10").Total);
        Assert.Equal(0, _index.Search("\"rain clouds\"~100000").Total);
    }

    [Fact]
    public void Phrase_WithinAParagraph_ShouldReportOnlyThatParagraph()
    {
        var hit = Assert.Single(_index.Search("\"rain returned\"").Hits);

        var paragraph = Assert.Single(hit.Paragraphs);
        Assert.Equal(2, paragraph.Index);
        Assert.Contains("«rain» «returned»", paragraph.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Proximity_ShouldMatchWithinTheSlop()
    {
        Assert.Equal(1, _index.Search("\"heavy flooding\"~6").Total);
        Assert.Equal(0, _index.Search("\"heavy flooding\"~1").Total);
    }

    [Fact]
    public void Stemming_AndApostrophes_ShouldMatchAcrossForms()
    {
        Assert.Equal("harbour", Assert.Single(_index.Search("negotiate").Hits).Id);
        var hit = Assert.Single(_index.Search("Russia's").Hits);
        Assert.Equal(1, Assert.Single(hit.Paragraphs).Index);
    }

    [Theory]
    [InlineData("harb*", new[] { "harbour", "orchard" })]
    [InlineData("harbor~", new[] { "harbour", "orchard" })]
    [InlineData("jarbour~", new string[0])] // one edit from "harbour", but a fuzzy term keeps its first letter
    [InlineData("heading:dialogue", new[] { "harbour" })]
    [InlineData("headings:dialogue", new[] { "harbour" })]
    [InlineData("lead:negotiators", new[] { "harbour" })]
    [InlineData("body:frost", new string[0])]
    [InlineData("paragraph:blossom", new[] { "orchard" })]
    [InlineData("title:frost", new[] { "orchard" })]
    [InlineData("id:split", new[] { "split" })]
    [InlineData("id:\"split\"", new[] { "split" })]
    [InlineData("+harbour -storm", new[] { "orchard" })]
    [InlineData("harbour AND NOT storm", new[] { "orchard" })]
    [InlineData("(rain OR blossom) AND (road OR valley)", new[] { "orchard", "split" })]
    public void Search_Syntax_ShouldFindTheExpectedArticles(string query, string[] ids) =>
        Assert.Equal(ids.Order(), _index.Search(query).Hits.Select(h => h.Id).Order());

    [Fact]
    public void Search_ShouldRankTitleAboveBody()
    {
        // "frost" is in the orchard title; "harbour" appears in the title of one and the body of the other.
        var hits = _index.Search("harbour").Hits;
        Assert.Equal(["harbour", "orchard"], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void Search_Paging_ShouldSkipAndTake()
    {
        var all = _index.Search("the", new SearchOptions { Top = 10 });
        var page = _index.Search("rain OR harbour OR blossom", new SearchOptions { Skip = 1, Top = 1 });
        var full = _index.Search("rain OR harbour OR blossom");

        Assert.Equal(0, all.Total); // a stop word alone finds nothing, without error
        Assert.Equal(3, page.Total);
        Assert.Equal(full.Hits[1].Id, Assert.Single(page.Hits).Id);
    }

    [Fact]
    public void Passages_ShouldRankSingleParagraphsAcrossArticles()
    {
        var results = _index.Search("rain OR harbour OR storm", new SearchOptions { Passages = true, Top = 10 });

        Assert.All(results.Hits, h => Assert.Single(h.Paragraphs));
        Assert.Equal(results.Hits.Count, results.Hits.Select(h => (h.Id, h.Paragraphs[0].Index)).Distinct().Count());
        Assert.Equal(results.Hits.OrderByDescending(h => h.Score).Select(h => h.Score), results.Hits.Select(h => h.Score));
        Assert.Contains(results.Hits, h => h.Id == "split" && h.Paragraphs[0].Index == 2);
        var best = results.Hits[0];
        Assert.Equal(("harbour", 2), (best.Id, best.Paragraphs[0].Index)); // storm + harbour together
    }

    [Fact]
    public void LightSearch_ShouldReadIdsAndTitlesWithoutParagraphs()
    {
        var hit = Assert.Single(_index.Search("blossom", new SearchOptions { Paragraphs = false }).Hits);
        Assert.Equal(("orchard", "Orchard growers count the cost of late frost"), (hit.Id, hit.Title));
        Assert.Empty(hit.Paragraphs);
    }

    [Fact]
    public void Explain_ShouldDescribeTheScore()
    {
        var hit = Assert.Single(_index.Search("blossom", new SearchOptions { Explain = true }).Hits);
        Assert.Contains("weight(", hit.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"unclosed phrase", "unbalanced quote", 1)]
    [InlineData("(harbour OR storm", "unbalanced parenthesis", 1)]
    [InlineData("harbour)", "unbalanced parenthesis", 8)]
    [InlineData("*", "wildcard", null)]
    [InlineData("colour:red", "unknown field 'colour'", 1)]
    [InlineData("harbour AND", "syntax error", null)]
    [InlineData("", "empty", null)]
    public void Search_MalformedQuery_ShouldThrowTheLibrarysErrorWithPosition(string query, string message, int? position)
    {
        var e = Assert.Throws<SearchKitQueryException>(() => _index.Search(query));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(query, e.Query);
        if (position is not null)
        {
            Assert.Equal(position, e.Position);
        }
    }

    [Theory]
    [InlineData("quay*")]
    [InlineData("/quays.*/")]
    [InlineData("[quaysa TO quaysz]")]
    public void Search_ConstantScoreTerms_ShouldStillHighlightTheWordsTheyMatch(string query)
    {
        // Prefix, regular-expression and range terms are searched as constant-score filters, which list no words;
        // the paragraph and the word must still be found for the hit.
        using var index = SearchIndex.CreateInMemory();
        index.Add([Article.Create("q", "Docks", null, ["nothing to see here", "the quayside was busy"]), Article.Create("r", "Other", null, ["a road inland"])]);

        var hit = Assert.Single(index.Search(query).Hits);

        var paragraph = Assert.Single(hit.Paragraphs);
        Assert.Equal(1, paragraph.Index);
        var span = Assert.Single(paragraph.Highlights);
        Assert.Equal("quayside", paragraph.Text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Search_WildcardMatchingMoreWordsThanTheClauseLimit_ShouldFindAndAttributeIt()
    {
        // A prefix matches with a constant score, so it is not limited by the clauses a query may have; only the
        // highlighting of the hit's paragraph is, to the first words of the expansion.
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { QueryLimits = new QueryLimits { MaxClauses = 50 } });
        index.Add([Article.Create("many", "many", null, ["nothing here", string.Join(' ', Enumerable.Range(0, 200).Select(i => $"zeta{i}"))])]);

        var hit = Assert.Single(index.Search("zeta*").Hits);

        var paragraph = Assert.Single(hit.Paragraphs);
        Assert.Equal(1, paragraph.Index);
        Assert.InRange(paragraph.Highlights.Count, 1, 50);
    }

    [Theory]
    [InlineData("what is: the (harbour", new[] { "harbour", "orchard" })]
    [InlineData("\"blossom -- AND OR NOT", new[] { "orchard" })]
    [InlineData("title: * ?", new string[0])]
    public void NaturalSyntax_ShouldTreatEverythingAsWords(string query, string[] ids)
    {
        var results = _index.Search(query, new SearchOptions { Syntax = QuerySyntax.Natural });
        Assert.Equal(ids.Order(), results.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Search_ShouldSeeNewCommitsAndRunWhileIndexing()
    {
        using var index = SearchIndex.CreateInMemory();
        var articles = Enumerable.Range(0, 2000).Select(i => TestArticles.Make($"a{i}", $"shared token{i} text", "second paragraph here"));
        var errors = new List<Exception>();
        long lastSeen = 0;
        bool monotonic = true;
        using var done = new CancellationTokenSource();
        var searcher = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    long total = index.Search("shared", new SearchOptions { Top = 3 }).Total;
                    monotonic &= total >= lastSeen;
                    lastSeen = total;
                }
                catch (Exception e) when (e is SearchKitException or InvalidOperationException)
                {
                    lock (errors)
                    {
                        errors.Add(e);
                    }
                }
            }
        });

        var report = index.Add(articles, new SearchKit.Indexing.IndexingOptions { CommitEveryArticles = 300 });
        done.Cancel();
        await searcher;

        Assert.Empty(errors);
        Assert.True(monotonic);
        Assert.Equal(2000, report.Added);
        Assert.Equal(2000, index.Search("shared").Total);
    }
}
