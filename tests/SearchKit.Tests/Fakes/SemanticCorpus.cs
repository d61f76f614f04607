using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Tests.Fakes;

/// <summary>Small articles for semantic search, and an audit of the vectors an index holds.</summary>
internal static class SemanticCorpus
{
    public static Article Cardiology => new(
        "cardiology",
        "Outcomes in the coronary unit",
        "A review of a year of admissions.",
        [
            new Paragraph(0, "Patients were admitted with chest pain and breathlessness."),
            new Paragraph(1, "Early treatment of myocardial infarction reduced damage to the muscle.", "Treatment"),
            new Paragraph(2, "Follow-up clinics met the patients after six weeks.", "Treatment"),
        ])
    { Metadata = new ArticleMetadata { Category = "health" } };

    public static Article Ferry => new(
        "ferry",
        "Harbour ferry timetable changes",
        null,
        [
            new Paragraph(0, "The harbour ferry will sail every twenty minutes in summer."),
            new Paragraph(1, "Night crossings stop at midnight after complaints about noise."),
        ])
    { Metadata = new ArticleMetadata { Category = "transport" } };

    public static Article Motoring => new(
        "motoring",
        "Automobile sales rise",
        null,
        [
            new Paragraph(0, "Dealers sold more automobile models with electric engines this spring."),
            new Paragraph(1, "Charging points along the harbour road are busy at night."),
        ])
    { Metadata = new ArticleMetadata { Category = "transport" } };

    public static Article Orchard => new(
        "orchard",
        "Late frost in the orchards",
        null,
        [
            new Paragraph(0, "Apple blossom was lost across the valley after two nights below freezing."),
            new Paragraph(1, "Growers said the physician on call treated two pickers for cold."),
        ])
    { Metadata = new ArticleMetadata { Category = "farming" } };

    public static Article Clinic => new(
        "clinic",
        "Heart clinic opens",
        null,
        [
            new Paragraph(0, "A new heart clinic opened in the old harbour offices."),
            new Paragraph(1, "The doctor in charge said waiting lists would shrink."),
        ])
    { Metadata = new ArticleMetadata { Category = "health" } };

    public static IReadOnlyList<Article> All => [Cardiology, Ferry, Motoring, Orchard, Clinic];

    /// <summary>
    /// Checks every live article of the index's last commit: its vectors are exactly the embedder's vectors of its
    /// title and lead and of each paragraph, one row each. Returns how many articles have vectors.
    /// </summary>
    public static int AuditVectors(Lucene.Net.Store.Directory directory, FakeEmbedder embedder)
    {
        using var reader = DirectoryReader.Open(directory);
        int withVectors = 0;
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var values = segment.GetBinaryDocValues(ArticleFields.Vectors);
            var has = segment.GetDocsWithField(ArticleFields.Vectors);
            for (int d = 0; d < segment.MaxDoc; d++)
            {
                if (segment.LiveDocs is { } live && !live.Get(d))
                {
                    continue;
                }

                var article = ArticleDocumentMapper.FromDocument(segment.Document(d));
                if (has is null || !has.Get(d))
                {
                    continue;
                }

                var bytes = new BytesRef();
                values!.Get(d, bytes);
                int dims = embedder.Model.Dimensions;
                Assert.Equal(article.Paragraphs.Count + 1, ArticleVectors.RowCount(bytes, dims));
                var stored = new float[(article.Paragraphs.Count + 1) * dims];
                ArticleVectors.Decode(bytes, stored);
                var texts = ArticleVectors.Texts(article);
                for (int r = 0; r < texts.Length; r++)
                {
                    Assert.Equal(embedder.Embed(texts[r]), stored.AsSpan(r * dims, dims).ToArray());
                }

                withVectors++;
            }
        }

        return withVectors;
    }

    /// <summary>The audit of an index folder.</summary>
    public static int AuditVectors(string path, FakeEmbedder embedder)
    {
        using var directory = FSDirectory.Open(path);
        return AuditVectors(directory, embedder);
    }
}
