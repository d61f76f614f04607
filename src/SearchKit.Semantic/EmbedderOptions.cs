namespace SearchKit.Semantic;

/// <summary>How an embedder runs its model. Every default suits indexing on the machine the process runs on.</summary>
public sealed record EmbedderOptions
{
    /// <summary>
    /// Threads ONNX Runtime uses inside one model run (intra-op). Default 0: one per processor
    /// (<see cref="Environment.ProcessorCount"/>).
    /// </summary>
    public int Threads { get; init; }

    /// <summary>
    /// Passages run through the model together. Default 32: big enough to keep the matrix kernels busy, small enough
    /// that passages of similar length share a batch (the batch is padded to its longest passage).
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// The most word pieces of one passage or query, special tokens included; longer text is truncated, as the model
    /// was trained. Default null: the model's own limit (256 for all-MiniLM-L6-v2, 512 for snowflake-arctic-embed-xs).
    /// Lower is faster on long paragraphs; a value above the model's limit is an error.
    /// </summary>
    public int? MaxTokens { get; init; }

    // Session knobs for the speed bench only (docs/benchmarks.md, "Semantic search: throughput and latency"): the
    // defaults are what measured best, the others are kept to re-measure them. Spinning off: ONNX Runtime's idle
    // threads busy-wait by default, which cost 35-40 % more CPU a paragraph with 2 threads and took the CPU from
    // the indexing run's own threads.
    internal bool Spinning { get; init; }

    internal int InterOpThreads { get; init; } = 1;

    internal Microsoft.ML.OnnxRuntime.GraphOptimizationLevel Optimization { get; init; } = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL;

    internal void Validate()
    {
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be 0 (all processors) or more");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "the batch size must be at least 1");
        if (MaxTokens is < 3) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "at least 3 tokens are needed (two of them are [CLS] and [SEP])");
    }
}
