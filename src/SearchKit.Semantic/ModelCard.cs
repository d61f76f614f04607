namespace SearchKit.Semantic;

/// <summary>
/// What SearchKit must know to use a packaged sentence-embedding model as it was trained: where its files are, its
/// tokenisation, pooling, prefixes and length limit. The values come from each model's published card.
/// </summary>
/// <param name="Name">The model's name, as users and the index's commit data give it.</param>
/// <param name="Assembly">The assembly whose resources hold the ONNX model and its WordPiece vocabulary: SearchKit.Semantic
/// itself for the built-in model, else the model package's.</param>
/// <param name="ModelResource">The resource name of the ONNX model.</param>
/// <param name="VocabularyResource">The resource name of the vocabulary (one word piece a line).</param>
/// <param name="Dimensions">The length of the model's vectors.</param>
/// <param name="MaxTokens">The longest input the model was trained on, special tokens included.</param>
/// <param name="Pooling">How token vectors become one vector.</param>
/// <param name="QueryPrefix">Text put before every query (asymmetric retrieval models are trained with one).</param>
/// <param name="PassagePrefix">Text put before every passage.</param>
/// <param name="Version">The model's version; null: the version of the package that holds it.</param>
internal sealed record ModelCard(
    string Name,
    string Assembly,
    string ModelResource,
    string VocabularyResource,
    int Dimensions,
    int MaxTokens,
    Pooling Pooling,
    string QueryPrefix,
    string PassagePrefix,
    string? Version = null)
{
    /// <summary>The package that holds the model, for the message when it is missing.</summary>
    public string Package => Assembly;
}
