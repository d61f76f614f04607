namespace SearchKit.Semantic;

/// <summary>How a model turns its per-token outputs into one vector, as it was trained.</summary>
internal enum Pooling
{
    /// <summary>The mean of the token vectors under the attention mask (sentence-transformers' default).</summary>
    Mean,

    /// <summary>The vector of the leading [CLS] token.</summary>
    Cls,
}
