using SearchKit.Articles;
using SearchKit.Evaluation;

namespace SearchKit.Tests.Evaluation;

public class EvaluatorTests
{
    private static SearchIndex Index()
    {
        var index = SearchIndex.CreateInMemory();
        index.Add(
        [
            Article.Create("apple", "Apple orchards", null, ["Apple trees grow in the orchard."]),
            Article.Create("pear", "Pear harvest", null, ["The pear harvest was ripe and early."]),
            Article.Create("plum", "Plum jam", null, ["Plums make a dark jam."]),
        ]);
        return index;
    }

    [Fact]
    public void Evaluate_ShouldScoreOnlyJudgedQueriesAndReadQueriesAsPlainWords()
    {
        using var index = Index();
        EvaluationQuery[] queries = [new("q1", "apple orchard"), new("q2", "pear: (ripe"), new("q3", "plum")];
        var qrels = new Qrels([("q1", "apple", 1), ("q2", "pear", 1), ("q2", "plum", 1), ("q4", "apple", 1)]);

        var report = Evaluator.Evaluate(index, queries, qrels);

        // q1 finds apple at rank 1: nDCG 1. q2 finds only pear (rank 1) of pear and plum:
        // DCG = 1, IDCG = 1 + 1/log2(3) = 1.6309297536, nDCG = 0.6131471928; AP = (1/1)/2 = 0.5; recall 1/2.
        // Means over the two judged queries: nDCG (1 + 0.6131471928)/2 = 0.8065735964, MAP (1 + 0.5)/2 = 0.75.
        Assert.Equal(2, report.Queries);
        Assert.Equal(1, report.UnjudgedQueries);
        Assert.Equal(["q4"], report.MissingQueries);
        Assert.Equal(0.8065735964, report.Metrics.Ndcg10, 1e-9);
        Assert.Equal(0.75, report.Metrics.Map, 1e-9);
        Assert.Equal(1.0, report.Metrics.Mrr10, 1e-9);
        Assert.Equal(0.75, report.Metrics.Recall100, 1e-9);
        Assert.Equal(["q1", "q2"], report.PerQuery.Select(q => q.QueryId));
        Assert.Equal("apple", report.Runs[0].Ranking[0].Id);
    }

    [Fact]
    public void Score_ShouldCountAFailedJudgedQueryAsZero()
    {
        var qrels = new Qrels([("q1", "a", 1), ("q2", "b", 1)]);
        var report = Evaluator.Score([new QueryRun("q1", [new RankedDocument("a", 1)]), new QueryRun("q2", [], "the query is empty")], qrels);

        // q1: every measure 1 except P@10 = 1/10; q2: all 0. nDCG mean (1 + 0)/2 = 0.5, P@10 mean 0.05.
        Assert.Equal(0.5, report.Metrics.Ndcg10, 1e-9);
        Assert.Equal(0.05, report.Metrics.P10, 1e-9);
        Assert.Equal("the query is empty", report.PerQuery[1].Error);
    }
}
