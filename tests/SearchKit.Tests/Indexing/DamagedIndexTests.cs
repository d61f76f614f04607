using System.Globalization;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>A damaged index gives a clear Damaged error on open or search: never a crash, never a silent empty result.</summary>
public class DamagedIndexTests
{
    public enum Damage
    {
        TruncateSegmentFile,
        OverwriteSegmentFileMiddle,
        OverwriteSegmentFileTail,
        DeleteSegmentFile,
        DeleteSegmentInfo,
        TruncateCommitFile,
        DeleteCommitFile,
        DeleteAllCommitFiles,
    }

    private const int PerSegment = 20;
    private const int Segments = 3;

    [Theory]
    [MemberData(nameof(AllDamages))]
    public void DamagedIndex_ShouldFailWithDamagedOnOpenOrSearch(Damage damage)
    {
        using var folder = new TempFolder("damage");
        Build(folder.Path);
        Apply(folder.Path, damage);

        var e = Assert.Throws<SearchKitIndexException>(() =>
        {
            using var index = SearchIndex.Open(folder.Path);
            ReadEverything(index);
        });

        Assert.Equal(IndexProblem.Damaged, e.Problem);
        Assert.StartsWith(folder.Path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>
    /// Every damage but a changed byte in the middle of a file, which reads as valid data: that one is
    /// found by checksums (<see cref="SearchIndexOptions.VerifyOnOpen"/>, a merge, or <see cref="SearchIndex.Check"/>).
    /// </summary>
    public static TheoryData<Damage> AllDamages() => [.. Enum.GetValues<Damage>().Where(d => d != Damage.OverwriteSegmentFileMiddle)];

    [Theory]
    [InlineData(Damage.OverwriteSegmentFileMiddle)]
    [InlineData(Damage.OverwriteSegmentFileTail)]
    public void DamageThatReadsAsData_WithVerifyOnOpen_ShouldFailWithDamagedOnOpen(Damage damage)
    {
        using var folder = new TempFolder("damage-verify");
        Build(folder.Path);
        Apply(folder.Path, damage);

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path, new SearchIndexOptions { VerifyOnOpen = true }).Dispose());

        Assert.Equal(IndexProblem.Damaged, e.Problem);
    }

