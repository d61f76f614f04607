using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using SearchKit.Analysis;
using SearchKit.Articles;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchKit.Benchmarks;

/// <summary>
/// The raw baseline: the same documents as SearchKit writes (same fields, field types, analyzer, similarity and
/// writer settings), built by a minimal hand-written Lucene.Net loop. SearchKit ÷ this = the wrapper's cost.
/// Written independently of SearchKit's mapper on purpose, so a change there shows up as a difference here.
/// </summary>
public static class RawLucene
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly FieldType BodyType = Frozen(new FieldType(TextField.TYPE_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS });

    /// <summary>
    /// Indexes the articles with <paramref name="threads"/> threads sharing one writer; commits once at the end.
    /// With <paramref name="minimal"/>, the least Lucene can do to make the same text searchable: title, lead, headings and paragraphs as unstored
    /// text fields (positions, no offsets), no stored fields, no doc values. What indexing costs above the
    /// analysis floor with nothing of SearchKit's document shape. With <paramref name="updateById"/>, every
    /// document is written as SearchKit writes it: an update that first deletes any document with its id.
    /// </summary>
    public static void Index(LuceneDirectory directory, IReadOnlyList<Article> articles, int threads, double ramBufferMB = 64, bool minimal = false, bool updateById = false)
    {
        using var analyzer = new GapAnalyzer(new EnglishArticleAnalyzer());
        var config = new IndexWriterConfig(Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = ramBufferMB,
            Similarity = new BM25Similarity(1.2f, 0.75f),
        };
        using var writer = new IndexWriter(directory, config);
        int next = -1;
        Parallel(threads, () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < articles.Count)
            {
                var doc = minimal ? ToMinimalDocument(articles[i]) : ToDocument(articles[i]);
                if (updateById)
                {
                    writer.UpdateDocument(new Term("id", articles[i].Id), doc);
                }
                else
                {
                    writer.AddDocument(doc);
                }
            }
        });
        writer.Commit();
    }

    /// <summary>
    /// The analysis floor: the same analyzer over the same text fields (title, lead, headings, paragraphs),
    /// nothing else. Returns the token count so the work cannot be optimised away.
    /// </summary>
    public static long Analyze(IReadOnlyList<Article> articles, int threads)
    {
        long tokens = 0;
        int next = -1;
        Parallel(threads, () =>
        {
            using var analyzer = new GapAnalyzer(new EnglishArticleAnalyzer());
            long n = 0;
            int i;
            while ((i = Interlocked.Increment(ref next)) < articles.Count)
            {
                var a = articles[i];
                n += Consume(analyzer, "title", a.Title);
                if (a.Lead is { } lead)
                {
                    n += Consume(analyzer, "lead", lead);
                }

                foreach (var h in a.Headings)
                {
                    n += Consume(analyzer, "heading", h);
                }

                foreach (var p in a.Paragraphs)
                {
                    n += Consume(analyzer, "body", p.Text);
                }
            }

            Interlocked.Add(ref tokens, n);
        });
        return tokens;
    }

    private static Document ToMinimalDocument(Article article)
    {
        var doc = new Document { new TextField("title", article.Title, Field.Store.NO) };
        if (article.Lead is { } lead)
        {
            doc.Add(new TextField("lead", lead, Field.Store.NO));
        }

        foreach (var h in article.Headings)
        {
            doc.Add(new TextField("heading", h, Field.Store.NO));
        }

        foreach (var p in article.Paragraphs)
        {
            doc.Add(new TextField("body", p.Text, Field.Store.NO));
        }

        return doc;
    }

    /// <summary>The document SearchKit's mapper builds, written out by hand.</summary>
    public static Document ToDocument(Article article)
    {
        var doc = new Document
        {
            new StringField("id", article.Id, Field.Store.YES),
            new BinaryDocValuesField("id", new BytesRef(article.Id)),
            new TextField("title", article.Title, Field.Store.YES),
            new BinaryDocValuesField("title", new BytesRef(article.Title)),
            new NumericDocValuesField("paragraphs", article.Paragraphs.Count),
        };
        if (article.Lead is { } lead)
        {
            doc.Add(new TextField("lead", lead, Field.Store.YES));
        }

        var headings = new List<string>();
        var layout = new StringBuilder();
        foreach (var p in article.Paragraphs)
        {
            int h = -1;
            if (p.Heading is { } heading)
            {
                h = headings.IndexOf(heading);
                if (h < 0)
                {
                    h = headings.Count;
                    headings.Add(heading);
                    doc.Add(new TextField("heading", heading, Field.Store.YES));
                }
            }

            layout.Append(layout.Length > 0 ? "," : string.Empty).Append(h.ToString(CultureInfo.InvariantCulture));
            doc.Add(new Field("body", p.Text, BodyType));
        }

        if (headings.Count > 0)
        {
            doc.Add(new StoredField("layout", layout.ToString()));
        }

        var meta = article.Metadata;
        var path = meta.SourcePath ?? string.Empty;
        doc.Add(new StringField("path", path, Field.Store.YES));
        doc.Add(new BinaryDocValuesField("path", new BytesRef(path)));
        doc.Add(new BinaryDocValuesField("hash", new BytesRef(meta.ContentHash ?? string.Empty)));
        if (meta.ContentHash is { } hash)
        {
            doc.Add(new StoredField("hash", hash));
        }

        if (meta.Category is { } category)
        {
            doc.Add(new StringField("category", category, Field.Store.YES));
        }

        foreach (var tag in meta.Tags)
        {
            doc.Add(new StringField("tag", tag, Field.Store.YES));
        }

        if (meta.Published is { } published)
        {
            doc.Add(new StoredField("published", published.ToUnixTimeMilliseconds()));
            doc.Add(new NumericDocValuesField("published", published.ToUnixTimeMilliseconds()));
        }

        if (meta.Url is { } url)
        {
            doc.Add(new StoredField("url", url.ToString()));
        }

        return doc;
    }

    private static long Consume(Analyzer analyzer, string field, string text)
    {
        long n = 0;
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            n += term.Length > 0 ? 1 : 0;
        }

        stream.End();
        return n;
    }

    private static void Parallel(int threads, Action body)
    {
        var list = Enumerable.Range(0, threads).Select(_ => new Thread(() => body())).ToList();
        list.ForEach(t => t.Start());
        list.ForEach(t => t.Join());
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>The same position and offset gaps between paragraphs as SearchKit's analyzer wrapper.</summary>
    private sealed class GapAnalyzer(Analyzer inner) : AnalyzerWrapper(inner.Strategy)
    {
        protected override Analyzer GetWrappedAnalyzer(string fieldName) => inner;

        public override int GetPositionIncrementGap(string fieldName) => 1000;

        public override int GetOffsetGap(string fieldName) => 1;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
