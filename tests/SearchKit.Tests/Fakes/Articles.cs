using SearchKit.Articles;

namespace SearchKit.Tests.Fakes;

/// <summary>Small hand-written articles for tests.</summary>
internal static class TestArticles
{
    public static Article Harbour => new(
        "harbour",
        "Harbour talks resume after storm",
        "Negotiators returned to the table on Monday.",
        [
            new Paragraph(0, "The port authority said negotiations over the new quay would continue through the week."),
            new Paragraph(1, "Fishermen’s groups asked for a seat at the table, citing Russia’s fleet expansion.", "Dialogue and containment"),
            new Paragraph(2, "A spokesman called the storm damage modest and said the harbour wall held.", "Dialogue and containment"),
        ]);

    public static Article Orchard => new(
        "orchard",
        "Orchard growers count the cost of late frost",
        null,
        [
            new Paragraph(0, "Apple blossom was lost across the valley after two nights below freezing."),
            new Paragraph(1, "Growers said insurance would cover only part of the harbour of losses."),
        ]);

    public static Article Make(string id, params string[] paragraphs) =>
        Article.Create(id, $"Article {id}", null, paragraphs);
}
