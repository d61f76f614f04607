using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Lucene.Net.Util;
using SearchKit.Analysis;
using SearchKit.Articles;

namespace SearchKit.Indexing;

/// <summary>
/// What of an article is embedded and how its vectors are laid out in its <see cref="ArticleFields.Vectors"/> doc
/// value: row 0 is the title and lead, row 1 + i body paragraph i. The value is one format byte
/// (<see cref="Float32"/>) then the rows' floats, little-endian; the dimension is the model's, recorded in the commit.
/// </summary>
internal static class ArticleVectors
{
    /// <summary>The value's format byte: rows of 32-bit floats, little-endian.</summary>
    public const byte Float32 = 1;

    /// <summary>The texts an article's vectors come from, in row order: its title and lead, then each body paragraph.</summary>
    public static string[] Texts(Article article)
    {
        var texts = new string[article.Paragraphs.Count + 1];

        // Title and lead as one passage: together they say what the article is about, as a search-result card does.
        texts[0] = string.IsNullOrWhiteSpace(article.Lead) ? article.Title : article.Title + "\n" + article.Lead;
        for (int i = 0; i < article.Paragraphs.Count; i++)
        {
            texts[i + 1] = article.Paragraphs[i].Text;
        }

        return texts;
    }

    /// <summary>The doc value of an article's vectors (rows in <see cref="Texts"/> order).</summary>
    /// <exception cref="SearchKitException">A vector has the wrong length or is not finite: the embedder broke its contract.</exception>
    public static BytesRef Encode(IReadOnlyList<float[]> rows, int dimensions)
    {
        var bytes = new byte[1 + (rows.Count * dimensions * sizeof(float))];
        bytes[0] = Float32;
        int at = 1;
        foreach (var row in rows)
        {
            if (row.Length != dimensions || !row.All(float.IsFinite))
            {
                throw new SearchKitException($"the embedder returned a vector of {row.Length} values (or a value that is not a number) where its model has {dimensions} dimensions");
            }

            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.AsBytes(row.AsSpan()).CopyTo(bytes.AsSpan(at));
                at += row.Length * sizeof(float);
            }
            else
            {
                foreach (var value in row)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), value);
                    at += sizeof(float);
                }
            }
        }

        return new BytesRef(bytes);
    }

    /// <summary>How many rows a stored value holds, or -1 when it is not a value this version can read.</summary>
    public static int RowCount(BytesRef value, int dimensions)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        int payload = value.Length - 1;
        return value.Bytes[value.Offset] == Float32 && payload % (dimensions * sizeof(float)) == 0 ? payload / (dimensions * sizeof(float)) : -1;
    }

    /// <summary>Copies the rows of a stored value into <paramref name="target"/> (RowCount × dimensions floats).</summary>
    public static void Decode(BytesRef value, Span<float> target)
    {
        var source = value.Bytes.AsSpan(value.Offset + 1, target.Length * sizeof(float));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source).CopyTo(target);
            return;
        }

        for (int i = 0; i < target.Length; i++)
        {
            target[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * sizeof(float))..]);
        }
    }

    /// <summary>Embeds the articles' texts in one call to the embedder and returns each article's doc value, in order.</summary>
    /// <exception cref="SearchKitException">The embedder failed or broke its contract.</exception>
    public static BytesRef[] Embed(ITextEmbedder embedder, IReadOnlyList<Article> articles, CancellationToken cancellation = default)
    {
        var texts = new List<string>();
        var counts = new int[articles.Count];
        for (int a = 0; a < articles.Count; a++)
        {
            var own = Texts(articles[a]);
            counts[a] = own.Length;
            texts.AddRange(own);
        }

        IReadOnlyList<float[]> vectors;
        try
        {
            vectors = embedder.EmbedPassages(texts, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SearchKitException)
        {
            throw new SearchKitException($"embedding failed ({e.Message.Split('\n')[0]})", e);
        }

        if (vectors.Count != texts.Count)
        {
            throw new SearchKitException($"the embedder returned {vectors.Count} vectors for {texts.Count} passages");
        }

        int dimensions = embedder.Model.Dimensions;
        float[][] all = [.. vectors];
        var values = new BytesRef[articles.Count];
        int at = 0;
        for (int a = 0; a < articles.Count; a++)
        {
            values[a] = Encode(new ArraySegment<float[]>(all, at, counts[a]), dimensions);
            at += counts[a];
        }

        return values;
    }
}
