using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Bg;
using Lucene.Net.Analysis.Br;
using Lucene.Net.Analysis.Ca;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Cz;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.El;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Eu;
using Lucene.Net.Analysis.Fa;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Ga;
using Lucene.Net.Analysis.Gl;
using Lucene.Net.Analysis.Hi;
using Lucene.Net.Analysis.Hu;
using Lucene.Net.Analysis.Hy;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Lv;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.No;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Ro;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.Tr;

namespace SearchKit.Analysis;

/// <summary>The analyzers SearchKit knows by name; the name is recorded in the index that an analyzer builds.</summary>
public static class AnalyzerCatalog
{
    /// <summary>The analyzer used when none is named: <c>english</c>.</summary>
    public const string DefaultName = "english";

    private static readonly FrozenDictionary<string, Func<Analyzer>> Factories = new Dictionary<string, Func<Analyzer>>
    {
        ["english"] = () => new EnglishArticleAnalyzer(),
        ["standard"] = () => new StandardAnalyzer(LuceneInfo.Version),
        ["simple"] = () => new SimpleAnalyzer(LuceneInfo.Version),
        ["whitespace"] = () => new WhitespaceAnalyzer(LuceneInfo.Version),
        ["arabic"] = () => new ArabicAnalyzer(LuceneInfo.Version),
        ["armenian"] = () => new ArmenianAnalyzer(LuceneInfo.Version),
        ["basque"] = () => new BasqueAnalyzer(LuceneInfo.Version),
        ["brazilian"] = () => new BrazilianAnalyzer(LuceneInfo.Version),
        ["bulgarian"] = () => new BulgarianAnalyzer(LuceneInfo.Version),
        ["catalan"] = () => new CatalanAnalyzer(LuceneInfo.Version),
        ["cjk"] = () => new CJKAnalyzer(LuceneInfo.Version),
        ["czech"] = () => new CzechAnalyzer(LuceneInfo.Version),
        ["danish"] = () => new DanishAnalyzer(LuceneInfo.Version),
        ["dutch"] = () => new DutchAnalyzer(LuceneInfo.Version),
        ["finnish"] = () => new FinnishAnalyzer(LuceneInfo.Version),
        ["french"] = () => new FrenchAnalyzer(LuceneInfo.Version),
        ["galician"] = () => new GalicianAnalyzer(LuceneInfo.Version),
        ["german"] = () => new GermanAnalyzer(LuceneInfo.Version),
        ["greek"] = () => new GreekAnalyzer(LuceneInfo.Version),
        ["hindi"] = () => new HindiAnalyzer(LuceneInfo.Version),
        ["hungarian"] = () => new HungarianAnalyzer(LuceneInfo.Version),
        ["indonesian"] = () => new IndonesianAnalyzer(LuceneInfo.Version),
        ["irish"] = () => new IrishAnalyzer(LuceneInfo.Version),
        ["italian"] = () => new ItalianAnalyzer(LuceneInfo.Version),
        ["latvian"] = () => new LatvianAnalyzer(LuceneInfo.Version),
        ["norwegian"] = () => new NorwegianAnalyzer(LuceneInfo.Version),
        ["persian"] = () => new PersianAnalyzer(LuceneInfo.Version),
        ["portuguese"] = () => new PortugueseAnalyzer(LuceneInfo.Version),
        ["romanian"] = () => new RomanianAnalyzer(LuceneInfo.Version),
        ["russian"] = () => new RussianAnalyzer(LuceneInfo.Version),
        ["spanish"] = () => new SpanishAnalyzer(LuceneInfo.Version),
        ["swedish"] = () => new SwedishAnalyzer(LuceneInfo.Version),
        ["turkish"] = () => new TurkishAnalyzer(LuceneInfo.Version),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name <see cref="Create"/> accepts, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Creates a new analyzer by name (case-insensitive). The caller disposes it.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static Analyzer Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"unknown analyzer '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }

    /// <summary>Whether <paramref name="name"/> names a known analyzer.</summary>
    public static bool IsKnown(string name) => Factories.ContainsKey(name);
}
