using CsCheck;
using SearchKit.Articles;

namespace SearchKit.Tests.Searching;

public class ParagraphAttributionPropertyTests
{
    // Plain filler words that survive English analysis unchanged in meaning; the marker is built to be unique.
    private static readonly string[] Filler = ["river", "stone", "market", "window", "garden", "silver", "letter", "bridge", "winter", "lamp", "copper", "meadow"];

    // Beyond ASCII too: accents (precomposed and decomposed), CJK, Cyrillic, characters outside the BMP.
    private static readonly string[] Unicode = ["café", "cafe\u0301", "東京", "Москва", "😀", "𝔘𝔫𝔦", "Straße", "naïve"];

    private static readonly Gen<string> Sentence =
        Gen.Frequency((5, Gen.OneOfConst(Filler)), (2, Gen.OneOfConst(Unicode))).Array[1, 12].Select(words => string.Join(' ', words) + Gen.OneOfConst(".", "!", "?", ",", "").Single());

    // Empty and very long paragraphs among the ordinary ones (a long one: thousands of words).
    private static readonly Gen<string> ParagraphText = Gen.Frequency(
        (8, Sentence),
        (1, Gen.Const(string.Empty)),
        (1, Gen.Select(Sentence, Gen.Int[300, 1_500], (s, n) => string.Join(' ', Enumerable.Repeat(s, n)))));

    private static readonly Gen<(string[] Paragraphs, string?[] Headings, int Target)> ArticleShape =
        from paragraphs in ParagraphText.Array[1, 8]
        from headings in Gen.OneOfConst<string?>(null, "Background", "What comes next").Array[paragraphs.Length]
        from target in Gen.Int[0, paragraphs.Length - 1]
        from position in Gen.Int[0, 12]
        select (Insert(paragraphs, target, position), headings, target);

    // The marker is two words, so that a phrase query must match inside the one paragraph too.
    private static string[] Insert(string[] paragraphs, int target, int position)
    {
        var words = paragraphs[target].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        words.Insert(Math.Min(position, words.Count), "qzxmarker qzxsecond");
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

            foreach (var query in new[] { "qzxmarker", "\"qzxmarker qzxsecond\"" })
            {
                var hit = Assert.Single(index.Search(query).Hits);

                Assert.Equal("generated", hit.Id);
                var paragraph = Assert.Single(hit.Paragraphs);
                Assert.Equal(shape.Target, paragraph.Index);
                Assert.Equal(shape.Paragraphs[shape.Target], paragraph.Text);
                Assert.Equal(shape.Headings[shape.Target], paragraph.Heading);
                Assert.Contains("«qzxmarker»", paragraph.Snippet, StringComparison.Ordinal);
            }

            // A failure prints CsCheck's seed: replay it with Sample(..., seed: "that seed") or -e CsCheck_Seed=that seed.
        }, iter: 300);
    }
}
