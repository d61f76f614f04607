using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using SearchKit.Analysis;

namespace SearchKit.Semantic;

/// <summary>
/// A sentence-embedding model run by ONNX Runtime: the model's WordPiece tokenisation (lower-cased, accents
/// stripped, truncated to its length limit), its pooling and L2 normalisation. One session serves every thread.
/// </summary>
internal sealed class OnnxTextEmbedder : ITextEmbedder
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly ModelCard _card;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer = new();
    // FastBertTokenizer does not promise thread safety; tokenising is a few microseconds against milliseconds in the model.
    private readonly Lock _tokenizerLock = new();
    private readonly int _maxTokens;
    private readonly int _batchSize;
    private volatile bool _disposed;

    public OnnxTextEmbedder(ModelCard card, EmbeddingModelInfo info, byte[] model, TextReader vocabulary, EmbedderOptions options)
    {
        _card = card;
        Model = info;
        _maxTokens = options.MaxTokens ?? card.MaxTokens;
        _batchSize = options.BatchSize;
        // Both models are uncased BERT vocabularies: lower-case and strip accents, as their tokenisers did in training.
        _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads,
            // Batches run one after another; all parallelism is inside the matrix kernels.
            InterOpNumThreads = options.InterOpThreads,
            ExecutionMode = options.InterOpThreads > 1 ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = options.Optimization,
        };
        if (!options.Spinning)
        {
            // Idle intra-op threads sleep instead of spinning: less CPU burnt between batches on a shared machine.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        _session = new InferenceSession(model, sessionOptions);
    }

    public EmbeddingModelInfo Model { get; }

    public IReadOnlyList<float[]> EmbedPassages(IReadOnlyList<string> passages, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(passages);
        return Embed(passages, _card.PassagePrefix, cancellation);
    }

    public float[] EmbedQuery(string query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Embed([query], _card.QueryPrefix, cancellation)[0];
    }

    /// <summary>The word-piece ids the model sees for a text, prefix and special tokens included, after truncation.</summary>
    internal long[] Tokenize(string text)
    {
        lock (_tokenizerLock)
        {
            return _tokenizer.Encode(text, _maxTokens).InputIds.ToArray();
        }
    }

    /// <summary>The text the model sees for a query: its prefix, if the model was trained with one, then the query.</summary>
    internal string QueryText(string query) => _card.QueryPrefix + query;

    private float[][] Embed(IReadOnlyList<string> texts, string prefix, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tokens = new long[texts.Count][];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Tokenize(prefix + (texts[i] ?? throw new ArgumentException($"passage {i} is null", nameof(texts))));
        }

        // A batch is padded to its longest member: running passages of similar length together wastes little on
        // padding. The order is undone when each vector is stored at its passage's index.
        int[] order = [.. Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Length)];
        var vectors = new float[tokens.Length][];
        for (int start = 0; start < order.Length; start += _batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            RunBatch(tokens, order.AsSpan(start, Math.Min(_batchSize, order.Length - start)), vectors, cancellation);
        }

        return vectors;
    }

    private void RunBatch(long[][] tokens, ReadOnlySpan<int> batch, float[][] vectors, CancellationToken cancellation)
    {
        int rows = batch.Length;
        int width = 0;
        foreach (int i in batch) width = Math.Max(width, tokens[i].Length);

        var ids = new long[rows * width];
        var mask = new long[rows * width];
        var types = new long[rows * width];
        for (int r = 0; r < rows; r++)
        {
            var row = tokens[batch[r]];
            row.CopyTo(ids, r * width);
            mask.AsSpan(r * width, row.Length).Fill(1);
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        // A cancelled indexing run should not wait for a whole batch of long passages.
        using var stop = cancellation.Register(() => runOptions.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellation);
        }

        using (outputs)
        {
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            int dims = Model.Dimensions;
            for (int r = 0; r < rows; r++)
            {
                int length = tokens[batch[r]].Length;
                var vector = new float[dims];
                var states = hidden.Slice(r * width * dims, width * dims);
                if (_card.Pooling == Pooling.Cls)
                {
                    states[..dims].CopyTo(vector);
                }
                else
                {
                    // The mean over the real tokens ([CLS] and [SEP] included, padding not), as sentence-transformers pools.
                    for (int t = 0; t < length; t++)
                    {
                        var token = states.Slice(t * dims, dims);
                        for (int d = 0; d < dims; d++) vector[d] += token[d];
                    }
                }

                Normalise(vector);
                vectors[batch[r]] = vector;
            }
        }
    }

    // Unit length, so that cosine similarity is a dot product. (The mean's division by the token count would cancel here.)
    private static void Normalise(float[] vector)
    {
        double sum = 0;
        foreach (float x in vector) sum += (double)x * x;
        float scale = sum > 0 ? (float)(1 / Math.Sqrt(sum)) : 0f;
        for (int d = 0; d < vector.Length; d++) vector[d] *= scale;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _session.Dispose();
    }
}
