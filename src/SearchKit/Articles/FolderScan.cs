namespace SearchKit.Articles;

/// <summary>
/// Lists the article files under given files and folders, safely: only regular files are listed (a named pipe or
/// a link to <c>/dev/zero</c> would block or never end), links to folders are not followed (a link loop would
/// never end), a file reached by several paths is listed once, and whatever cannot be listed or examined is a
/// reported failure that also shields the index's articles of that place from removal.
/// </summary>
internal static class FolderScan
{
    /// <summary>How to list.</summary>
    /// <param name="IncludeHidden">List dot files and descend into dot folders too.</param>
    /// <param name="ListFolder">
    /// Lists the full paths of a folder's entries; a test seam to make a folder unlistable even for root, who
    /// reads everything. <see langword="null"/> lists the real folder.
    /// </param>
    internal sealed record Options(bool IncludeHidden = false, Func<string, IEnumerable<string>>? ListFolder = null);

    /// <summary>What a listing found.</summary>
    internal sealed class Result
    {
        /// <summary>The files to read, roots in the order given, each root's files in ordinal path order.</summary>
        public List<ArticleFiles.Entry> Entries { get; } = [];

        /// <summary>Folders that could not be listed and entries that could not be examined or are not regular files.</summary>
        public List<ArticleReadException> Failures { get; } = [];

        /// <summary>
        /// Listed paths of folders and files whose content is unknown this run (they could not be listed or
        /// examined): the index keeps their articles rather than take them for deleted.
        /// </summary>
        public List<string> Unknown { get; } = [];

        /// <summary>Dot files and dot folders skipped (a folder counts once, whatever it holds).</summary>
        public int Hidden { get; set; }

        /// <summary>Links to folders, not followed.</summary>
        public int FolderLinks { get; set; }

        /// <summary>Second paths to a file already listed (through a link, or folders given twice or nested).</summary>
        public int Duplicates { get; set; }
    }

    private sealed record Candidate(int Root, string Path, string Id, string RealPath, bool ViaLink);

    /// <summary>Lists <paramref name="paths"/>.</summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; checked at every folder and every few hundred entries.</exception>
    public static Result Run(IReadOnlyList<string> paths, Options options, CancellationToken cancellation)
    {
        var result = new Result();
        var candidates = new List<Candidate>();
        for (int root = 0; root < paths.Count; root++)
        {
            cancellation.ThrowIfCancellationRequested();
            var given = paths[root];
            var full = Path.GetFullPath(given);
            switch (FileKinds.Of(full))
            {
                case FileKind.Missing:
                    throw new FileNotFoundException($"{given}: no such file or folder", given);
                case FileKind.Regular:
                    candidates.Add(new Candidate(root, full, Path.GetFileName(ArticleFiles.WithoutExtension(full)), RealPath(full), ViaLink: false));
                    break;
                case FileKind.Directory:
                    Walk(root, full, RealPath(full), full, options, result, candidates, cancellation);
                    break;
                case var kind:
                    Refuse(result, full, kind, viaLink: false);
                    break;
            }
        }

        // A file reached by several paths is read once: by its own path before any link's, then by the first
        // root given, then in path order. So `index base base/sub` reads base/sub's files once, under base's ids.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<Candidate>();
        foreach (var c in candidates.OrderBy(c => c.ViaLink).ThenBy(c => c.Root).ThenBy(c => c.Path, StringComparer.Ordinal))
        {
            if (seen.Add(c.RealPath))
            {
                kept.Add(c);
            }
            else
            {
                result.Duplicates++;
            }
        }

        result.Entries.AddRange(kept.OrderBy(c => c.Root).ThenBy(c => c.Path, StringComparer.Ordinal).Select(c => new ArticleFiles.Entry(c.Path, c.Id)));
        return result;
    }

