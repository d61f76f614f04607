using SearchKit.Evaluation;

namespace SearchKit.Tests.Evaluation;

public class MeasuresTests
{
    // The worked case for every measure below:
    //   ranking:    d1 d2 d3 d4 d5            (rank 1 .. 5)
    //   judgements: d1:0 (judged non-relevant), d2:2, d4:1, d9:3 (d9 is never retrieved)
    //   relevant documents R = 3 (d2, d4, d9); relevant retrieved at ranks 2 and 4.
    private static readonly string[] Ranking = ["d1", "d2", "d3", "d4", "d5"];

    private static readonly Dictionary<string, int> Judgements = new() { ["d1"] = 0, ["d2"] = 2, ["d4"] = 1, ["d9"] = 3 };

    private const double Precision = 1e-9;

    [Fact]
    public void Ndcg_ShouldUseGradedGainsAndTheIdealOrderOfAllJudgedDocuments()
    {
        // DCG@10  = 0/log2(2) + 2/log2(3) + 0/log2(4) + 1/log2(5) + 0/log2(6)
        //         = 1.2618595071 + 0.4306765581 = 1.6925360652
        // IDCG@10 = grades 3, 2, 1 in the best order = 3/log2(2) + 2/log2(3) + 1/log2(4)
        //         = 3 + 1.2618595071 + 0.5 = 4.7618595071
        // nDCG@10 = 1.6925360652 / 4.7618595071 = 0.3554359516
        Assert.Equal(0.3554359516, Measures.Ndcg(Ranking, Judgements, 10), Precision);
    }

    [Fact]
    public void Ndcg_ShouldCutBothTheRankingAndTheIdealAtK()
    {
        // DCG@3 = 2/log2(3) = 1.2618595071; IDCG@3 = 4.7618595071 (three relevant grades fit in 3 ranks)
        // nDCG@3 = 1.2618595071 / 4.7618595071 = 0.2649930149
        Assert.Equal(0.2649930149, Measures.Ndcg(Ranking, Judgements, 3), Precision);
    }

    [Fact]
    public void AveragePrecision_ShouldDivideByAllRelevantDocumentsIncludingUnretrieved()
    {
        // Precision at each relevant hit: rank 2 -> 1/2, rank 4 -> 2/4. Sum 1.0, divided by R = 3 -> 0.3333.
        Assert.Equal(1.0 / 3, Measures.AveragePrecision(Ranking, Judgements), Precision);
    }

    [Fact]
    public void AveragePrecision_ShouldStopAtTheDepth()
    {
        // Depth 3: only the hit at rank 2 counts -> (1/2) / 3 = 0.1667.
        Assert.Equal(1.0 / 6, Measures.AveragePrecision(Ranking, Judgements, 3), Precision);
    }

    [Fact]
    public void ReciprocalRank_ShouldBeOneOverTheFirstRelevantRankWithinK()
    {
        // First relevant document (d2) at rank 2 -> 1/2; with k = 1 only d1 (non-relevant) is seen -> 0.
        Assert.Equal(0.5, Measures.ReciprocalRank(Ranking, Judgements, 10), Precision);
        Assert.Equal(0.0, Measures.ReciprocalRank(Ranking, Judgements, 1), Precision);
    }

    [Fact]
    public void Precision_ShouldDivideByKEvenWhenFewerWereRetrieved()
    {
        // 2 relevant in the top 10 (only 5 retrieved) -> 2/10 = 0.2; in the top 2 -> 1/2.
        Assert.Equal(0.2, Measures.Precision(Ranking, Judgements, 10), Precision);
        Assert.Equal(0.5, Measures.Precision(Ranking, Judgements, 2), Precision);
    }

    [Fact]
    public void Recall_ShouldBeTheShareOfRelevantDocumentsFoundWithinK()
    {
        // Top 100: d2 and d4 of 3 relevant -> 2/3. Top 3: d2 only -> 1/3.
        Assert.Equal(2.0 / 3, Measures.Recall(Ranking, Judgements, 100), Precision);
        Assert.Equal(1.0 / 3, Measures.Recall(Ranking, Judgements, 3), Precision);
    }

    [Fact]
    public void Measures_ShouldCountARepeatedDocumentOnceAtItsFirstRank()
    {
        // Ranking d2 d2 d4 is read as d2 d4: AP = (1/1 + 2/2) / 3 = 2/3; P@2 = 2/2 = 1.
        string[] repeated = ["d2", "d2", "d4"];
        Assert.Equal(2.0 / 3, Measures.AveragePrecision(repeated, Judgements), Precision);
        Assert.Equal(1.0, Measures.Precision(repeated, Judgements, 2), Precision);
    }

    [Fact]
    public void Measures_ShouldBeZeroWhenNothingIsRelevant()
    {
        var none = new Dictionary<string, int> { ["d1"] = 0 };
        var all = Measures.All(Ranking, none);
        Assert.All(all.ToDictionary().Values, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Ndcg_ShouldBeOneForTheIdealRanking()
    {
        // Ranking d9 d2 d4 is the ideal order of grades 3, 2, 1 -> DCG = IDCG -> 1.
        Assert.Equal(1.0, Measures.Ndcg(["d9", "d2", "d4"], Judgements, 10), Precision);
    }

    [Fact]
    public void Mean_ShouldAverageEachMeasure()
    {
        var mean = MetricSet.Mean([new MetricSet { Ndcg10 = 1, Map = 0.5 }, new MetricSet { Ndcg10 = 0, Map = 0.25 }]);
        Assert.Equal(0.5, mean.Ndcg10, Precision);
        Assert.Equal(0.375, mean.Map, Precision);
        Assert.Equal(MetricSet.Names, mean.ToDictionary().Keys);
    }
}
