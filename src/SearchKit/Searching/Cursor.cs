using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchKit.Searching;

/// <summary>
/// The opaque cursor of <see cref="SearchResults.NextCursor"/>: the sort values of a page's last hit (including its
/// id, so the order is total) and a signature of the query, filters and sort it belongs to, as base64url of a small
/// JSON object. The next page is Lucene's search-after from those values, whatever the depth. After new commits a
/// cursor still reads: the next page starts after the same sort values, so articles added before that point are
/// not shown and, under relevance, changed scores may move an article across the page boundary.
/// </summary>
internal static class Cursor
{
    /// <summary>The signature a cursor carries: the query, filters and sort, hashed.</summary>
    public static string Signature(string query, SearchOptions options)
    {
        var text = $"{options.Sort}\u0001{options.Syntax}\u0001{options.DefaultAnd}\u0001{query}\u0001{string.Join('\u0002', options.Filters.Select(f => f.Key))}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    /// <summary>The cursor after <paramref name="last"/>, a hit of a search sorted by <paramref name="sort"/>.</summary>
    public static string Encode(FieldDoc last, Sort sort, string signature)
    {
        var values = new List<string>(last.Fields.Length);
        for (int i = 0; i < last.Fields.Length; i++)
        {
            values.Add(last.Fields[i] switch
            {
                null => "n",
                BytesRef b => "b" + Convert.ToBase64String(b.Bytes, b.Offset, b.Length),
                J2N.Numerics.Single f => "f" + BitConverter.SingleToInt32Bits(f.ToSingle()).ToString(CultureInfo.InvariantCulture),
                float f => "f" + BitConverter.SingleToInt32Bits(f).ToString(CultureInfo.InvariantCulture),
                J2N.Numerics.Double d => "d" + BitConverter.DoubleToInt64Bits(d.ToDouble()).ToString(CultureInfo.InvariantCulture),
                double d => "d" + BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture),
                J2N.Numerics.Int64 l => "l" + l.ToInt64().ToString(CultureInfo.InvariantCulture),
                long l => "l" + l.ToString(CultureInfo.InvariantCulture),
                var other => throw new InvalidOperationException($"cannot encode a sort value of type {other.GetType().Name}"),
            });
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(signature, values));
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The search-after position of a cursor made by <see cref="Encode"/> for the same signature and sort.</summary>
    /// <exception cref="SearchKitQueryException">The cursor is malformed, or belongs to another query, filters or sort.</exception>
    public static FieldDoc Decode(string cursor, Sort sort, string signature, string query)
    {
        Payload? payload;
        try
        {
            var b64 = cursor.Trim().Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            payload = JsonSerializer.Deserialize<Payload>(Convert.FromBase64String(b64));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw Malformed(query, e);
        }

        if (payload?.S is null || payload.V is null)
        {
            throw Malformed(query, null);
        }

        if (payload.S != signature)
        {
            throw new SearchKitQueryException("the cursor belongs to another search (another query, filters or sort); start again from the first page", query);
        }

        var fields = sort.GetSort();
        if (payload.V.Count != fields.Length)
        {
            throw Malformed(query, null);
        }

        var values = new object?[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            values[i] = Value(payload.V[i], fields[i].Type, query);
        }

        // Past every document with these exact values: the id makes them unique, so only the cursor's own article matches them.
        return new FieldDoc(int.MaxValue, float.NaN, values);
    }

    private static object? Value(string text, SortFieldType type, string query)
    {
        if (text.Length == 0)
        {
            throw Malformed(query, null);
        }

        string body = text[1..];
        try
        {
            return (text[0], type) switch
            {
                ('n', SortFieldType.STRING or SortFieldType.STRING_VAL) => null,
                ('b', SortFieldType.STRING or SortFieldType.STRING_VAL) => new BytesRef(Convert.FromBase64String(body)),
                ('f', SortFieldType.SCORE) => J2N.Numerics.Single.GetInstance(BitConverter.Int32BitsToSingle(int.Parse(body, NumberStyles.Integer, CultureInfo.InvariantCulture))),
                ('d', SortFieldType.DOUBLE) => J2N.Numerics.Double.GetInstance(BitConverter.Int64BitsToDouble(long.Parse(body, NumberStyles.Integer, CultureInfo.InvariantCulture))),
                ('l', SortFieldType.INT64) => J2N.Numerics.Int64.GetInstance(long.Parse(body, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                _ => throw Malformed(query, null),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Malformed(query, e);
        }
    }

    private static SearchKitQueryException Malformed(string query, Exception? inner) =>
        new("malformed cursor: pass back exactly the nextCursor of the previous page", query, inner: inner);

    private sealed record Payload(string S, List<string> V);
}