    private static void Walk(int root, string rootPath, string realRoot, string folder, Options options, Result result, List<Candidate> candidates, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        List<string> children;
        try
        {
            children = [.. (options.ListFolder ?? ListFolder)(folder)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            result.Failures.Add(new ArticleReadException(folder, $"cannot list the folder ({e.Message}); its articles stay in the index until it can be listed again", inner: e));
            result.Unknown.Add(folder);
            return;
        }

        int examined = 0;
        foreach (var child in children.Order(StringComparer.Ordinal))
        {
            if (++examined % 256 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            var name = Path.GetFileName(child);
            if (!options.IncludeHidden && IsHidden(child, name))
            {
                result.Hidden++;
                continue;
            }

            bool wanted = ArticleFiles.IsArticleFileName(name);
            var kind = FileKinds.OfEntry(child);
            bool viaLink = kind == FileKind.Link;
            if (viaLink)
            {
                kind = FileKinds.Of(child);
                if (kind == FileKind.Directory)
                {
                    // Not followed: a link to a parent (`ln -s .. up`) or two links to each other would list the
                    // same files forever, or under endless new ids.
                    result.FolderLinks++;
                    continue;
                }
            }

            switch (kind)
            {
                case FileKind.Directory:
                    Walk(root, rootPath, realRoot, child, options, result, candidates, cancellation);
                    break;
                case FileKind.Regular when wanted:
                    var relative = Path.GetRelativePath(rootPath, child);
                    var id = ArticleFiles.WithoutExtension(relative).Replace(Path.DirectorySeparatorChar, '/');
                    var real = viaLink ? RealPath(child) : Path.Join(realRoot, relative);
                    candidates.Add(new Candidate(root, child, id, real, viaLink));
                    break;
                case FileKind.Regular:
                    break;
                case FileKind.Unknown:
                    // Whatever it is (perhaps a folder of articles), its articles must not be taken for deleted.
                    Refuse(result, child, FileKind.Unknown, viaLink);
                    break;
                case var other when wanted:
                    Refuse(result, child, other, viaLink);
                    break;
            }
        }
    }

    private static void Refuse(Result result, string path, FileKind kind, bool viaLink)
    {
        var reason = kind switch
        {
            FileKind.Missing => "a symbolic link to nothing; skipped",
            FileKind.LinkLoop => "a loop of symbolic links; skipped",
            FileKind.Unknown => "cannot be examined (a permission problem?); its articles stay in the index until it can be read again",
            _ => $"not a regular file but {(viaLink ? "a link to " : string.Empty)}{FileKinds.Describe(kind)}; skipped, without reading it",
        };
        result.Failures.Add(new ArticleReadException(path, reason));
        if (kind == FileKind.Unknown)
        {
            result.Unknown.Add(path);
        }
    }

    private static IEnumerable<string> ListFolder(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = 0,
            MatchType = MatchType.Simple,
        });

    private static bool IsHidden(string path, string name)
    {
        if (name.StartsWith('.'))
        {
            return true;
        }

        if (!OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return File.GetAttributes(path).HasFlag(FileAttributes.Hidden);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The path with every symbolic link in it resolved (realpath(3) in .NET's public API), so that two
    /// spellings of one file compare equal. A path that cannot be resolved is returned as it is.
    /// </summary>
    internal static string RealPath(string full)
    {
        const int MaxLinks = 40;
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        int links = 0;
        try
        {
            while (pending.Count > 0)
            {
                var part = pending.Pop();
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? current;
                    continue;
                }

                var next = Path.Join(current, part);
                var target = new FileInfo(next).LinkTarget;
                if (target is null)
                {
                    current = next;
                    continue;
                }

                if (++links > MaxLinks)
                {
                    return full;
                }

                var resolved = Path.IsPathRooted(target) ? target : Path.Join(current, target);
                var resolvedRoot = Path.GetPathRoot(resolved) ?? string.Empty;
                foreach (var p in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(p);
                }

                current = resolvedRoot;
            }

            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }
}
