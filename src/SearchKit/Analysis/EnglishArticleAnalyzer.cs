using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;

namespace SearchKit.Analysis;

/// <summary>
/// SearchKit's default analysis for English: Unicode word breaks, possessives removed (straight and
/// typographic apostrophes alike, so <c>Russia's</c> finds <c>Russia’s</c>), lower case, English stop
/// words, Porter stemming (<c>negotiations</c> finds <c>negotiate</c>).
/// </summary>
public sealed class EnglishArticleAnalyzer : Analyzer
{
    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(LuceneInfo.Version, reader);
        TokenStream result = new EnglishPossessiveFilter(LuceneInfo.Version, source);
        result = new LowerCaseFilter(LuceneInfo.Version, result);
        result = new StopFilter(LuceneInfo.Version, result, EnglishAnalyzer.DefaultStopSet);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }
}
