using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Searching;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// Issue 11, "Files" and "Folders": one bad line, article, file or folder never stops, hangs or silently
/// empties a run, and the index holds one article per readable regular file under a unique, stable id.
/// </summary>
public sealed class FilesAndFoldersTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new("files");

    public void Dispose() => _folder.Dispose();

    private static string Text(string title, string body) => $"{title}\n\n{body}\n";

    /// <summary>Runs IndexFiles, failing (rather than hanging the suite) if it does not end.</summary>
    private static IndexingReport IndexGuarded(SearchIndex index, IEnumerable<string> paths, IndexingOptions? options = null, CancellationToken cancellation = default)
    {
        var run = Task.Run(() => index.IndexFiles(paths, options, null, cancellation));
        Assert.True(run.Wait(HangGuard), "IndexFiles did not end: it hung on a file-system object");
        return run.Result;
    }

    private static List<string> AllIds(SearchIndex index) =>
        [.. index.Search("*:*", new SearchOptions { Top = 1000 }).Hits.Select(h => h.Id).Order(StringComparer.Ordinal)];

    // ---- Files: one bad line never stops a run ----

    [Fact]
    public void JsonLines_LoneSurrogateEscape_ShouldFailThatLineOnly()
    {
        _folder.Write("feed.jsonl", """
            {"id":"g1","title":"first good","text":"harbour"}
            {"id":"s1","title":"lone \ud800"}
            {"id":"s2","title":"reversed pair \udc00\ud800"}
            {"id":"g2","title":"second good","text":"harbour"}
            """);
        using var index = SearchIndex.CreateInMemory();

        var report = index.IndexFiles([_folder.Path]);

        Assert.Equal(2, report.Added);
        Assert.Equal(["g1", "g2"], AllIds(index));
        Assert.Equal([2, 3], report.Failures.Select(f => f.Line!.Value));
        Assert.All(report.Failures, f => Assert.Contains("surrogate", f.Reason, StringComparison.Ordinal));

        // Every re-run is the same: the bad lines never take the good ones with them.
        var again = index.IndexFiles([_folder.Path], new IndexingOptions { Force = true });
        Assert.Equal(2, again.Indexed);
        Assert.Equal(["g1", "g2"], AllIds(index));
    }

    [Fact]
    public void ArticleFilesRead_ShouldNeverThrowForContent_WhateverTheLine()
    {
        var lines = new[] { "{\"id\":\"a\",\"title\":\"\\udfff\"}", "{\"id\":\"b\",\"tags\":[\"\\ud800x\"],\"title\":\"t\"}", "{\"id\":\"c\",\"paragraphs\":[{\"text\":\"\\ud83d\"}]}", "{\"id\":\"ok\",\"title\":\"fine\"}" };
        var path = _folder.Write("x.jsonl", string.Join('\n', lines));

        var results = ArticleFiles.Read(new ArticleFiles.Entry(path, "x")).ToList();

        Assert.Equal(["ok"], results.Select(r => r.Article?.Id).OfType<string>());
        Assert.Equal(3, results.Count(r => r.Error is not null));
    }

    // ---- The API: null or malformed articles ----

    public static TheoryData<string, Func<Article, Article>> Malformations => new()
    {
        { "title", a => a with { Title = null! } },
        { "paragraphs", a => a with { Paragraphs = null! } },
        { "paragraph 1 is null", a => a with { Paragraphs = [a.Paragraphs[0], null!] } },
        { "text of paragraph 0", a => a with { Paragraphs = [new Paragraph(0, null!)] } },
        { "metadata", a => a with { Metadata = null! } },
        { "tags", a => a with { Metadata = new ArticleMetadata { Tags = null! } } },
        { "tag 1 is null", a => a with { Metadata = new ArticleMetadata { Tags = ["ok", null!] } } },
        { "empty or only white space", a => a with { Id = "   " } },
        { "id is null", a => a with { Id = null! } },
    };

    [Theory]
    [MemberData(nameof(Malformations))]
    public void Upsert_MalformedArticle_ShouldThrowArgumentExceptionNamingTheProblem(string named, Func<Article, Article> malform)
    {
        using var index = SearchIndex.CreateInMemory();
        var bad = malform(TestArticles.Make("bad", "one", "two"));

        var e = Assert.ThrowsAny<ArgumentException>(() => index.Upsert(bad));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        index.Commit();
        Assert.Equal(0, index.GetStats().Articles);
    }

    [Fact]
    public void Upsert_Null_ShouldThrowArgumentNullException()
    {
        using var index = SearchIndex.CreateInMemory();
        Assert.Throws<ArgumentNullException>(() => index.Upsert(null!));
    }

    [Theory]
    [MemberData(nameof(Malformations))]
    public void Add_BatchWithAMalformedArticle_ShouldKeepTheGoodOnesAndReportTheBadOne(string named, Func<Article, Article> malform)
    {
        using var index = SearchIndex.CreateInMemory();
        var batch = new[] { TestArticles.Make("good1", "harbour"), malform(TestArticles.Make("bad", "one", "two")), null!, TestArticles.Make("good2", "harbour") };

        var report = index.Add(batch, new IndexingOptions { Threads = 1 });

        Assert.Equal(["good1", "good2"], AllIds(index));
        Assert.Equal(2, report.Added);
        Assert.Equal(2, report.Failures.Count);
        Assert.Contains(report.Failures, f => f.Reason.Contains(named, StringComparison.Ordinal) && f.InnerException is ArgumentException);
        Assert.Contains(report.Failures, f => f.Reason == "the article is null" && f.Source == "(article 2 of the batch)");
    }

    [Fact]
    public async Task AddAsync_BatchWithNullAndMalformed_ShouldKeepTheGoodOnes()
    {
        using var index = SearchIndex.CreateInMemory();

        var report = await index.AddAsync(Source());

        Assert.Equal(["good1", "good2"], AllIds(index));
        Assert.Equal(2, report.Failures.Count);

        static async IAsyncEnumerable<Article> Source()
        {
            await Task.Yield();
            yield return TestArticles.Make("good1", "harbour");
            yield return null!;
            yield return TestArticles.Make("bad", "x") with { Title = null! };
            yield return TestArticles.Make("good2", "harbour");
        }
    }

    // ---- Folders: no hang ----

    [PosixFact]
    public void Folder_WithFifoAndLinksToEndlessDevices_ShouldEndReportingEachAndIndexTheRest()
    {
        _folder.Write("good.txt", Text("Good", "harbour wall"));
        UnixFiles.MakeFifo(_folder["x.txt"]);
        UnixFiles.MakeFifo(_folder["sub/feed.jsonl"]);
        File.CreateSymbolicLink(_folder["zero.txt"], "/dev/zero");
        File.CreateSymbolicLink(_folder["random.jsonl"], "/dev/urandom");
        File.CreateSymbolicLink(_folder["dangling.txt"], _folder["nowhere.txt"]);
        UnixFiles.MakeFifo(_folder["pipe-without-article-extension"]);
        using var index = SearchIndex.CreateInMemory();

        var report = IndexGuarded(index, [_folder.Path]);

        Assert.Equal(["good"], AllIds(index));
        Assert.Equal(1, report.Added);
        var reasons = report.Failures.ToDictionary(f => Path.GetFileName(f.Source), f => f.Reason);
        Assert.Equal(["dangling.txt", "feed.jsonl", "random.jsonl", "x.txt", "zero.txt"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("named pipe", reasons["x.txt"], StringComparison.Ordinal);
        Assert.Contains("a link to a character device", reasons["zero.txt"], StringComparison.Ordinal);
        Assert.True(reasons["dangling.txt"].Contains("link to nothing", StringComparison.Ordinal), reasons["dangling.txt"]);
    }

    [PosixFact]
    public void FifoGivenDirectly_ShouldBeAFailureNotAHang()
    {
        var fifo = UnixFiles.MakeFifo(_folder["given.txt"]);
        using var index = SearchIndex.CreateInMemory();

        var report = IndexGuarded(index, [fifo]);

        Assert.Contains("named pipe", Assert.Single(report.Failures).Reason, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => ArticleFiles.HashFile(fifo));
        Assert.Contains("named pipe", Assert.Single(ArticleFiles.Read(new ArticleFiles.Entry(fifo, "given"))).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_WhileListing_ShouldEndTheRunAsCancelled()
    {
        for (int i = 0; i < 30; i++)
        {
            _folder.Write($"d{i}/a.txt", Text($"A{i}", "text"));
        }

        using var cancel = new CancellationTokenSource();
        int listed = 0;
        var options = new IndexingOptions
        {
            ListFolder = folder =>
            {
                if (++listed == 5)
                {
                    cancel.Cancel();
                }

                return Directory.EnumerateFileSystemEntries(folder);
            },
        };
        using var index = SearchIndex.CreateInMemory();

        var report = IndexGuarded(index, [_folder.Path], options, cancel.Token);

        Assert.True(report.Cancelled);
        Assert.Equal(0, report.Indexed);
        Assert.InRange(listed, 5, 6);
    }

    // ---- Folders: links ----

    [PosixFact]
    public void LinkToParentFolder_ShouldNotMultiplyTheFiles()
    {
        _folder.Write("a.txt", Text("A", "harbour"));
        _folder.Write("sub/b.txt", Text("B", "harbour"));
        Directory.CreateSymbolicLink(_folder["sub/up"], "..");
        Directory.CreateDirectory(_folder["loop"]);
        Directory.CreateSymbolicLink(_folder["loop/one"], _folder["loop/two"]);
        Directory.CreateSymbolicLink(_folder["loop/two"], _folder["loop/one"]);
        File.CreateSymbolicLink(_folder["loop/three.txt"], _folder["loop/four.txt"]);
        File.CreateSymbolicLink(_folder["loop/four.txt"], _folder["loop/three.txt"]);
        Directory.CreateSymbolicLink(_folder["ring1"], _folder["ring2"]);
        Directory.CreateDirectory(_folder["ring2"]);
        Directory.CreateSymbolicLink(_folder["ring2/back"], _folder.Path);
        using var index = SearchIndex.CreateInMemory();

        var report = IndexGuarded(index, [_folder.Path]);

        Assert.Equal(["a", "sub/b"], AllIds(index));
        Assert.Equal(2, report.Added);
        Assert.Equal(3, report.SkippedFolderLinks); // sub/up, ring1, ring2/back
        // Links that point at each other lead nowhere: not article files when their names say so, failures otherwise.
        Assert.Equal(["four.txt", "three.txt"], report.Failures.Select(f => Path.GetFileName(f.Source)));
        Assert.All(report.Failures, f => Assert.Contains("loop of symbolic links", f.Reason, StringComparison.Ordinal));
    }

    [PosixFact]
    public void LinkToAFile_ShouldReadTheFileOnce()
    {
        _folder.Write("real.txt", Text("Real", "harbour"));
        File.CreateSymbolicLink(_folder["0-alias.txt"], _folder["real.txt"]);
        using var index = SearchIndex.CreateInMemory();

        var report = IndexGuarded(index, [_folder.Path]);

        Assert.Equal(["real"], AllIds(index));
        Assert.Equal(1, report.SkippedDuplicates);
    }

    [PosixFact]
    public void GivenFolderThatIsALink_ShouldBeFollowed()
    {
        _folder.Write("data/a.txt", Text("A", "harbour"));
        Directory.CreateSymbolicLink(_folder["alias"], _folder["data"]);
        using var index = SearchIndex.CreateInMemory();

        var report = IndexGuarded(index, [_folder["alias"], _folder["data"]]);

        Assert.Equal(["a"], AllIds(index));
        Assert.Equal(1, report.Added);
        Assert.Equal(1, report.SkippedDuplicates);
    }

    // ---- Ids ----

    [Fact]
    public void SameFolderGivenTwice_OrNested_ShouldReadEachFileOnceAndCountTruly()
    {
        for (int i = 0; i < 6; i++)
        {
            _folder.Write($"base/a{i}.txt", Text($"A{i}", "harbour"));
        }

        _folder.Write("base/sub/s1.txt", Text("S1", "harbour"));
        _folder.Write("base/sub/s2.txt", Text("S2", "harbour"));
        using var index = SearchIndex.CreateInMemory();

        var twice = index.IndexFiles([_folder["base"], _folder["base"]]);
        Assert.Equal(8, twice.Added);
        Assert.Equal(8, index.GetStats().Articles);
        Assert.Equal(8, twice.SkippedDuplicates);

        var nested = index.IndexFiles([_folder["base"], _folder["base/sub"]]);
        Assert.Equal(8, nested.Unchanged);
        Assert.Equal(0, nested.Indexed);
        Assert.Equal(8, index.GetStats().Articles);
        Assert.Contains("sub/s1", AllIds(index));
        Assert.DoesNotContain("s1", AllIds(index));
    }

    [Fact]
    public void TwoFoldersWithTheSameRelativeName_ShouldReportTheClashNamingBoth()
    {
        var ax = _folder.Write("a/x.txt", Text("From a", "harbour"));
        var bx = _folder.Write("b/x.txt", Text("From b", "harbour"));
        using var index = SearchIndex.CreateInMemory();

        for (int run = 0; run < 3; run++)
        {
            var report = index.IndexFiles([_folder["a"], _folder["b"]], new IndexingOptions { Force = true });

            Assert.Equal(1, report.Indexed);
            var clash = Assert.Single(report.Failures);
            Assert.Equal(bx, clash.Source);
            Assert.Contains(ax, clash.Reason, StringComparison.Ordinal);
            Assert.Equal("From a", index.Get("x")!.Title);
            Assert.Equal(1, index.GetStats().Articles);
        }
    }

    [Fact]
    public void NamesDifferingInCase_ShouldNotOverwriteEachOther()
    {
        _folder.Write("y.txt", Text("lower", "harbour"));
        _folder.Write("y.TXT", Text("upper", "harbour"));
        if (Directory.GetFiles(_folder.Path).Length < 2)
        {
            return; // a case-insensitive file system holds one file: nothing can clash
        }

        using var index = SearchIndex.CreateInMemory();
        var report = index.IndexFiles([_folder.Path]);

        Assert.Equal(1, report.Added);
        Assert.Equal("upper", index.Get("y")!.Title); // "y.TXT" sorts first (ordinal) and keeps the id
        Assert.EndsWith("y.txt", Assert.Single(report.Failures).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFileAndJsonLinesArticleWithTheSameId_ShouldKeepOneDeterministicallyAndReport()
    {
        _folder.Write("z.txt", Text("plain z", "harbour"));
        _folder.Write("feed.jsonl", "{\"id\":\"z\",\"title\":\"json z\"}\n{\"id\":\"w\",\"title\":\"json w\"}\n{\"id\":\"w\",\"title\":\"json w again\"}\n");
        using var index = SearchIndex.CreateInMemory();

        for (int run = 0; run < 3; run++)
        {
            var report = index.IndexFiles([_folder.Path], new IndexingOptions { Force = true, Threads = 4 });

            Assert.Equal(2, report.Indexed);
            Assert.Equal(index.GetStats().Articles, report.Indexed);
            Assert.Equal("json z", index.Get("z")!.Title); // feed.jsonl sorts before z.txt
            Assert.Equal("json w", index.Get("w")!.Title); // line 2 before line 3
            Assert.Equal(2, report.Failures.Count);
            Assert.Contains(report.Failures, f => f.Source.EndsWith("z.txt", StringComparison.Ordinal) && f.Reason.Contains("feed.jsonl:1", StringComparison.Ordinal));
            Assert.Contains(report.Failures, f => f.Line == 3 && f.Reason.Contains("feed.jsonl:2", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void NewFileClaimingTheIdOfAnUnchangedFile_ShouldNotTakeIt()
    {
        _folder.Write("feed.jsonl", "{\"id\":\"z\",\"title\":\"json z\"}\n");
        using var index = SearchIndex.CreateInMemory();
        index.IndexFiles([_folder.Path]);

        _folder.Write("z.txt", Text("plain z", "harbour"));
        var report = index.IndexFiles([_folder.Path]);

        Assert.Equal(0, report.Indexed);
        Assert.Equal("json z", index.Get("z")!.Title);
        Assert.Contains("unchanged", Assert.Single(report.Failures).Reason, StringComparison.Ordinal);
    }

    // ---- Unreadable folders keep their articles ----

    [Fact]
    public void FolderThatCannotBeListed_ShouldBeAFailureAndKeepItsArticles()
    {
        _folder.Write("a.txt", Text("A", "harbour"));
        _folder.Write("sub/b.txt", Text("B", "harbour"));
        _folder.Write("sub/deeper/c.txt", Text("C", "harbour"));
        using var index = SearchIndex.CreateInMemory();
        Assert.Equal(3, index.IndexFiles([_folder.Path]).Added);

        var sub = _folder["sub"];
        var options = new IndexingOptions
        {
            ListFolder = folder => folder == sub ? throw new UnauthorizedAccessException($"Access to the path '{folder}' is denied.") : Directory.EnumerateFileSystemEntries(folder),
        };
        var report = index.IndexFiles([_folder.Path], options);

        Assert.Equal(0, report.Removed);
        Assert.Equal(sub, Assert.Single(report.Failures).Source);
        Assert.Equal(["a", "sub/b", "sub/deeper/c"], AllIds(index));

        // Readable again and a file really gone: now it is removed.
        File.Delete(_folder["sub/b.txt"]);
        var after = index.IndexFiles([_folder.Path]);
        Assert.Equal(1, after.Removed);
        Assert.Empty(after.Failures);
        Assert.Equal(["a", "sub/deeper/c"], AllIds(index));
    }

    [PosixFact]
    public void FolderWithoutPermissions_ShouldBeAFailureAndKeepItsArticles()
    {
        if (OperatingSystem.IsWindows() || UnixFiles.IsRoot)
        {
            // Root reads a chmod 000 folder anyway; the seam test above covers the same path for root.
            return;
        }

        _folder.Write("sub/b.txt", Text("B", "harbour"));
        using var index = SearchIndex.CreateInMemory();
        index.IndexFiles([_folder.Path]);
        File.SetUnixFileMode(_folder["sub"], UnixFileMode.None);
        try
        {
            var report = index.IndexFiles([_folder.Path]);
            Assert.Equal(0, report.Removed);
            Assert.Single(report.Failures);
            Assert.Equal(["sub/b"], AllIds(index));
        }
        finally
        {
            File.SetUnixFileMode(_folder["sub"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // ---- Hidden files ----

    [Fact]
    public void DotFilesAndFolders_ShouldBeSkippedAndCounted_OrReadWhenAsked()
    {
        _folder.Write("a.txt", Text("A", "harbour"));
        _folder.Write(".draft.txt", Text("Draft", "harbour"));
        _folder.Write(".git/objects/x.txt", Text("X", "harbour"));
        _folder.Write(".git/y.txt", Text("Y", "harbour"));
        using var index = SearchIndex.CreateInMemory();

        var report = index.IndexFiles([_folder.Path]);
        Assert.Equal(["a"], AllIds(index));
        Assert.Equal(2, report.SkippedHidden);

        var all = index.IndexFiles([_folder.Path], new IndexingOptions { IncludeHidden = true });
        Assert.Equal(3, all.Added);
        Assert.Equal(0, all.SkippedHidden);
        Assert.Equal([".draft", ".git/objects/x", ".git/y", "a"], AllIds(index));

        // Without the option again, the hidden files are no longer part of the folder's articles.
        var again = index.IndexFiles([_folder.Path]);
        Assert.Equal(3, again.Removed);
        Assert.Equal(["a"], AllIds(index));
    }
}

/// <summary>The watcher (and so <c>index --watch</c> and the web sample) keeps serving every other file past a bad one.</summary>
public sealed class FolderWatcherBadFileTests : IDisposable
{
    private readonly TempFolder _folder = new("watch-bad");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sync_WithALoneSurrogateLine_ShouldKeepIndexingNewFiles()
    {
        _folder.Write("bad.jsonl", "{\"id\":\"s1\",\"title\":\"lone \\ud800\"}\n{\"id\":\"g0\",\"title\":\"good line\"}\n");
        using var index = SearchIndex.CreateInMemory();
        using var watcher = new FolderWatcher(index, _folder.Path);

        var first = await watcher.SyncAsync();
        Assert.Equal(1, first.Added);
        Assert.Single(first.Failures);

        _folder.Write("new.txt", "New arrival\n\nThe ferry came in late.\n");
        var second = await watcher.SyncAsync();

        Assert.Equal(1, second.Added);
        Assert.Equal("new", Assert.Single(index.Search("ferry").Hits).Id);
        Assert.NotNull(index.Get("g0"));
    }
}
