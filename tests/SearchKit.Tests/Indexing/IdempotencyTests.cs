using System.Globalization;
using CsCheck;
using SearchKit.Articles;
using SearchKit.Indexing;
using SearchKit.Searching;

namespace SearchKit.Tests.Indexing;

/// <summary>Any sequence of add, update and delete leaves exactly one document per live id.</summary>
public class IdempotencyTests
{
    // ASCII ids, and ids beyond ASCII: a surrogate pair, CJK, Greek, and "café" precomposed and decomposed
    // (two different ids that look alike). Ids are exact: none may be folded into another.
    private static readonly string[] Ids = ["k0", "k1", "k2", "k3", "k4", "k5", "k😀", "東京", "κλειδί", "caf\u00E9", "cafe\u0301"];
    private static readonly SearchOptions CountOnly = new() { Paragraphs = false, Top = 10 };

    private enum Kind
    {
        Upsert,
        Delete,
        Commit,
        Batch,
    }

    private sealed record Op(Kind Kind, string Id, int Version, (string Id, int Version)[] Batch)
    {
        public override string ToString() => Kind == Kind.Batch ? $"Batch[{string.Join(",", Batch.Select(b => $"{b.Id}v{b.Version}"))}]" : $"{Kind} {Id}v{Version}";
    }

    private static readonly Gen<string> GenId = Gen.OneOfConst(Ids);

    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (4, Gen.Select(GenId, Gen.Int[0, 99], (id, v) => new Op(Kind.Upsert, id, v, []))),
        (2, GenId.Select(id => new Op(Kind.Delete, id, 0, []))),
        (1, Gen.Const(new Op(Kind.Commit, string.Empty, 0, []))),
        (2, Gen.Select(GenId, Gen.Int[0, 99]).Array[1, 12].Select(b => new Op(Kind.Batch, string.Empty, 0, b))));

    /// <summary>
    /// The model: for each live id, the versions its document may hold (one, except when a parallel batch
    /// carried the id more than once and either copy may be the last written).
    /// </summary>
    [Fact]
    public void AnySequenceOfWrites_ShouldLeaveExactlyOneDocumentPerLiveId()
    {
        GenOp.Array[1, 25].Sample(ops =>
        {
            using var index = SearchIndex.CreateInMemory(new SearchIndexOptions { IndexingThreads = 3 });
            var model = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            foreach (var op in ops)
            {
                switch (op.Kind)
                {
                    case Kind.Upsert:
                        index.Upsert(Make(op.Id, op.Version));
                        model[op.Id] = [op.Version];
                        break;
                    case Kind.Delete:
                        index.Delete(op.Id);
                        model.Remove(op.Id);
                        break;
                    case Kind.Commit:
                        index.Commit();
                        break;
                    case Kind.Batch:
                        index.Commit(); // Add reads the committed ids to count added versus updated
                        var before = model.Keys.ToHashSet(StringComparer.Ordinal);
                        var report = index.Add(op.Batch.Select(b => Make(b.Id, b.Version)));
                        var distinct = op.Batch.Select(b => b.Id).Distinct().ToList();
                        Assert.Equal(distinct.Count(id => !before.Contains(id)), report.Added);
                        Assert.Equal(op.Batch.Length, report.Added + report.Updated);
                        foreach (var group in op.Batch.GroupBy(b => b.Id))
                        {
                            model[group.Key] = group.Select(b => b.Version).ToHashSet();
                        }

                        break;
                }
            }

            index.Commit();
            AssertMatches(index, model);
        }, iter: 60, print: ops => string.Join("; ", ops.Select(o => o.ToString())));
    }

    [Fact]
    public void SameIdsFromTwoThreads_ShouldLeaveOneDocumentEach()
    {
        using var index = SearchIndex.CreateInMemory();
        var ids = Enumerable.Range(0, 300).Select(i => "t" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        using var start = new Barrier(2);

        void Writer(int version)
        {
            start.SignalAndWait();
            foreach (var id in ids)
            {
                index.Upsert(Make(id, version));
                if (id.EndsWith("50", StringComparison.Ordinal))
                {
                    index.Commit();
                }
            }
        }

        Parallel.Invoke(() => Writer(1), () => Writer(2));
        index.Commit();

        Assert.Equal(ids.Length, index.GetStats().Articles);
        foreach (var id in ids)
        {
            Assert.Equal(1L, index.Search($"id:{id}", CountOnly).Total);
        }
    }

    [Fact]
    public void TwoConcurrentBulkRunsWithOverlappingIds_ShouldLeaveOneDocumentEach()
    {
        using var index = SearchIndex.CreateInMemory();
        var first = Enumerable.Range(0, 400).Select(i => Make("b" + i.ToString(CultureInfo.InvariantCulture), 1)).ToList();
        var second = Enumerable.Range(200, 400).Select(i => Make("b" + i.ToString(CultureInfo.InvariantCulture), 2)).ToList();
        var small = new IndexingOptions { CommitEveryArticles = 50 };

        IndexingReport a = null!, b = null!;
        Parallel.Invoke(() => a = index.Add(first, small), () => b = index.Add(second, small));

        Assert.Equal(600, index.GetStats().Articles);
        Assert.Equal(800, a.Indexed + b.Indexed);
        for (int i = 0; i < 600; i++)
        {
            Assert.Equal(1L, index.Search($"id:b{i}", CountOnly).Total);
        }
    }

    private static Article Make(string id, int version) =>
        Article.Create(id, $"Item {id} version {version}", null, [$"Body of {id} at version v{version}."]);

    private static void AssertMatches(SearchIndex index, Dictionary<string, HashSet<int>> model)
    {
        Assert.Equal(model.Count, index.GetStats().Articles);
        foreach (var id in Ids)
        {
            // The query syntax needs ASCII ids here; the others are checked through Get, and the total count
            // above leaves no room for a duplicate of any id.
            long? hits = id.All(char.IsAsciiLetterOrDigit) ? index.Search($"id:{id}", CountOnly).Total : null;
            var article = index.Get(id);
            if (model.TryGetValue(id, out var versions))
            {
                Assert.True(hits is null or 1L);
                Assert.Equal(id, article!.Id);
                int version = int.Parse(article!.Title.Split(' ')[^1], CultureInfo.InvariantCulture);
                Assert.Contains(version, versions);
            }
            else
            {
                Assert.True(hits is null or 0L);
                Assert.Null(article);
            }
        }
    }
}
