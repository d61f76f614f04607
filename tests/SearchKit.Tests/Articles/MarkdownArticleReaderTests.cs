using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Articles;

public sealed class MarkdownArticleReaderTests : IDisposable
{
    private const string Post = """
        ---
        title: "Night ferries of the north"
        category: travel
        tags: [ferries, night]
        published: 2024-05-01
        rating: 4
        ---

        # A heading that is not the title

        The night ferry leaves at ten, and **nobody** sleeps much.

        ## Boarding

        Cars go first, see [the timetable](https://example.org/times) and `gate 4`.

        - Bring a *warm* coat.
        - Cabins sell out.

        > The sea was calm &amp; grey.

        ```
        var skipped = "code";
        ```

        ### Cabins

        ![a cabin](cabin.png) Bunks are narrow.
        <div>raw html</div>
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parse_ShouldMapFrontMatterTitleLeadHeadingsAndStrippedParagraphs()
    {
        var article = MarkdownArticleReader.Parse(Post, "ferries");

        Assert.Equal("Night ferries of the north", article.Title);
        Assert.Equal("travel", article.Metadata.Category);
        Assert.Equal(["ferries", "night"], article.Metadata.Tags);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal(4, article.Metadata.Fields["rating"].Single().NumberValue);
        Assert.Null(article.Lead); // the first block is a heading, so no lead before it
        Assert.Equal(
            [
                ("The night ferry leaves at ten, and nobody sleeps much.", "A heading that is not the title"),
                ("Cars go first, see the timetable and gate 4.", "Boarding"),
                ("Bring a warm coat.", "Boarding"),
                ("Cabins sell out.", "Boarding"),
                ("The sea was calm & grey.", "Boarding"),
                ("Bunks are narrow.", "Cabins"),
            ],
            article.Paragraphs.Select(p => (p.Text, p.Heading)));
        Assert.DoesNotContain(article.Paragraphs, p => p.Text.Contains("skipped", StringComparison.Ordinal) || p.Text.Contains("raw html", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WithoutFrontMatter_ShouldTakeTheFirstHashHeadingAsTitleAndTheFirstParagraphAsLead()
    {
        var article = MarkdownArticleReader.Parse("Intro before the title? No: a paragraph.\n\n# Harbour cranes\n\nCranes lift containers.\n\n## Night shift\n\nLights on the quay.\n", "cranes");

        Assert.Equal("Harbour cranes", article.Title);
        Assert.Equal("Intro before the title? No: a paragraph.", article.Lead);
        Assert.Equal([("Cranes lift containers.", null), ("Lights on the quay.", "Night shift")], article.Paragraphs.Select(p => (p.Text, p.Heading)));
    }

    [Fact]
    public void Parse_NoHeadingAtAll_ShouldUseTheFallbackTitle()
    {
        var article = MarkdownArticleReader.Parse("Just a note.\n", "notes/todo", fallbackTitle: "todo");

        Assert.Equal("todo", article.Title);
        Assert.Equal("Just a note.", Assert.Single(article.Paragraphs).Text);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("```\nonly code\n```\n", "empty")]
    [InlineData("---\ntitle: x\n", "never closed")]
    [InlineData("---\nnot a pair\n---\n# T\n", "not 'key: value'")]
    public void Read_BadMarkdownFile_ShouldFailNamingTheFile(string content, string reason)
    {
        var path = _folder.Write("bad.md", content);

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "bad")));

        Assert.Equal(path, result.Error!.Source);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooManyParagraphs_ShouldFail()
    {
        var path = _folder.Write("long.md", "# T\n\n" + string.Join("\n\n", Enumerable.Range(0, 20).Select(i => $"Paragraph {i}.")));

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "long"), new ReaderLimits { MaxParagraphs = 5 }));

        Assert.Contains("more than 5 paragraphs", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeeplyNestedQuotesAndLinks_ShouldNotCrash()
    {
        var hostile = "# Deep\n\n" + new string('>', 20_000) + " bottom\n\n" + string.Concat(Enumerable.Repeat("[", 20_000)) + "x" + string.Concat(Enumerable.Repeat("](u)", 20_000)) + "\n\n" + new string('*', 50_000) + "\n";
        var path = _folder.Write("deep.md", hostile);

        var result = Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(path, "deep")));

        Assert.True(result.Article is not null || result.Error!.Source == path);
    }

    [Fact]
    public void EnumerateAndFormatOf_ShouldPickMarkdownByExtension()
    {
        _folder.Write("a.md", "# A\n\nx");
        _folder.Write("sub/b.MARKDOWN", "# B\n\ny");

        var entries = ArticleFiles.Enumerate([_folder.Path]).ToList();

        Assert.Equal(["a", "sub/b"], entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.Equal(ArticleFormat.Markdown, ArticleFiles.FormatOf(e.Path)));
        Assert.Equal(ArticleFormat.PlainText, ArticleFiles.FormatOf(_folder["a.md"], ArticleFormat.PlainText));
    }

    [Fact]
    public void IndexFiles_MarkdownFolder_ShouldIndexIncrementallyWithHeadingsInResults()
    {
        _folder.Write("docs/ferries.md", Post);
        using var index = SearchIndex.Open(_folder["index"]);

        var first = index.IndexFiles([_folder["docs"]]);
        var second = index.IndexFiles([_folder["docs"]]);

        Assert.Empty(first.Failures);
        Assert.Equal(1, first.Added);
        Assert.Equal(1, second.Unchanged);
        var hit = Assert.Single(index.Search("timetable").Hits);
        Assert.Equal("ferries", hit.Id);
        Assert.Equal("Night ferries of the north", index.Get("ferries")!.Title);
        Assert.Equal(0, index.Search("skipped").Total);
    }
}
