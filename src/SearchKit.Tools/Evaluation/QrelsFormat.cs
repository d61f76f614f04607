namespace SearchKit.Evaluation;

/// <summary>The layouts a relevance-judgement (qrels) file can have.</summary>
public enum QrelsFormat
{
    /// <summary>Chosen from the first non-blank line: four columns is TREC, three columns BEIR.</summary>
    Auto,

    /// <summary>TREC: <c>qid iteration docid relevance</c>, separated by spaces or tabs; the iteration column is ignored.</summary>
    Trec,

    /// <summary>BEIR: <c>query-id&lt;TAB&gt;corpus-id&lt;TAB&gt;score</c>, with a header line (skipped when present).</summary>
    Beir,
}
