using System.Collections;
using SearchKit.Analysis;

namespace SearchKit.Cli;

/// <summary>
/// Everything the host takes from its process: streams, whether they are terminals, environment, folders and
/// the Ctrl-C token. Tests build one with <see cref="StringWriter"/>s instead of touching <see cref="Console"/>.
/// </summary>
public sealed record CliHost
{
    /// <summary>The environment variable naming the default index folder.</summary>
    public const string IndexVariable = "SEARCHKIT_INDEX";

    /// <summary>Where results go (standard output).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where errors and progress go (standard error).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Where the shell reads queries from (standard input). Default: nothing to read.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Opens standard input as bytes, for <c>index -</c>. Default: an empty stream.</summary>
    public Func<Stream> OpenInput { get; init; } = () => Stream.Null;

    /// <summary>Whether <see cref="Out"/> is a terminal: colour and wrapping then. Default false.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Whether <see cref="Error"/> is a terminal: a progress bar then, plain lines otherwise. Default false.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Whether <see cref="In"/> is a terminal: the shell prompts then. Default false.</summary>
    public bool InIsTerminal { get; init; }

    /// <summary>Environment variables the host reads. Default none.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The folder relative paths are resolved against. Default the process's current folder.</summary>
    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>The folder the executable lives in, where the bundled <c>samples/</c> are found.</summary>
    public string BaseDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>
    /// Loads an embedding model by name (null: the default model) for <c>index --embeddings</c> and the semantic and
    /// hybrid search modes; the caller disposes what it returns. Null in the lean build of the tool, which searches by
    /// keyword only. Default null.
    /// </summary>
    public Func<string?, ITextEmbedder>? Embedders { get; init; }

    /// <summary>The one line the lean build says when asked for embeddings or semantic search.</summary>
    public const string NoSemanticSupport = "semantic and hybrid search and --embeddings need the semantic build of the tool (the package with SearchKit.Semantic); this build searches by keyword only";

    /// <summary>An embedder of the named model (null: the default), which the caller disposes.</summary>
    /// <exception cref="UsageException">This build has no embedders, or the model cannot be loaded (an unknown name, say).</exception>
    public ITextEmbedder LoadEmbedder(string? model)
    {
        var load = Embedders ?? throw new UsageException(NoSemanticSupport);
        try
        {
            return load(model);
        }
        catch (Exception e) when (e is not UsageException and not OperationCanceledException)
        {
            throw new UsageException($"cannot load the embedding model {(model is null ? "(the default)" : $"'{model}'")}: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    /// <summary>Cancelled on Ctrl-C. Default never.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The Elasticsearch commands, in the builds of the tool that have them (see <see cref="HostExtensions.Cluster"/>).
    /// Null in the lean build. Default null.
    /// </summary>
    internal IClusterCommands? Cluster { get; init; }

    /// <summary>The tool package that adds the Elasticsearch commands to the lean one.</summary>
    public const string ClusterPackage = "SearchKit.Elasticsearch.Cli";

    /// <summary>The Elasticsearch commands, for <paramref name="option"/> (<c>--to</c>, say).</summary>
    /// <exception cref="UsageException">This build has none: the one line says which tool package has them.</exception>
    internal IClusterCommands RequireCluster(string option) => Cluster ?? throw new UsageException(
        $"{option} needs the build of the tool with Elasticsearch support, which this one (SearchKit.Cli) leaves out to stay small: install the {ClusterPackage} tool package (or SearchKit.Semantic.Cli, which has it too)");

    /// <summary>The host of the running process: the console streams and the process environment.</summary>
    public static CliHost FromProcess(CancellationToken cancellation)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return new CliHost
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            OpenInput = Console.OpenStandardInput,
            OutIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            InIsTerminal = !Console.IsInputRedirected,
            Environment = environment,
            Cancellation = cancellation,
        };
    }

    /// <summary>
    /// The index folder: <paramref name="given"/> when set, else <c>$SEARCHKIT_INDEX</c>, else <c>.searchkit/</c>
    /// in the current folder; relative paths are taken from <see cref="CurrentDirectory"/>.
    /// </summary>
    public string ResolveIndex(string? given)
    {
        var path = !string.IsNullOrWhiteSpace(given) ? given
            : Environment.TryGetValue(IndexVariable, out var fromEnvironment) && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment
            : ".searchkit";
        return ResolvePath(path);
    }

    /// <summary>A path as the user means it: relative ones are taken from <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
