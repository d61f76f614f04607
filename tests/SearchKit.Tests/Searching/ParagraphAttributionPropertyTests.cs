using CsCheck;
using SearchKit.Articles;

namespace SearchKit.Tests.Searching;

public class ParagraphAttributionPropertyTests
{
    // Plain filler words that survive English analysis unchanged in meaning; the marker is built to be unique.
    private static readonly string[] Filler = ["river", "stone", "market", "window", "garden", "silver", "letter", "bridge", "winter", "lamp", "copper", "meadow"];

    private static readonly Gen<string> Sentence =
        Gen.OneOfConst(Filler).Array[1, 12].Select(words => string.Join(' ', words) + Gen.OneOfConst(".", "!", "?", ",", "").Single());

    private static readonly Gen<(string[] Paragraphs, string?[] Headings, int Target)> ArticleShape =
        from paragraphs in Sentence.Array[1, 8]
        from headings in Gen.OneOfConst<string?>(null, "Background", "What comes next").Array[paragraphs.Length]
        from target in Gen.Int[0, paragraphs.Length - 1]
        from position in Gen.Int[0, 12]
        select (Insert(paragraphs, target, position), headings, target);

    private static string[] Insert(string[] paragraphs, int target, int position)
    {
        var words = paragraphs[target].Split(' ').ToList();
        words.Insert(Math.Min(position, words.Count), "qzxmarker");
        var copy = (string[])paragraphs.Clone();
        copy[target] = string.Join(' ', words);
        return copy;
    }

    [Fact]
    public void AnyIndexedArticle_ShouldBeFoundByAWordUniqueToOneParagraph_WithExactlyThatParagraph()
    {
        ArticleShape.Sample(shape =>
        {
            using var index = SearchIndex.CreateInMemory();
            var paragraphs = shape.Paragraphs.Select((text, i) => new Paragraph(i, text, shape.Headings[i])).ToList();
            index.Add([new Article("generated", "Generated article", "A lead line.", paragraphs), new Article("other", "Other", null, [new Paragraph(0, "river stone market")])]);

            var hit = Assert.Single(index.Search("qzxmarker").Hits);

            Assert.Equal("generated", hit.Id);
            var paragraph = Assert.Single(hit.Paragraphs);
            Assert.Equal(shape.Target, paragraph.Index);
            Assert.Equal(shape.Paragraphs[shape.Target], paragraph.Text);
            Assert.Equal(shape.Headings[shape.Target], paragraph.Heading);
            Assert.Contains("«qzxmarker»", paragraph.Snippet, StringComparison.Ordinal);
        }, iter: 300);
    }
}
