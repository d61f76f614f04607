using SearchKit.Articles;

namespace SearchKit.Tests.Articles;

public class PlainTextArticleReaderTests
{
    [Fact]
    public void Parse_OneParagraphPerLine_ShouldReadTitleLeadAndParagraphs()
    {
        const string text = "Council backs cycle lanes\nThe plan passed by nine votes to four.\nWork starts in spring on the first route.\nShops on the high street asked for loading bays.\n";

        var article = PlainTextArticleReader.Parse(text, "a1");

        Assert.Equal("Council backs cycle lanes", article.Title);
        Assert.Equal("The plan passed by nine votes to four.", article.Lead);
        Assert.Equal(["Work starts in spring on the first route.", "Shops on the high street asked for loading bays."], article.Paragraphs.Select(p => p.Text));
        Assert.Equal([0, 1], article.Paragraphs.Select(p => p.Index));
    }

    [Fact]
    public void Parse_BlankLineSeparated_ShouldJoinWrappedLinesAndFindHeadings()
    {
        const string text = """
            Ceasefire holds in the north

            Both sides reported a quiet night.

            Observers arrived at the border crossing on
            Tuesday and began their first patrols.

            Dialogue and containment

            Diplomats said the talks would move to a
            neutral city next month.

            A second round is planned.
            """;

        var article = PlainTextArticleReader.Parse(text, "a2");

        Assert.Equal("Ceasefire holds in the north", article.Title);
        Assert.Equal("Both sides reported a quiet night.", article.Lead);
        Assert.Equal(3, article.Paragraphs.Count);
        Assert.Equal("Observers arrived at the border crossing on Tuesday and began their first patrols.", article.Paragraphs[0].Text);
        Assert.Null(article.Paragraphs[0].Heading);
        Assert.Equal("Dialogue and containment", article.Paragraphs[1].Heading);
        Assert.Equal("Dialogue and containment", article.Paragraphs[2].Heading);
        Assert.Equal(["Dialogue and containment"], article.Headings);
    }

    [Fact]
    public void Parse_ShouldHandleBomCrLfTabsAndStraySpaces()
    {
        const string text = "\uFEFF  Fishermen’s “quota” row \r\n\r\nThe  minister\tsaid little.\r\n\r\nA  second\t\tparagraph  here.\r\n\r\nAnd a third one.\r\n";

        var article = PlainTextArticleReader.Parse(text, "a3");

        Assert.Equal("Fishermen’s “quota” row", article.Title);
        Assert.Equal("The minister said little.", article.Lead);
        Assert.Equal(["A second paragraph here.", "And a third one."], article.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Parse_MultiLineFirstBlock_ShouldNotBeALead()
    {
        const string text = "Title\n\nThis first block wraps\nover two lines.\n\nSecond block.\n";

        var article = PlainTextArticleReader.Parse(text, "a4");

        Assert.Null(article.Lead);
        Assert.Equal("This first block wraps over two lines.", article.Paragraphs[0].Text);
    }

    [Fact]
    public void Parse_TrailingShortLine_ShouldStayAParagraph()
    {
        // A heading needs a paragraph after it; a short last line is text.
        var article = PlainTextArticleReader.Parse("Title\nLead line.\nBody text.\nThe end", "a5");

        Assert.Equal("The end", article.Paragraphs[^1].Text);
        Assert.All(article.Paragraphs, p => Assert.Null(p.Heading));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    public void Parse_Empty_ShouldFailNamingTheSource(string text)
    {
        var e = Assert.Throws<ArticleReadException>(() => PlainTextArticleReader.Parse(text, "x", source: "/data/empty.txt"));
        Assert.Equal("/data/empty.txt", e.Source);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyParagraphs_ShouldFail()
    {
        var text = "Title\n" + string.Join('\n', Enumerable.Range(0, 20).Select(i => $"Paragraph number {i}."));

        var e = Assert.Throws<ArticleReadException>(() => PlainTextArticleReader.Parse(text, "x", maxParagraphs: 10));
        Assert.Contains("more than 10 paragraphs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dialogue and containment", true)]
    [InlineData("What happens next", true)]
    [InlineData("He said no.", false)]
    [InlineData("Is this a heading?", false)]
    [InlineData("“Quoted words”", false)]
    public void IsHeading_ShouldRecogniseShortUnpunctuatedLines(string line, bool expected) =>
        Assert.Equal(expected, PlainTextArticleReader.IsHeading(line));
}
