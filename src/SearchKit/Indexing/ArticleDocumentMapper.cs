using System.Globalization;
using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>Maps an article to one Lucene document and back, and writes it to a writer by its id.</summary>
internal static class ArticleDocumentMapper
{
    private static readonly FieldType BodyType = Freeze(new FieldType(TextField.TYPE_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private static FieldType Freeze(FieldType type)
    {
        type.Freeze();
        return type;
    }

    // Always an update by id, never a plain add, even for an id the caller believes new: another writer of
    // this index (a concurrent run, an Upsert not yet committed) may hold the same id, and only the
    // delete-by-id of an update keeps exactly one document per id. Plain adds were measured about a tenth
    // faster in bulk runs (docs/benchmarks.md) and dropped for that reason.

    /// <summary>Adds the article to <paramref name="writer"/>, replacing any document with its id: the one way an article is written.</summary>
    /// <exception cref="ArticleReadException">A metadata value cannot be read as its field's kind (see <see cref="FieldSchema"/>).</exception>
    /// <remarks>With <paramref name="vectors"/> (<see cref="ArticleVectors"/>) when the index has embeddings.</remarks>
    public static void Upsert(IndexWriter writer, FieldSchema schema, Article article, BytesRef? vectors = null) => writer.UpdateDocument(IdTerm(article.Id), ToDocument(article, schema, vectors));

    /// <summary>Deletes the document with this id from <paramref name="writer"/>, if there is one.</summary>
    public static void Delete(IndexWriter writer, string id) => writer.DeleteDocuments(IdTerm(id));

    /// <summary>The term that finds an article by its id.</summary>
    public static Term IdTerm(string id) => new(ArticleFields.Id, id);

    public static Document ToDocument(Article article, FieldSchema schema, BytesRef? vectors = null)
    {
        // Before anything is built: a value of the wrong kind fails the article, not the writer.
        var fields = schema.Resolve(article);
        var doc = new Document
        {
            new StringField(ArticleFields.Id, article.Id, Field.Store.YES),
            new BinaryDocValuesField(ArticleFields.Id, new BytesRef(article.Id)),
            new TextField(ArticleFields.Title, article.Title, Field.Store.YES),
            new BinaryDocValuesField(ArticleFields.Title, new BytesRef(article.Title)),
            new NumericDocValuesField(ArticleFields.ParagraphCount, article.Paragraphs.Count),
        };

        if (article.Lead is { } lead)
        {
            doc.Add(new TextField(ArticleFields.Lead, lead, Field.Store.YES));
        }

        var headings = new List<string>();
        var layout = new StringBuilder();
        foreach (var paragraph in article.Paragraphs)
        {
            int headingIndex = -1;
            if (paragraph.Heading is { } heading)
            {
                headingIndex = headings.IndexOf(heading);
                if (headingIndex < 0)
                {
                    headingIndex = headings.Count;
                    headings.Add(heading);
                    doc.Add(new TextField(ArticleFields.Heading, heading, Field.Store.YES));
                }
            }

            if (layout.Length > 0)
            {
                layout.Append(',');
            }

            layout.Append(headingIndex.ToString(CultureInfo.InvariantCulture));
            doc.Add(new Field(ArticleFields.Body, paragraph.Text, BodyType));
        }

        if (headings.Count > 0)
        {
            doc.Add(new StoredField(ArticleFields.Layout, layout.ToString()));
        }

        var meta = article.Metadata;
        var path = meta.SourcePath ?? string.Empty;
        doc.Add(new StringField(ArticleFields.Path, path, Field.Store.YES));
        doc.Add(new BinaryDocValuesField(ArticleFields.Path, new BytesRef(path)));
        doc.Add(new BinaryDocValuesField(ArticleFields.Hash, new BytesRef(meta.ContentHash ?? string.Empty)));
        if (meta.ContentHash is { } hash)
        {
            doc.Add(new StoredField(ArticleFields.Hash, hash));
        }

        foreach (var (name, kind, values) in fields)
        {
            MetadataLayout.Add(doc, name, kind, values);
        }

        if (vectors is not null)
        {
            // In the document itself, so that updates, deletes, merges and commits keep vectors and text in step.
            doc.Add(new BinaryDocValuesField(ArticleFields.Vectors, vectors));
        }

        return doc;
    }

    public static Article FromDocument(Document doc)
    {
        var headings = doc.GetValues(ArticleFields.Heading);
        var texts = doc.GetValues(ArticleFields.Body);
        var layout = ParseLayout(doc.Get(ArticleFields.Layout), texts.Length);
        var paragraphs = new Paragraph[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            paragraphs[i] = new Paragraph(i, texts[i], HeadingAt(headings, layout, i));
        }

        var path = doc.Get(ArticleFields.Path);
        var (fixedFields, named) = SplitFields(MetadataLayout.Read(doc));
        return new Article(doc.Get(ArticleFields.Id), doc.Get(ArticleFields.Title) ?? string.Empty, doc.Get(ArticleFields.Lead), paragraphs)
        {
            Metadata = new ArticleMetadata
            {
                SourcePath = string.IsNullOrEmpty(path) ? null : path,
                ContentHash = doc.Get(ArticleFields.Hash),
                Category = fixedFields.TryGetValue("category", out var c) ? c[0].TextValue : null,
                Tags = fixedFields.TryGetValue("tags", out var t) ? [.. t.Select(v => v.TextValue!)] : [],
                Published = fixedFields.TryGetValue("published", out var p) ? p[0].DateValue : null,
                Url = fixedFields.TryGetValue("url", out var u) && Uri.TryCreate(u[0].TextValue, UriKind.Absolute, out var url) ? url : null,
                Fields = named,
            },
        };
    }

    /// <summary>The fixed metadata and the named fields of a document's metadata.</summary>
    private static (IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> Fixed, IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> Named) SplitFields(IReadOnlyDictionary<string, IReadOnlyList<FieldValue>> all)
    {
        var named = all.Where(kv => !FieldNames.Fixed.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
        return named.Count == all.Count ? (FieldNames.NoFields, all) : (all, named);
    }

    public static int[] ParseLayout(string? layout, int paragraphs)
    {
        var result = new int[paragraphs];
        Array.Fill(result, -1);
        if (string.IsNullOrEmpty(layout))
        {
            return result;
        }

        int i = 0;
        foreach (var part in layout.Split(','))
        {
            if (i >= paragraphs)
            {
                break;
            }

            result[i++] = int.Parse(part, CultureInfo.InvariantCulture);
        }

        return result;
    }

    public static string? HeadingAt(string[] headings, int[] layout, int paragraph)
    {
        int h = layout[paragraph];
        return h >= 0 && h < headings.Length ? headings[h] : null;
    }
}
