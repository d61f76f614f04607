using SearchKit.Fuzz;

namespace SearchKit.Tests.Fuzz;

/// <summary>
/// Replays every seed input of every fuzz target through the same target code the fuzzer runs, so a seed (or a
/// finding kept as a seed) that crashes, escapes an undocumented exception or exceeds the query budget fails CI.
/// </summary>
public sealed class FuzzCorpusTests
{
    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");

    public static TheoryData<string, string> Seeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Targets.All.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Corpus, target)).Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_ShouldHoldSeedsForEveryTarget()
    {
        foreach (var target in Targets.All.Keys)
        {
            Assert.True(Directory.Exists(Path.Combine(Corpus, target)), $"no seed folder for the '{target}' target");
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Corpus, target)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_ShouldPassItsTarget(string target, string seed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, target, seed));

        // The target throws for a crash, an undocumented exception or an input over the time budget.
        Targets.All[target](bytes);
    }
}
