using System.Globalization;
using Lucene.Net.Index;
using SearchKit.Searching;

namespace SearchKit.Indexing;

/// <summary>Counts and facts about an index at its last commit: what <see cref="SearchIndex.GetStats"/> reports.</summary>
internal static class IndexStatistics
{
    /// <summary>Reads the statistics of the index in <paramref name="directory"/> through <paramref name="reader"/>'s current view.</summary>
    public static IndexStats Read(Lucene.Net.Store.Directory directory, ReaderHost reader, FieldSchema schema, string analyzerName, string location, int topTerms)
    {
        var data = WriterHost.ReadCommitData(directory, location);
        long size = directory.ListAll().Sum(f => SafeLength(directory, f));
        return reader.WithSearcher(searcher =>
        {
            var index = searcher.IndexReader;
            long paragraphs = 0;
            foreach (var leaf in index.Leaves)
            {
                var counts = leaf.AtomicReader.GetNumericDocValues(ArticleFields.ParagraphCount);
                var live = leaf.AtomicReader.LiveDocs;
                for (int d = 0; counts is not null && d < leaf.AtomicReader.MaxDoc; d++)
                {
                    if (live is null || live.Get(d))
                    {
                        paragraphs += counts.Get(d);
                    }
                }
            }

            return new IndexStats
            {
                Articles = index.NumDocs,
                DeletedArticles = index.NumDeletedDocs,
                Paragraphs = paragraphs,
                Segments = index.Leaves.Count,
                SizeBytes = size,
                Analyzer = analyzerName,
                EmbeddingModel = EmbeddingRecord.FromCommitData(data, location),
                ArticlesWithEmbeddings = ArticlesWithField(index, ArticleFields.Vectors),
                LastCommit = data.TryGetValue(WriterHost.CommittedKey, out var t) && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when) ? when : null,
                TopTerms = TopTerms(index, topTerms),
                Fields = [.. schema.Refreshed(searcher, location).Fields.Select(f => new Articles.MetadataFieldStats(f.Name, f.Kind, ArticlesWith(index, f.Name)))],
            };
        });
    }

    /// <summary>How many live articles have a value of a metadata field (from its doc values, no stored document read).</summary>
    public static long ArticlesWith(IndexReader reader, string field) => ArticlesWithField(reader, MetadataLayout.Field(field));

    /// <summary>How many live articles have a doc value in a Lucene field.</summary>
    private static long ArticlesWithField(IndexReader reader, string luceneField)
    {
        long n = 0;
        foreach (var leaf in reader.Leaves)
        {
            var has = leaf.AtomicReader.GetDocsWithField(luceneField);
            var live = leaf.AtomicReader.LiveDocs;
            for (int d = 0; has is not null && d < leaf.AtomicReader.MaxDoc; d++)
            {
                if (has.Get(d) && (live is null || live.Get(d)))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>The <paramref name="count"/> body terms found in the most articles, most frequent first.</summary>
    public static IReadOnlyList<TermCount> TopTerms(IndexReader reader, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var terms = MultiFields.GetTerms(reader, ArticleFields.Body);
        if (terms is null)
        {
            return [];
        }

        var best = new PriorityQueue<string, int>();
        var e = terms.GetEnumerator();
        while (e.MoveNext())
        {
            int df = e.DocFreq;
            if (best.Count < count)
            {
                best.Enqueue(e.Term.Utf8ToString(), df);
            }
            else if (best.TryPeek(out _, out var least) && df > least)
            {
                best.DequeueEnqueue(e.Term.Utf8ToString(), df);
            }
        }

        var list = new List<TermCount>();
        while (best.TryDequeue(out var term, out var df))
        {
            list.Add(new TermCount(term, df));
        }

        list.Reverse();
        return list;
    }

    private static long SafeLength(Lucene.Net.Store.Directory directory, string file)
    {
        try
        {
            return directory.FileLength(file);
        }
        catch (IOException)
        {
            return 0; // deleted by a concurrent merge while we listed
        }
    }
}
