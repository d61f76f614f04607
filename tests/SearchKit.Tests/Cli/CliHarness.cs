using System.Text;
using System.Text.Json;
using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>What one run of the host printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// A temporary working folder for host runs: the current directory of every run, with helpers to write
/// article files. Deleted on dispose.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "searchkit-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The index folder the runs use unless a test passes its own.</summary>
    public string IndexPath => Path.Combine(Root, "index");

    /// <summary>The bundled samples, copied next to the test assembly by the host project.</summary>
    public static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Answers the runs' requests to an Elasticsearch cluster, when set: the runs are then those of a build with the
    /// Elasticsearch commands; null is the lean build, which has none.
    /// </summary>
    public HttpMessageHandler? Cluster { get; set; }
    /// <summary>The embedder factory of the runs: null is the lean build (keyword search only).</summary>
    public Func<string?, SearchKit.Analysis.ITextEmbedder>? Embedders { get; set; }

    /// <summary>Runs the host in-process with <paramref name="args"/>, no console involved.</summary>
    public CliResult Run(params string[] args) => RunWithInput(null, default, args);

    /// <summary>Runs the host with standard input and a cancellation token.</summary>
    public CliResult RunWithInput(string? input, CancellationToken cancellation, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost
        {
            Out = output,
            Error = error,
            In = new StringReader(input ?? string.Empty),
            OpenInput = () => new MemoryStream(Encoding.UTF8.GetBytes(input ?? string.Empty)),
            CurrentDirectory = Root,
            Environment = Environment,
            Cancellation = cancellation,
            Cluster = Cluster is { } cluster ? new SearchKit.Cli.Cluster.ElasticsearchCommands(_ => cluster) : null,
            Embedders = Embedders,
        };
        int code = SearchKitApp.Run(args, host);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <c>--index</c> pointing at <see cref="IndexPath"/>.</summary>
    public CliResult RunOnIndex(params string[] args) => Run([.. args, "--index", IndexPath]);

    public string Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A folder of <paramref name="count"/> generated articles (title, lead, three paragraphs); article i has the word <c>tokenI</c> in body paragraph i % 3.</summary>
    public string Generate(string folder, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var paragraphs = Enumerable.Range(0, 3).Select(p => p == i % 3
                ? $"Paragraph {p} of generated article {i} mentions token{i} among other words."
                : $"Paragraph {p} of generated article {i} is filler text about nothing much.");
            Write(Path.Combine(folder, $"article-{i:D3}.txt"), $"Generated headline number {i}\nThe lead of generated article {i}.\n" + string.Join("\n", paragraphs) + "\n");
        }

        return Path.Combine(Root, folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does not affect other tests.
        }
    }
}
