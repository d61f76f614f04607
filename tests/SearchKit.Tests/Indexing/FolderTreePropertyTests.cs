using CsCheck;
using SearchKit.Indexing;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// Issue 11's proof for folders: over generated trees with file and folder links (loops included), names that
/// differ only in case, dot files, named pipes, dangling links, links to <c>/dev/zero</c> and a folder that
/// cannot be listed, a run ends, the index holds exactly one article per readable regular file (or a reported id
/// clash for it), nothing else, and the summary's counts equal the index's.
/// </summary>
/// <remarks>
/// Root (as in CI) reads a chmod 000 folder anyway, so the unlistable folder goes through
/// <see cref="IndexingOptions.ListFolder"/>'s seam. A failure prints CsCheck's seed; replay it with
/// <c>Sample(..., seed: "that seed")</c> on the call below, or by setting the environment variable
/// <c>CsCheck_Seed</c> to it for one run of this test.
/// </remarks>
public sealed class FolderTreePropertyTests
{
    private static readonly string[] Folders = ["a", "a/b", "A", "c", "c/d", ".h", "a/.g"];
    private static readonly string[] Names = ["x", "X", "y", "n", ".dot"];
    private static readonly string[] Extensions = [".txt", ".TXT", ".jsonl", ".rtf"]; // .rtf: a name no reader picks up

    private enum Kind
    {
        Text,
        Fifo,
        Dangling,
        DevZero,
        FileLink,
        FolderLink,
    }

    private sealed record Node(int Folder, string Name, string Extension, Kind Kind, int Target, int IdChoice);

    private sealed record Tree(Node[] Nodes, int Unlistable);

    private static readonly Gen<Node> NodeGen =
        Gen.Select(
            Gen.Int[-1, Folders.Length - 1],
            Gen.OneOfConst(Names),
            Gen.OneOfConst(Extensions),
            Gen.Frequency((6, Gen.Const(Kind.Text)), (1, Gen.Const(Kind.Fifo)), (1, Gen.Const(Kind.Dangling)), (1, Gen.Const(Kind.DevZero)), (2, Gen.Const(Kind.FileLink)), (2, Gen.Const(Kind.FolderLink))),
            Gen.Int[0, 1000],
            Gen.Int[0, 9],
            (folder, name, extension, kind, target, id) => new Node(folder, name, extension, kind, target, id));

    private static readonly Gen<Tree> TreeGen = Gen.Select(NodeGen.Array[1, 14], Gen.Int[-1, Folders.Length - 1], (nodes, unlistable) => new Tree(nodes, unlistable));

    [PosixFact]
    public void IndexFiles_OverGeneratedTrees_ShouldHoldOneArticlePerReadableRegularFile()
    {
        TreeGen.Sample(Check, iter: 60, threads: 1);
    }

