using SearchKit.Evaluation;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Evaluation;

public class EvaluationFilesTests
{
    [Fact]
    public void QueryFile_ShouldReadTsv()
    {
        var queries = QueryFile.Read(new StringReader("q1\tcold fusion\n\nq2\twhat is: (science\n"), "queries.tsv");
        Assert.Equal([new EvaluationQuery("q1", "cold fusion"), new EvaluationQuery("q2", "what is: (science")], queries);
    }

    [Fact]
    public void QueryFile_ShouldReadBeirJsonLines()
    {
        var text = "{\"_id\": \"1\", \"text\": \"What is information science?\", \"metadata\": {}}\n{\"_id\": 2, \"text\": \"indexing\"}\n";
        var queries = QueryFile.Read(new StringReader(text), "queries.jsonl");
        Assert.Equal([new EvaluationQuery("1", "What is information science?"), new EvaluationQuery("2", "indexing")], queries);
    }

    [Theory]
    [InlineData("q1\tok\nno tab here\n", "queries.tsv:2: expected 'id<TAB>text' (no tab on this line)")]
    [InlineData("q1\tone\nq1\ttwo\n", "queries.tsv:2: query id 'q1' repeats (first on line 1)")]
    [InlineData("{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"2\"}\n", "queries.tsv:2: the query has no \"text\" string")]
    [InlineData("{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"2\", \n", "queries.tsv:2: malformed JSON")]
    public void QueryFile_ShouldNameFileAndLineOfABadLine(string text, string expected)
    {
        var e = Assert.Throws<EvaluationDataException>(() => QueryFile.Read(new StringReader(text), "queries.tsv"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Read_ShouldReadQueriesAndQrelsFromFilesWithAByteOrderMark()
    {
        var dir = Directory.CreateTempSubdirectory("eval-");
        try
        {
            var queries = Path.Combine(dir.FullName, "queries.tsv");
            var qrels = Path.Combine(dir.FullName, "qrels.txt");
            File.WriteAllText(queries, "\uFEFFq1\tcold fusion\r\nq2\tindexing\r\n");
            File.WriteAllText(qrels, "\uFEFFq1 0 d1 1\r\n");

            Assert.Equal(["q1", "q2"], QueryFile.Read(queries).Select(q => q.Id));
            Assert.Equal("cold fusion", QueryFile.Read(queries)[0].Text);
            Assert.Equal(1, Qrels.Read(qrels).For("q1")["d1"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [PosixFact] // a Unix path in the message
    public void QueryFile_ShouldNameAMissingFile()
    {
        var e = Assert.Throws<EvaluationDataException>(() => QueryFile.Read("/nonexistent/queries.tsv"));
        Assert.Equal("/nonexistent/queries.tsv: no such file", e.Message);
    }

    [Fact]
    public void Qrels_ShouldReadTrecFormatWithGrades()
    {
        var qrels = Qrels.Read(new StringReader("1 0 d1 2\n1 0 d2 0\n2\t0\td3\t1\n"), "qrels.txt");
        Assert.Equal(["1", "2"], qrels.QueryIds);
        Assert.Equal(2, qrels.For("1")["d1"]);
        Assert.Equal(0, qrels.For("1")["d2"]);
        Assert.Equal(1, qrels.For("2")["d3"]);
        Assert.Empty(qrels.For("3"));
    }

    [Fact]
    public void Qrels_ShouldReadBeirTsvAndSkipTheHeader()
    {
        var qrels = Qrels.Read(new StringReader("query-id\tcorpus-id\tscore\n1\t28\t1\n1\t35\t2\n"), "test.tsv");
        Assert.Equal(1, qrels.Count);
        Assert.Equal(2, qrels.For("1").Count);
        Assert.Equal(2, qrels.For("1")["35"]);
    }

    [Theory]
    [InlineData("1 0 d1 1\n1 0 d2 yes\n", "qrels.txt:2: the relevance 'yes' is not a whole number")]
    [InlineData("1 0 d1 1\n1 d2 1\n", "qrels.txt:2: expected 4 columns ('qid 0 docid relevance'), found 3")]
    [InlineData("1 d1\n", "qrels.txt:1: expected 'qid 0 docid relevance' (TREC) or 'query-id<TAB>corpus-id<TAB>score' (BEIR), found 2 columns")]
    public void Qrels_ShouldNameFileAndLineOfABadLine(string text, string expected)
    {
        var e = Assert.Throws<EvaluationDataException>(() => Qrels.Read(new StringReader(text), "qrels.txt"));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void TrecRunWriter_ShouldWriteOneLinePerDocumentWithRanksFromOne()
    {
        var writer = new StringWriter();
        TrecRunWriter.Write(writer, [new QueryRun("7", [new RankedDocument("a", 12.5f), new RankedDocument("b", 3.25f)])], "bm25");
        Assert.Equal("7 Q0 a 1 12.5 bm25\n7 Q0 b 2 3.25 bm25\n", writer.ToString());
    }

    [Fact]
    public void TrecRunWriter_ShouldRefuseIdsWithWhiteSpace()
    {
        var e = Assert.Throws<SearchKitException>(() => TrecRunWriter.Write(new StringWriter(), "1", [new RankedDocument("two words", 1)]));
        Assert.Contains("'two words'", e.Message, StringComparison.Ordinal);
    }
}
