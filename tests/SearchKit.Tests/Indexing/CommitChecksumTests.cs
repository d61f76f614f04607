using System.Globalization;
using Lucene.Net.Index;
using SearchKit.Articles;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Indexing;

/// <summary>
/// Every file of the commit is checksummed on open before Lucene parses it: one changed byte in any one of them
/// (the commit point, a segment info, a compound-file table or body, a deletions file) is reported as
/// <see cref="IndexProblem.Damaged"/> naming that very file, by the checksum check rather than by whatever the
/// parser would have made of the bytes.
/// </summary>
public class CommitChecksumTests
{
    public static TheoryData<string> FileKinds() => ["segments_", ".si", ".cfe", ".cfs", ".del"];

    [Theory]
    [MemberData(nameof(FileKinds))]
    public void Open_WithOneChangedByteInOneCommitFile_ShouldReportThatFileDamagedByItsChecksum(string kind)
    {
        using var folder = new TempFolder("commit-checksum");
        Build(folder.Path);
        var victims = CommitFiles(folder.Path).Where(f => kind.StartsWith('.') ? f.EndsWith(kind, StringComparison.Ordinal) : f.StartsWith(kind, StringComparison.Ordinal)).ToList();
        Assert.True(victims.Count > 0, $"the commit should have a {kind} file: {string.Join(", ", CommitFiles(folder.Path))}");
        var victim = victims[0];
        FlipMiddleByte(Path.Combine(folder.Path, victim));

        var e = Assert.Throws<SearchKitIndexException>(() => SearchIndex.Open(folder.Path).Dispose());

        Assert.Equal(IndexProblem.Damaged, e.Problem);
        Assert.True(e.Message.Contains($"({victim}: checksum failed", StringComparison.Ordinal), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Open_WithEveryCommitFileIntact_ShouldOpen()
    {
        using var folder = new TempFolder("commit-checksum-ok");
        Build(folder.Path);

        using var index = SearchIndex.Open(folder.Path);

        Assert.Equal(29, index.GetStats().Articles);
    }

    /// <summary>Three segments of ten articles, the second with one deletion (so the commit has a .del file).</summary>
    private static void Build(string path)
    {
        using var index = SearchIndex.Open(path);
        for (int s = 0; s < 3; s++)
        {
            for (int i = 0; i < 10; i++)
            {
                string id = "d" + ((s * 10) + i).ToString(CultureInfo.InvariantCulture);
                index.Upsert(Article.Create(id, $"Harbour report {id}", null, [$"The harbour wall {id} held in the storm."]));
            }

            index.Commit();
            if (s == 1)
            {
                index.Delete("d3");
            }
        }
    }

    /// <summary>The files of the newest commit, commit point first, as Lucene lists them.</summary>
    private static List<string> CommitFiles(string path)
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(path);
        var infos = new SegmentInfos();
        infos.Read(directory);
        return [.. infos.GetFiles(directory, includeSegmentsFile: true).Order(StringComparer.Ordinal)];
    }

    private static void FlipMiddleByte(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
    }
}
