using SearchKit.Articles;
using SearchKit.Searching;

namespace SearchKit.Tests.Searching;

public class RankingTests
{
    private static readonly Article[] Fruit =
    [
        Article.Create("both", "Alpha", null, ["Alpha appears in the title and in this body."]),
        Article.Create("body", "Unrelated heading words", null, ["Alpha appears in the body only, once."]),
        Article.Create("filler", "Station", null, ["Trains leave the station every hour."]),
    ];

    private static Dictionary<string, float> Scores(RankingOptions ranking, string query, QuerySyntax syntax = QuerySyntax.Natural)
    {
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { Ranking = ranking });
        index.Add(Fruit);
        return index.Search(query, new SearchOptions { Syntax = syntax, Paragraphs = false }).Hits.ToDictionary(h => h.Id, h => h.Score);
    }

    [Fact]
    public void BestField_WithFullTieBreaker_ShouldEqualTheSumOfFields()
    {
        // max(s) + 1 * (sum(s) - max(s)) = sum(s): DisjunctionMax with tie 1 is the plain sum.
        var sum = Scores(RankingOptions.Default with { FieldCombination = FieldCombination.Sum }, "alpha");
        var best = Scores(RankingOptions.Default with { FieldCombination = FieldCombination.BestField, TieBreaker = 1 }, "alpha");

        Assert.Equal(sum.Keys.Order(), best.Keys.Order());
        Assert.All(sum, p => Assert.Equal(p.Value, best[p.Key], 4));
    }

    [Fact]
    public void BestField_WithoutTieBreaker_ShouldCountAWordInTwoFieldsOnce()
    {
        var sum = Scores(RankingOptions.Default with { FieldCombination = FieldCombination.Sum }, "alpha");
        var best = Scores(RankingOptions.Default with { FieldCombination = FieldCombination.BestField, TieBreaker = 0 }, "alpha");

        // "both" matches in title and body: the sum adds both field scores, best field keeps the larger only.
        Assert.True(best["both"] < sum["both"]);

        // "body" matches in one field: nothing to combine, the same score either way.
        Assert.Equal(sum["body"], best["body"], 4);
    }

    [Fact]
    public void Feedback_ShouldFindArticlesThatShareWordsWithTheTopHitsButNotHighlightThoseWords()
    {
        Article[] articles =
        [
            Article.Create("a", "Apple cider", null, ["Apple cider is pressed in the orchard each autumn."]),
            Article.Create("b", "Apple harvest", null, ["The orchard apple harvest ends before the cider press starts."]),
            Article.Create("c", "Cider press", null, ["An old cider press stands in the orchard."]),
            Article.Create("d", "Station", null, ["Trains leave the station every hour."]),
            Article.Create("e", "Timetable", null, ["The timetable changes in winter."]),
        ];
        var ranking = RankingOptions.Default with { Feedback = FeedbackOptions.Default with { Documents = 2, Terms = 5 } };
        using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { Ranking = ranking });
        index.Add(articles);

        var plain = index.Search("apple");
        var natural = index.Search("apple", new SearchOptions { Syntax = QuerySyntax.Natural });

        // Lucene syntax is taken as written: no feedback, so only the articles with "apple".
        Assert.Equal(["a", "b"], plain.Hits.Select(h => h.Id).Order());

        // Plain words get feedback: "c" shares "cider", "orchard" and "press" with the top two.
        Assert.Equal(["a", "b", "c"], natural.Hits.Select(h => h.Id).Order());
        Assert.Empty(natural.Hits.Single(h => h.Id == "c").Paragraphs);
        Assert.All(natural.Hits.Single(h => h.Id == "a").Paragraphs.SelectMany(p => p.Highlights), s => Assert.Equal(5, s.Length));
    }

    [Theory]
    [InlineData(2f, 10, 10, 0.5f)]
    [InlineData(0.1f, 0, 10, 0.5f)]
    [InlineData(0.1f, 10, 0, 0.5f)]
    [InlineData(0.1f, 10, 10, 1.5f)]
    public void Options_ShouldRejectOutOfRangeRankingSettings(float tie, int documents, int terms, float originalWeight)
    {
        var ranking = RankingOptions.Default with
        {
            TieBreaker = tie,
            Feedback = new FeedbackOptions { Documents = documents, Terms = terms, OriginalQueryWeight = originalWeight },
        };
        Assert.Throws<ArgumentOutOfRangeException>(() => SearchIndex.CreateInMemory(new SearchIndexOptions { Ranking = ranking }));
    }

    [Fact]
    public void WeightedSum_ShouldBeTheFirstRankingOfSearchKit()
    {
        var baseline = RankingOptions.WeightedSum;
        Assert.Equal(FieldCombination.Sum, baseline.FieldCombination);
        Assert.Equal((3f, 2f, 1.5f, 1f), (baseline.TitleWeight, baseline.LeadWeight, baseline.HeadingWeight, baseline.BodyWeight));
        Assert.Null(RankingOptions.Default.Feedback);
        Assert.NotNull(RankingOptions.DefaultWithFeedback.Feedback);
    }
}
