using Lucene.Net.Search;
using SearchKit.Articles;
using SearchKit.Indexing;

namespace SearchKit.Searching;

/// <summary>
/// The Lucene sort of a <see cref="SearchSort"/>: the field's sort doc values (<c>s.NAME</c>, see
/// <see cref="MetadataLayout"/>), missing values last whichever the direction, then score, then id (from the id's
/// binary doc values, compared only on ties) so that the order is total and paging stable.
/// </summary>
internal static class SortBuilder
{
    /// <exception cref="SearchKitQueryException">The field is unknown to the index.</exception>
    public static Sort Build(SearchSort sort, FieldSchema schema, string query)
    {
        var id = new SortField(ArticleFields.Id, SortFieldType.STRING_VAL);
        if (sort.Field is not { } name)
        {
            return new Sort(SortField.FIELD_SCORE, id);
        }

        var kind = schema.KindOf(name) ?? throw new SearchKitQueryException(
            $"unknown sort field \"{name}\"; the index has: {string.Join(", ", schema.Fields.Select(f => f.Name))} (or relevance, newest, oldest)", query);
        bool desc = sort.Descending;
        var field = new SortField(MetadataLayout.Sort(name), kind switch
        {
            FieldKind.Number => SortFieldType.DOUBLE,
            FieldKind.Date => SortFieldType.INT64,
            _ => SortFieldType.STRING,
        }, desc);
        field.SetMissingValue(kind switch
        {
            FieldKind.Number => J2N.Numerics.Double.GetInstance(desc ? double.NegativeInfinity : double.PositiveInfinity),
            FieldKind.Date => J2N.Numerics.Int64.GetInstance(desc ? long.MinValue : long.MaxValue),
            _ => desc ? SortField.STRING_FIRST : SortField.STRING_LAST,
        });
        return new Sort(field, SortField.FIELD_SCORE, id);
    }
}
