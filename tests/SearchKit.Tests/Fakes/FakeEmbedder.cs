using SearchKit.Analysis;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// A deterministic stand-in for a sentence-embedding model: a hashed bag of crude word stems in 64 dimensions,
/// normalised to unit length, with a tiny synonym table so that a paraphrase without a shared word ("heart attack",
/// "myocardial infarction") lands on the same vector. Counts its calls, so tests can see what was embedded.
/// </summary>
internal sealed class FakeEmbedder(string name = "fake-stems", string version = "1", int dimensions = 64) : ITextEmbedder
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["myocardial"] = "heart",
        ["cardiac"] = "heart",
        ["infarction"] = "attack",
        ["automobile"] = "car",
        ["vehicle"] = "car",
        ["physician"] = "doctor",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "a", "an", "the", "of", "and", "or", "to", "in", "on", "is", "was", "what", "how", "after", "for" };

    private long _passages;
    private long _passageCalls;
    private long _queries;

    public EmbeddingModelInfo Model { get; } = new(name, version, dimensions);

    /// <summary>Passages embedded so far.</summary>
    public long Passages => Interlocked.Read(ref _passages);

    /// <summary>Calls of <see cref="EmbedPassages"/> so far (batches).</summary>
    public long PassageCalls => Interlocked.Read(ref _passageCalls);

    /// <summary>Queries embedded so far.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>When set, every call throws this (an embedder that fails).</summary>
    public Exception? FailWith { get; set; }

    public bool Disposed { get; private set; }

    public IReadOnlyList<float[]> EmbedPassages(IReadOnlyList<string> passages, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        cancellation.ThrowIfCancellationRequested();
        if (FailWith is { } failure)
        {
            throw failure;
        }

        Interlocked.Add(ref _passages, passages.Count);
        Interlocked.Increment(ref _passageCalls);
        return [.. passages.Select(Embed)];
    }

    public float[] EmbedQuery(string query, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (FailWith is { } failure)
        {
            throw failure;
        }

        Interlocked.Increment(ref _queries);
        return Embed(query);
    }

    public void Dispose() => Disposed = true;

    /// <summary>The vector of a text: one hashed dimension per stem (with a sign from the hash), unit length.</summary>
    public float[] Embed(string text)
    {
        var vector = new float[Model.Dimensions];
        foreach (var stem in Stems(text))
        {
            uint hash = Fnv(stem);
            vector[hash % (uint)vector.Length] += (hash & 0x8000_0000) == 0 ? 1 : -1;
        }

        double norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm == 0)
        {
            // No words: a fixed unit vector, as a real model gives every empty text the same one.
            vector[0] = 1;
            return vector;
        }

        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }

        return vector;
    }

    public static IEnumerable<string> Stems(string text)
    {
        foreach (var raw in System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{Nd}]+"))
        {
            if (raw.Length == 0 || StopWords.Contains(raw))
            {
                continue;
            }

            var word = Synonyms.GetValueOrDefault(raw, raw);
            foreach (var suffix in new[] { "ing", "ed", "es", "s" })
            {
                if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal))
                {
                    word = word[..^suffix.Length];
                    break;
                }
            }

            yield return word;
        }
    }

    private static uint Fnv(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