    [Fact]
    public void DeletedCommitPoint_ShouldNeverBeReplacedByANewEmptyIndex()
    {
        using var folder = new TempFolder("damage-nocommit");
        Build(folder.Path);
        Apply(folder.Path, Damage.DeleteAllCommitFiles);
        var before = Directory.GetFiles(folder.Path).Length;

        Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path).Dispose());

        // The segment files are still there for a backup or a forensic look.
        Assert.Equal(before, Directory.GetFiles(folder.Path).Length);
    }

    /// <summary>
    /// Random bytes changed anywhere in any index file: with checksums verified on open, the outcome is a
    /// Damaged error or a fully correct index; never another exception, never a wrong or empty result.
    /// </summary>
    [Fact]
    public void RandomByteDamage_WithVerifyOnOpen_ShouldBeDamagedOrIntact()
    {
        using var template = new TempFolder("damage-template");
        Build(template.Path);
        var names = Directory.GetFiles(template.Path).Select(Path.GetFileName).Where(n => n != "write.lock").Order(StringComparer.Ordinal).ToArray();
        var random = new Random(20261128);
        int damaged = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            using var folder = new TempFolder("damage-random");
            foreach (var name in names)
            {
                File.Copy(Path.Combine(template.Path, name!), Path.Combine(folder.Path, name!));
            }

            var victim = Path.Combine(folder.Path, names[random.Next(names.Length)]!);
            var bytes = File.ReadAllBytes(victim);
            int at = random.Next(bytes.Length);
            int count = Math.Min(random.Next(1, 16), bytes.Length - at);
            for (int i = 0; i < count; i++)
            {
                bytes[at + i] ^= (byte)random.Next(1, 256);
            }

            File.WriteAllBytes(victim, bytes);
            try
            {
                using var index = SearchIndex.Open(folder.Path, new SearchIndexOptions { VerifyOnOpen = true });
                ReadEverything(index);
            }
            catch (SearchKitIndexException e) when (e.Problem == IndexProblem.Damaged)
            {
                damaged++;
            }
        }

        Assert.True(damaged > 20, $"only {damaged} of 40 damaged copies were reported damaged");
    }

    /// <summary>
    /// Without checksum verification a changed byte may go unnoticed (documented), but it must still never
    /// surface as anything other than a Damaged error: no IndexOutOfRange from a decompressor, no crash.
    /// </summary>
    [Fact]
    public void RandomByteDamage_WithoutVerify_ShouldNeverThrowAnythingButDamaged()
    {
        using var template = new TempFolder("damage-template2");
        Build(template.Path);
        var names = Directory.GetFiles(template.Path).Select(Path.GetFileName).Where(n => n != "write.lock").Order(StringComparer.Ordinal).ToArray();
        var random = new Random(1128);
        for (int trial = 0; trial < 40; trial++)
        {
            using var folder = new TempFolder("damage-random2");
            foreach (var name in names)
            {
                File.Copy(Path.Combine(template.Path, name!), Path.Combine(folder.Path, name!));
            }

            var victim = Path.Combine(folder.Path, names[random.Next(names.Length)]!);
            var bytes = File.ReadAllBytes(victim);
            int at = random.Next(bytes.Length);
            for (int i = at; i < Math.Min(bytes.Length, at + 8); i++)
            {
                bytes[i] = (byte)random.Next(256);
            }

            File.WriteAllBytes(victim, bytes);
            try
            {
                using var index = SearchIndex.Open(folder.Path);
                foreach (var hit in index.Search("harbour OR wall OR report", new SearchKit.Searching.SearchOptions { Top = 1000 }).Hits)
                {
                    index.Get(hit.Id);
                }

                index.GetStats();
            }
            catch (SearchKitIndexException e) when (e.Problem == IndexProblem.Damaged)
            {
            }
        }
    }

    [Theory]
    [InlineData(Damage.TruncateSegmentFile)]
    [InlineData(Damage.OverwriteSegmentFileMiddle)]
    [InlineData(Damage.DeleteSegmentFile)]
    public void Check_ShouldReportTheBadSegmentAndWhatARepairLoses(Damage damage)
    {
        using var folder = new TempFolder("check");
        Build(folder.Path);
        Assert.True(SearchIndex.Check(folder.Path).Healthy);
        Apply(folder.Path, damage);

        var report = SearchIndex.Check(folder.Path);

        Assert.False(report.Healthy);
        Assert.False(report.Repaired);
        Assert.Equal((Segments, 1, (long)PerSegment), (report.Segments, report.BadSegments, report.ArticlesLost));
        Assert.Contains(report.Problems, p => p.StartsWith("segment _", StringComparison.Ordinal) && p.Contains($"({PerSegment} articles)", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains($"loses {PerSegment} articles", StringComparison.Ordinal));
        Assert.All(report.Problems, p => Assert.DoesNotContain('\n', p));
    }

    [Fact]
    public void CheckWithRepair_ShouldDropTheBadSegmentAndLeaveAWorkingIndex()
    {
        using var folder = new TempFolder("repair");
        Build(folder.Path);
        Apply(folder.Path, Damage.TruncateSegmentFile);

        var repaired = SearchIndex.Check(folder.Path, repair: true);

        Assert.True(repaired.Repaired);
        Assert.Equal(PerSegment, repaired.ArticlesLost);
        Assert.True(SearchIndex.Check(folder.Path).Healthy);
        using var index = SearchIndex.Open(folder.Path, new SearchIndexOptions { VerifyOnOpen = true });
        Assert.Equal((Segments - 1) * PerSegment, index.GetStats().Articles);
        Assert.Equal((Segments - 1) * PerSegment, index.Search("harbour", new SearchKit.Searching.SearchOptions { Top = 1000 }).Total);
    }

    [Fact]
    public void CheckWithRepair_WithoutACommitPoint_ShouldSayItCannotRepair()
    {
        using var folder = new TempFolder("repair-nocommit");
        Build(folder.Path);
        Apply(folder.Path, Damage.DeleteAllCommitFiles);

        var report = SearchIndex.Check(folder.Path, repair: true);

        Assert.False(report.Healthy);
        Assert.False(report.Repaired);
        Assert.Contains(report.Problems, p => p.Contains("nothing can be repaired", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckWithRepair_WhileAWriterHoldsTheLock_ShouldGetLocked()
    {
        using var folder = new TempFolder("repair-locked");
        Build(folder.Path);
        using var writer = SearchIndex.Open(folder.Path);
        writer.Upsert(Article.Create("busy", "Busy", null, ["text"]));

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Check(folder.Path, repair: true));

        Assert.Equal(IndexProblem.Locked, e.Problem);
    }

    internal static void Build(string path)
    {
        using var index = SearchIndex.Open(path);
        for (int s = 0; s < Segments; s++)
        {
            for (int i = 0; i < PerSegment; i++)
            {
                int n = (s * PerSegment) + i;
                index.Upsert(Article.Create("d" + n.ToString(CultureInfo.InvariantCulture), $"Harbour report {n}", null, [$"The harbour wall {n} held in the storm.", $"Second paragraph {n}."]));
            }

            index.Commit();
        }
    }

    /// <summary>Searches and reads back every article, as a user would.</summary>
    internal static void ReadEverything(SearchIndex index)
    {
        var results = index.Search("harbour", new SearchKit.Searching.SearchOptions { Top = 1000 });
        Assert.Equal(PerSegment * Segments, results.Total);
        foreach (var hit in results.Hits)
        {
            Assert.NotNull(index.Get(hit.Id));
        }
    }

    internal static void Apply(string path, Damage damage)
    {
        var files = Directory.GetFiles(path);
        string Largest(string ext) => files.Where(f => f.EndsWith(ext, StringComparison.Ordinal)).OrderByDescending(f => new FileInfo(f).Length).First();
        string Commit() => files.Where(f => Path.GetFileName(f).StartsWith("segments_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Last();
        switch (damage)
        {
            case Damage.TruncateSegmentFile:
                Truncate(Largest(".cfs"));
                break;
            case Damage.OverwriteSegmentFileMiddle:
                Overwrite(Largest(".cfs"), fromEnd: false);
                break;
            case Damage.OverwriteSegmentFileTail:
                Overwrite(Largest(".cfs"), fromEnd: true);
                break;
            case Damage.DeleteSegmentFile:
                File.Delete(Largest(".cfs"));
                break;
            case Damage.DeleteSegmentInfo:
                File.Delete(Largest(".si"));
                break;
            case Damage.TruncateCommitFile:
                Truncate(Commit());
                break;
            case Damage.DeleteCommitFile:
                File.Delete(Commit());
                break;
            case Damage.DeleteAllCommitFiles:
                foreach (var f in files.Where(f => Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal)))
                {
                    File.Delete(f);
                }

                break;
        }
    }

    private static void Truncate(string file)
    {
        using var s = new FileStream(file, FileMode.Open, FileAccess.Write);
        s.SetLength(s.Length / 2);
    }

    private static void Overwrite(string file, bool fromEnd)
    {
        using var s = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        int n = (int)Math.Min(64, s.Length / 4);
        s.Position = fromEnd ? s.Length - n : s.Length / 2;
        s.Write(Enumerable.Repeat((byte)0xA5, n).ToArray());
    }
}
