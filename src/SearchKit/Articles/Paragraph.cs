namespace SearchKit.Articles;

/// <summary>One body paragraph of an article.</summary>
/// <param name="Index">Position among the body paragraphs, from 0.</param>
/// <param name="Text">The paragraph text.</param>
/// <param name="Heading">The section heading the paragraph falls under, or <see langword="null"/>.</param>
public sealed record Paragraph(int Index, string Text, string? Heading = null);
