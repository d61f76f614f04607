using System.Text.RegularExpressions;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Architecture;

/// <summary>
/// The library's folders depend one way (docs/ARCHITECTURE.md): the front door (the root) uses the stages, the
/// stages never refer back to the root except to the kernel of exceptions every stage throws, and
/// <c>Watching/</c>, a client of the front door, is used by no stage. Read from the source, since the public types
/// of every folder share the <c>SearchKit</c> namespace.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string[] Stages = ["Analysis", "Articles", "Indexing", "Searching"];

    /// <summary>The root types any stage may use: the exceptions callers catch and the problem they carry.</summary>
    private static readonly HashSet<string> Kernel =
        ["SearchKitException", "SearchKitIndexException", "SearchKitInputException", "SearchKitQueryException", "IndexProblem"];

    private static readonly string Library = Path.Combine(DotNetCli.RepositoryRoot, "src", "SearchKit");

    [Fact]
    public void Stages_use_no_root_type_but_the_kernel()
    {
        var root = TypesIn(Library, recursive: false);
        Assert.Contains("SearchIndex", root);
        Assert.Contains("SearchIndexOptions", root);
        Assert.Superset(Kernel, root.ToHashSet());

        var forbidden = root.Where(t => !Kernel.Contains(t)).ToList();
        Assert.Empty(Stages.SelectMany(stage => Violations(stage, forbidden)));
    }

    [Fact]
    public void No_stage_uses_the_folder_watcher()
    {
        var watching = TypesIn(Path.Combine(Library, "Watching"), recursive: true);
        Assert.Contains("FolderWatcher", watching);
        Assert.Empty(Stages.SelectMany(stage => Violations(stage, watching)));
    }

    [Theory]
    [InlineData("Articles")]
    [InlineData("Analysis")]
    public void Articles_and_analysis_use_no_other_stage(string stage)
    {
        var others = Stages.Where(s => s != stage)
            .SelectMany(s => TypesIn(Path.Combine(Library, s), recursive: true))
            .ToList();
        Assert.Contains("IndexingRun", others);
        Assert.Empty(Violations(stage, others));
    }

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        // A file longer than this is no longer read in one sitting (issue 12): split it by concern.
        var sources = Path.Combine(DotNetCli.RepositoryRoot, "src");
        var files = Directory.GetFiles(sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("SearchIndex.cs", StringComparison.Ordinal));
        var tooLong = files.Select(f => (Name: Path.GetRelativePath(sources, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 400)
            .Select(f => $"{f.Name}: {f.Lines} lines")
            .ToList();
        Assert.Equal([], tooLong);
    }

    [Fact]
    public void The_scan_finds_code_references_and_skips_comments_and_strings()
    {
        var names = new[] { "SearchIndex" };
        Assert.Equal(["SearchIndex"], References("var i = SearchIndex.Open(path);", names));
        Assert.Equal(["SearchIndex"], References("void F(SearchIndex index) { }", names));
        Assert.Empty(References("// SearchIndex opens this\n/// <see cref=\"SearchIndex\"/>\n/* SearchIndex */ var s = \"SearchIndex\";", names));
        Assert.Empty(References("var options = new SearchIndexOptions();", names));
    }

    private static IEnumerable<string> Violations(string stage, IReadOnlyCollection<string> names)
    {
        var files = Directory.GetFiles(Path.Combine(Library, stage), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        return files.SelectMany(file => References(File.ReadAllText(file), names)
            .Select(name => $"{stage}/{Path.GetFileName(file)} uses {name}"));
    }

    /// <summary>The top-level types declared in a folder's files (file-scoped namespaces: declared at column 0).</summary>
    private static List<string> TypesIn(string folder, bool recursive) =>
        Directory.GetFiles(folder, "*.cs", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .SelectMany(file => Declaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

    /// <summary>Which of <paramref name="names"/> the code mentions, outside comments and string literals.</summary>
    private static List<string> References(string source, IEnumerable<string> names)
    {
        string code = CommentOrString().Replace(source, " ");
        return names.Where(name => Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(name)}\b")).ToList();
    }

    [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|partial|readonly|file)\s+)*(?:class|record|struct|interface|enum)\s+(?:class\s+|struct\s+)?([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])'", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