    private static void Check(Tree tree)
    {
        using var temp = new TempFolder("tree");
        var root = temp.Path;
        string FolderPath(int f) => f < 0 ? root : Path.Combine(root, Folders[f]);
        foreach (var folder in Folders)
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        // Lay the tree out: regular files first (so links can point at them), then the rest.
        var made = new Dictionary<string, Node>(StringComparer.Ordinal);
        var regular = new List<string>();
        int serial = 0;
        foreach (var node in tree.Nodes.OrderBy(n => n.Kind != Kind.Text))
        {
            var path = Path.Combine(FolderPath(node.Folder), node.Name + node.Extension);
            if (made.ContainsKey(path))
            {
                continue;
            }

            switch (node.Kind)
            {
                case Kind.Text:
                    // One JSON object on one line: one article read as plain text (its title is the line) and as
                    // JSON Lines (its id is the object's), so any path to it yields exactly one article.
                    string id = node.IdChoice switch { 0 => "x", 1 => "a/x", _ => $"u{serial}" };
                    File.WriteAllText(path, $"{{\"id\":\"{id}\",\"title\":\"file {serial++}\"}}\n");
                    regular.Add(path);
                    break;
                case Kind.Fifo:
                    UnixFiles.MakeFifo(path);
                    break;
                case Kind.Dangling:
                    File.CreateSymbolicLink(path, Path.Combine(root, "nowhere", node.Name));
                    break;
                case Kind.DevZero:
                    File.CreateSymbolicLink(path, "/dev/zero");
                    break;
                case Kind.FileLink:
                    if (regular.Count == 0)
                    {
                        continue;
                    }

                    File.CreateSymbolicLink(path, regular[node.Target % regular.Count]);
                    break;
                case Kind.FolderLink:
                    // Any folder, the root and each folder's own ancestors included: loops are the point.
                    Directory.CreateSymbolicLink(path, FolderPath((node.Target % (Folders.Length + 1)) - 1));
                    break;
            }

            made[path] = node;
        }

        string? unlistable = tree.Unlistable < 0 ? null : FolderPath(tree.Unlistable);
        var options = new IndexingOptions
        {
            Threads = 3,
            ListFolder = folder => folder == unlistable
                ? throw new UnauthorizedAccessException($"Access to the path '{folder}' is denied.")
                : Directory.EnumerateFileSystemEntries(folder),
        };

        // The model: which paths a listing reaches (no dot names, nothing under the unlistable folder, no path
        // through a folder link), and which real file each names.
        bool Reached(string path)
        {
            var relative = Path.GetRelativePath(root, path).Split('/');
            if (relative.Any(part => part.StartsWith('.')))
            {
                return false;
            }

            return unlistable is null || !(Path.GetDirectoryName(path) + "/").StartsWith(unlistable + "/", StringComparison.Ordinal);
        }

        static bool IsArticleName(string path) => Path.GetExtension(path).ToLowerInvariant() is ".txt" or ".jsonl";
        var reachedArticleFiles = made.Where(m => Reached(m.Key) && IsArticleName(m.Key)).ToList();
        string? RealOf(KeyValuePair<string, Node> m) => m.Value.Kind switch
        {
            Kind.Text => m.Key,
            Kind.FileLink => new FileInfo(m.Key).LinkTarget,
            _ => null,
        };
        var readable = reachedArticleFiles.Select(RealOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var pathsOf = reachedArticleFiles.Where(m => RealOf(m) is not null).ToLookup(m => RealOf(m)!, m => m.Key, StringComparer.Ordinal);
        var unreadable = reachedArticleFiles.Where(m => m.Value.Kind is Kind.Fifo or Kind.Dangling or Kind.DevZero).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        int folderLinks = made.Count(m => m.Value.Kind == Kind.FolderLink && Reached(m.Key));

        using var index = SearchIndex.CreateInMemory();
        var run = Task.Run(() => index.IndexFiles([root], options));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the run hung");
        var report = run.Result;

        // Every article comes from a readable regular file, and no file gave two.
        var articles = AllArticles(index);
        var byReal = articles.GroupBy(a => Real(a.Metadata.SourcePath!, made)).ToList();
        Assert.All(byReal, g => Assert.Contains(g.Key, readable));
        Assert.All(byReal, g => Assert.Single(g));

        // Every readable regular file gave its article, or lost its id to another file, which the report says.
        var clashes = report.Failures.Where(f => f.Reason.Contains("is also the id of", StringComparison.Ordinal)).ToList();
        foreach (var file in readable)
        {
            bool indexed = byReal.Any(g => g.Key == file);
            bool clashed = clashes.Any(c => pathsOf[file].Contains(c.Source));
            Assert.True(indexed ^ clashed, $"{file}: indexed {indexed}, reported as a clash {clashed}");
        }

        // Every unreadable entry and the unlistable folder are failures; the summary's counts are the index's.
        foreach (var path in unreadable)
        {
            Assert.Contains(report.Failures, f => f.Source == path);
        }

        if (unlistable is not null && !Path.GetRelativePath(root, unlistable).Split('/').Any(part => part.StartsWith('.')))
        {
            Assert.Contains(report.Failures, f => f.Source == unlistable);
        }

        Assert.Equal(folderLinks, report.SkippedFolderLinks);
        Assert.Equal(articles.Count, report.Added);
        Assert.Equal(articles.Count, index.GetStats().Articles);
        Assert.Equal(0, report.Removed);

        // Nothing changed: a second run changes nothing and counts the same articles.
        var again = index.IndexFiles([root], options);
        Assert.Equal(0, again.Indexed);
        Assert.Equal(0, again.Removed);
        Assert.Equal(articles.Count, again.Unchanged);
        Assert.Equal(articles.Count, index.GetStats().Articles);
    }

    /// <summary>The real file an article's source path names (a file link's target).</summary>
    private static string Real(string path, Dictionary<string, Node> made) =>
        made.TryGetValue(path, out var node) && node.Kind == Kind.FileLink ? new FileInfo(path).LinkTarget! : path;

    private static List<SearchKit.Articles.Article> AllArticles(SearchIndex index)
    {
        var hits = index.Search("*:*", new SearchKit.Searching.SearchOptions { Top = 1000 }).Hits;
        return [.. hits.Select(h => index.Get(h.Id)!)];
    }
}
