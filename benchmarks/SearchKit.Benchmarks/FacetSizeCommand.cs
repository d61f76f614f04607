using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchKit.Benchmarking;
using SearchKit.Indexing;

namespace SearchKit.Benchmarks;

/// <summary>
/// <c>facet-size ARTICLES</c>: what the facets' SortedSet doc values (<c>f.NAME</c>) weigh. Indexes that many
/// synthetic articles, then copies the index twice into one merged segment each — once as it is, once with those
/// doc values left out (everything else byte for byte the same) — and prints both sizes.
/// </summary>
public static class FacetSizeCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        string root = Path.Combine(Path.GetTempPath(), "searchkit-facet-size-" + Environment.ProcessId);
        try
        {
            string source = Path.Combine(root, "source");
            using (var index = SearchIndex.Open(source))
            {
                index.Add(new SyntheticCorpus(new SyntheticCorpusOptions { Articles = count }).Articles());
            }

            long with = Copy(source, Path.Combine(root, "with"), facets: true);
            long without = Copy(source, Path.Combine(root, "without"), facets: false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} synthetic articles, one segment: {with:N0} bytes with the facets' doc values, {without:N0} without: +{with - without:N0} bytes ({100.0 * (with - without) / without:0.0} %), {(double)(with - without) / count:0.0} bytes an article"));
            return 0;
        }
        finally
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
    }

    private static long Copy(string from, string to, bool facets)
    {
        using (var source = FSDirectory.Open(from))
        using (var reader = DirectoryReader.Open(source))
        using (var target = FSDirectory.Open(to))
        using (var writer = new IndexWriter(target, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null) { UseCompoundFile = false }))
        {
            var leaves = reader.Leaves.Select(l => facets ? l.AtomicReader : new WithoutFacetValues(l.AtomicReader)).ToArray();
            writer.AddIndexes(leaves);
            writer.ForceMerge(1);
            writer.Commit();
        }

        return new DirectoryInfo(to).GetFiles().Sum(f => f.Length);
    }

    /// <summary>A segment without the SortedSet doc values of the metadata fields (the ones facets count).</summary>
    private sealed class WithoutFacetValues(AtomicReader inner) : FilterAtomicReader(inner)
    {
        public override FieldInfos FieldInfos => new([.. m_input.FieldInfos.Select(f => IsFacet(f)
            ? new FieldInfo(f.Name, f.IsIndexed, f.Number, f.HasVectors, f.OmitsNorms, f.HasPayloads, f.IndexOptions, DocValuesType.NONE, f.NormType, f.Attributes)
            : f)]);

        public override SortedSetDocValues? GetSortedSetDocValues(string field) =>
            field.StartsWith(MetadataLayout.FieldPrefix, StringComparison.Ordinal) ? null : base.GetSortedSetDocValues(field);

        public override Lucene.Net.Util.IBits? GetDocsWithField(string field) =>
            field.StartsWith(MetadataLayout.FieldPrefix, StringComparison.Ordinal) ? null : base.GetDocsWithField(field);

        private static bool IsFacet(FieldInfo f) => f.DocValuesType == DocValuesType.SORTED_SET && f.Name.StartsWith(MetadataLayout.FieldPrefix, StringComparison.Ordinal);
    }
}
