using System.Text;
using SearchKit.Articles;

namespace SearchKit.Benchmarking;

/// <summary>
/// A deterministic synthetic news corpus, so anyone can reproduce a benchmark figure without a data set:
/// invented words drawn from a Zipf distribution, arranged in articles whose title, lead, heading and paragraph
/// lengths resemble real news: a title of 4–12 words, a lead of 18–40, 3–12 paragraphs of 1–4 sentences, a section
/// heading before about every fourth paragraph; about 3 KB of text an article, a little longer than BBC news.
/// Every article has a category (round robin over five), one to three tags, a publication time (37 minutes apart)
/// and a number field <c>wordcount</c> (its body's words), so that filters, sorts and facets of every kind can be measured.
/// Articles are generated lazily, so a corpus of any size streams in constant memory.
/// </summary>
public sealed class SyntheticCorpus
{
    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "sh", "st", "th", "tr"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
    private static readonly string[] Codas = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "rk", "st", "x"];

    private readonly SyntheticCorpusOptions _options;
    private readonly string[] _words;
    private readonly double[] _cumulative;

    /// <summary>Builds the vocabulary for <paramref name="options"/> (about a tenth of a second for 50,000 words).</summary>
    public SyntheticCorpus(SyntheticCorpusOptions? options = null)
    {
        _options = options ?? SyntheticCorpusOptions.Default;
        _options.Validate();
        _words = BuildVocabulary(_options.VocabularySize, _options.Seed);
        _cumulative = new double[_words.Length];
        double sum = 0;
        for (int r = 0; r < _words.Length; r++)
        {
            sum += 1.0 / Math.Pow(r + 1, _options.ZipfExponent);
            _cumulative[r] = sum;
        }

        for (int r = 0; r < _cumulative.Length; r++)
        {
            _cumulative[r] /= sum;
        }
    }

    /// <summary>The options the corpus was built with.</summary>
    public SyntheticCorpusOptions Options => _options;

    /// <summary>The vocabulary, most frequent word first.</summary>
    public IReadOnlyList<string> Vocabulary => _words;

    /// <summary>
    /// The articles, ids <c>synthetic/000001</c> upwards. Each enumeration yields the same articles; article
    /// <c>i</c> depends only on the seed and <c>i</c>, so any slice can be regenerated alone.
    /// </summary>
    public IEnumerable<Article> Articles()
    {
        for (int i = 0; i < _options.Articles; i++)
        {
            yield return Article(i);
        }
    }

    /// <summary>Generates article number <paramref name="index"/> (from 0).</summary>
    public Article Article(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Not HashCode.Combine: it is salted per process, and the corpus must be the same in every process.
        var random = new Random(unchecked((_options.Seed * 1_000_003) ^ (index * 7_919) ^ 0x5EA2C4));
        var sb = new StringBuilder(256);
        string title = Capitalise(Words(random, sb, random.Next(4, 13)));
        string lead = Sentence(random, sb, random.Next(18, 41));
        int count = random.Next(3, 13);
        var paragraphs = new List<string>(count);
        var headings = new Dictionary<int, string>();
        for (int p = 0; p < count; p++)
        {
            if (p > 0 && random.NextDouble() < 0.25)
            {
                headings[p] = Capitalise(Words(random, sb, random.Next(2, 6)));
            }

            int sentences = random.Next(1, 5);
            var text = new StringBuilder(sentences * 100);
            for (int s = 0; s < sentences; s++)
            {
                if (s > 0)
                {
                    text.Append(' ');
                }

                text.Append(Sentence(random, sb, random.Next(8, 26)));
            }

            paragraphs.Add(text.ToString());
        }

        var article = SearchKit.Articles.Article.Create($"synthetic/{index + 1:D6}", title, lead, paragraphs, headings);
        return article with
        {
            Metadata = new ArticleMetadata
            {
                Category = Categories[index % Categories.Length],
                Tags = DrawTags(random),
                Published = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(index * 37L),

                // A number field, so that numeric filters, sorts and range facets can be measured: the body's words.
                Fields = new Dictionary<string, IReadOnlyList<FieldValue>>
                {
                    ["wordcount"] = [FieldValue.Number(paragraphs.Sum(p => p.Count(c => c == ' ') + 1))],
                },
            },
        };
    }

    /// <summary>
    /// A deterministic mix of queries over the vocabulary, one of each kind the engine supports per group: term,
    /// two-term AND and OR, phrase, proximity, fuzzy, prefix and field queries. Words come from ranks 30–3,000
    /// (the top ranks behave like stop words, which an English index drops), and phrases are word pairs that
    /// occur in the corpus, so every kind finds something, as users' queries do.
    /// </summary>
    public IReadOnlyList<string> SampleQueries(int groups = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        var random = new Random(_options.Seed ^ 0x51AB);
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < _words.Length; r++)
        {
            rank[_words[r]] = r;
        }

        int top = Math.Min(3000, _words.Length - 1);
        int floor = Math.Min(30, top - 1);
        var list = new List<string>();
        for (int g = 0; g < groups; g++)
        {
            string W() => _words[floor + random.Next(top - floor)];
            string a = W(), b = W(), c = W(), d = W();
            var (p1, p2) = Bigram(g * 2, rank, floor);
            var (q1, q2) = Bigram((g * 2) + 1, rank, floor);
            list.Add(a);
            list.Add($"{a} AND {b}");
            list.Add($"{c} OR {d}");
            list.Add($"\"{p1} {p2}\"");
            list.Add($"\"{q1} {q2}\"~5");
            list.Add($"{Typo(d)}~");
            list.Add($"{b[..Math.Min(4, b.Length)]}*");
            list.Add($"title:{c}");
        }

        return list;
    }

    /// <summary>Two adjacent words of an article's first paragraph, both of rank ≥ <paramref name="floor"/>.</summary>
    private (string, string) Bigram(int article, Dictionary<string, int> rank, int floor)
    {
        for (int i = article; ; i += 7919)
        {
            var words = Article(i).Paragraphs[0].Text.ToLowerInvariant().Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries);
            for (int w = 0; w + 1 < words.Length; w++)
            {
                if (rank[words[w]] >= floor && rank[words[w + 1]] >= floor)
                {
                    return (words[w], words[w + 1]);
                }
            }
        }
    }

    private static readonly string[] Categories = ["business", "entertainment", "politics", "sport", "tech"];

    /// <summary>Tag names, drawn Zipf-like (the first most often), as tags on a news site are.</summary>
    private static readonly string[] TagNames =
    [
        "economy", "elections", "football", "music", "film", "energy", "health", "education", "transport", "housing",
        "tennis", "cricket", "markets", "science", "climate", "europe", "asia", "americas", "africa", "courts",
    ];

    /// <summary>One to three distinct tags, drawn after the text so the text of every article stays as it was.</summary>
    private static IReadOnlyList<string> DrawTags(Random random)
    {
        int count = 1 + random.Next(3);
        var tags = new List<string>(count);
        while (tags.Count < count)
        {
            // Rank ∝ u², so low ranks are frequent: the first tag is on about a fifth of the articles.
            var tag = TagNames[(int)(TagNames.Length * Math.Pow(random.NextDouble(), 2))];
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    private static string Typo(string word) => word.Length < 4 ? word : word[..2] + word[3] + word[2] + word[4..];

    private string Words(Random random, StringBuilder sb, int n)
    {
        sb.Clear();
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(NextWord(random));
        }

        return sb.ToString();
    }

    private string Sentence(Random random, StringBuilder sb, int n)
    {
        sb.Clear();
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(i % 9 == 0 && random.NextDouble() < 0.5 ? ", " : " ");
            }

            var word = NextWord(random);
            if (i == 0)
            {
                sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                sb.Append(word);
            }
        }

        return sb.Append('.').ToString();
    }

    private string NextWord(Random random)
    {
        int rank = Array.BinarySearch(_cumulative, random.NextDouble());
        rank = rank >= 0 ? rank : ~rank;
        return _words[Math.Min(rank, _words.Length - 1)];
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Pronounceable invented words; frequent ranks get short words, as in natural language.</summary>
    private static string[] BuildVocabulary(int size, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new string[size];
        var sb = new StringBuilder();
        for (int r = 0; r < size; r++)
        {
            int syllables = 1 + (int)Math.Min(4, Math.Log10(r + 1) * random.NextDouble() * 1.3 + random.NextDouble());
            string word;
            do
            {
                sb.Clear();
                for (int s = 0; s < syllables; s++)
                {
                    sb.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]).Append(Codas[random.Next(Codas.Length)]);
                }

                word = sb.ToString();
                syllables += seen.Contains(word) && random.NextDouble() < 0.2 ? 1 : 0;
            }
            while (!seen.Add(word));
            words[r] = word;
        }

        return words;
    }
}
