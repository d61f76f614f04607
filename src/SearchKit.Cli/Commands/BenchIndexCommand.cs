using System.ComponentModel;
using System.Globalization;
using SearchKit.Analysis;
using SearchKit.Benchmarking;
using SearchKit.Cli.Rendering;
using SearchKit.Indexing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class BenchIndexSettings : BenchSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("Article files or folders (*.txt, *.jsonl, *.jsonl.gz), read again in every run. None: a synthetic corpus (--articles, --seed).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--runs <N>")]
    [Description("Measured runs per configuration.")]
    [DefaultValue(3)]
    public int Runs { get; init; } = 3;

    [CommandOption("--warmup <N>")]
    [Description("Warm-up runs per configuration, not reported.")]
    [DefaultValue(1)]
    public int Warmup { get; init; } = 1;

    [CommandOption("--threads <LIST>")]
    [Description("Indexing threads, e.g. 1,2. Default: all cores.")]
    public string? Threads { get; init; }

    [CommandOption("--ram-buffer <LIST>")]
    [Description("Writer RAM buffer sizes in MB, e.g. 64,256. Default 64.")]
    public string? RamBuffer { get; init; }

    [CommandOption("--analyzer <LIST>")]
    [Description("Analyzers, e.g. english,standard. Default english.")]
    public string? Analyzer { get; init; }

    [CommandOption("--directory <LIST>")]
    [Description("Index directories: mmap, nio, simple, memory (in RAM). Default mmap.")]
    public string? Directory { get; init; }

    [CommandOption("--no-merge")]
    [Description("Do not merge each run's index into one segment at the end (what 'index' does after a bulk run): measures indexing alone.")]
    public bool NoMerge { get; init; }

    [CommandOption("--keep")]
    [Description("Keep each configuration's last index (its folder is printed on standard error) instead of deleting it.")]
    public bool Keep { get; init; }

    [CommandOption("--articles <N>")]
    [Description("Articles in the synthetic corpus (when no PATH is given). Default 10000.")]
    public int? Articles { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the synthetic corpus: the same seed gives the same articles. Default 42.")]
    public int? Seed { get; init; }

    public override ValidationResult Validate()
    {
        if (Runs < 1 || Warmup < 0)
        {
            return ValidationResult.Error("--runs must be at least 1 and --warmup at least 0");
        }

        if (Articles is < 1)
        {
            return ValidationResult.Error("--articles must be at least 1");
        }

        return Paths.Length > 0 && (Articles is not null || Seed is not null)
            ? ValidationResult.Error("--articles and --seed are for the synthetic corpus; leave them out when PATHs are given")
            : base.Validate();
    }

    /// <summary>The benchmark options from the list-valued options; a bad element is a usage error.</summary>
    public IndexBenchmarkOptions ToOptions()
    {
        var defaults = IndexBenchmarkOptions.Default;
        var threads = ParseList<int>("--threads", Threads, TryPositive, "a whole number ≥ 1");
        var ram = ParseList<double>("--ram-buffer", RamBuffer, TryRamBuffer, "a size in MB between 1 and 2047");
        var analyzers = ParseList<string>("--analyzer", Analyzer, TryAnalyzer, $"an analyzer ({string.Join(", ", AnalyzerCatalog.Names)})");
        var directories = ParseList<DirectoryKind?>("--directory", Directory, TryDirectory, "mmap, nio, simple or memory");
        return defaults with
        {
            Runs = Runs,
            WarmupRuns = Warmup,
            Keep = Keep,
            MergeAfterBulkRun = NoMerge ? null : IndexingOptions.Default.MergeAfterBulkRun,
            Threads = threads ?? defaults.Threads,
            RamBufferMB = ram ?? defaults.RamBufferMB,
            Analyzers = analyzers ?? defaults.Analyzers,
            Directories = directories ?? defaults.Directories,
        };
    }

    private static bool TryPositive(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;

    private static bool TryRamBuffer(string s, out double value) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= 2047;

    private static bool TryAnalyzer(string s, out string value)
    {
        value = s.ToLowerInvariant();
        return AnalyzerCatalog.IsKnown(value);
    }

    private static bool TryDirectory(string s, out DirectoryKind? value)
    {
        value = null;
        if (s.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Enum.TryParse also takes numbers ("1"); only the names are meant.
        if (s.Length > 0 && char.IsLetter(s[0]) && Enum.TryParse<DirectoryKind>(s, ignoreCase: true, out var kind))
        {
            value = kind;
            return true;
        }

        return false;
    }
}

/// <summary><c>searchkit bench index</c>: the library's <see cref="IndexBenchmark"/> over a settings matrix, rendered.</summary>
internal sealed class BenchIndexCommand(CliHost host) : Command<BenchIndexSettings>
{
    public override int Execute(CommandContext context, BenchIndexSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        BenchmarkCorpus corpus;
        if (settings.Paths.Length == 0)
        {
            corpus = BenchmarkCorpus.Synthetic(new SyntheticCorpusOptions
            {
                Articles = settings.Articles ?? SyntheticCorpusOptions.Default.Articles,
                Seed = settings.Seed ?? SyntheticCorpusOptions.Default.Seed,
            });
        }
        else
        {
            foreach (var missing in settings.Paths.Where(p => !File.Exists(host.ResolvePath(p)) && !System.IO.Directory.Exists(host.ResolvePath(p))))
            {
                throw new UsageException($"{missing}: no such file or folder");
            }

            corpus = BenchmarkCorpus.Files(settings.Paths.Select(host.ResolvePath));
        }

        // Progress goes to standard error, one line per run, so standard output stays one table, JSON or CSV.
        var progress = new SynchronousProgress<IndexBenchmarkProgress>(p => host.Error.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"searchkit: [{p.Done + 1}/{p.Total}] {p.Settings.Label} {(p.Run == 0 ? "warm-up" : $"run {p.Run}")}")));
        var result = IndexBenchmark.Run(corpus, options, progress, cancellationToken);

        settings.Write(host, result.ToJson, result.ToCsv, output => BenchRenderer.WriteIndex(output, result), () => BenchChart.Index(result));
        foreach (var row in result.Rows.Where(r => r.KeptIndexPath is not null))
        {
            host.Error.WriteLine($"searchkit: kept the index of {row.Settings.Label} in {row.KeptIndexPath}");
        }

        return ExitCodes.Success;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
