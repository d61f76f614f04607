using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using SearchKit.Analysis;

namespace SearchKit.Tests.Analysis;

public class AnalyzerTests
{
    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    [Theory]
    [InlineData("Negotiations resumed", new[] { "negoti", "resum" })]
    [InlineData("They negotiate", new[] { "negoti" })]
    [InlineData("Russia's fleet", new[] { "russia", "fleet" })]
    [InlineData("Russia’s fleet", new[] { "russia", "fleet" })]
    [InlineData("The talks and the treaty", new[] { "talk", "treati" })]
    [InlineData("“Quoted” words", new[] { "quot", "word" })]
    public void English_ShouldStemDropStopWordsAndFoldPossessives(string text, string[] expected)
    {
        using var analyzer = new EnglishArticleAnalyzer();
        Assert.Equal(expected, Terms(analyzer, text));
    }

    [Fact]
    public void Catalog_ShouldKnowEnglishStandardAndLanguages()
    {
        Assert.Contains("english", AnalyzerCatalog.Names);
        Assert.Contains("standard", AnalyzerCatalog.Names);
        Assert.Contains("french", AnalyzerCatalog.Names);
        using var french = AnalyzerCatalog.Create("French");
        Assert.Equal(["chanson"], Terms(french, "les chansons"));
    }

    [Fact]
    public void Catalog_UnknownName_ShouldListTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => AnalyzerCatalog.Create("klingon"));
        Assert.Contains("unknown analyzer 'klingon'", e.Message, StringComparison.Ordinal);
        Assert.Contains("english", e.Message, StringComparison.Ordinal);
    }
}
