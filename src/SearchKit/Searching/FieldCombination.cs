namespace SearchKit;

/// <summary>How one query term's scores in the title, lead, headings and body are combined.</summary>
public enum FieldCombination
{
    /// <summary>Add the weighted BM25 score of every field the term appears in.</summary>
    Sum,

    /// <summary>
    /// Take the best weighted field score and add <see cref="RankingOptions.TieBreaker"/> times the others
    /// (Lucene's DisjunctionMaxQuery), so a word repeated in title and body is not counted in full twice.
    /// </summary>
    BestField,
}
