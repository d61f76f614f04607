using System.ComponentModel;
using Spectre.Console;
using SearchKit.Cli.Rendering;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

/// <summary>The output options both <c>bench</c> commands share.</summary>
internal class BenchSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print the result as one JSON object (the library's IndexBenchmarkResult / QueryBenchmarkResult).")]
    public bool Json { get; init; }

    [CommandOption("--csv")]
    [Description("Print the result as CSV with a header line.")]
    public bool Csv { get; init; }

    [CommandOption("--chart <FILE>")]
    [Description("Also draw the comparison to FILE, as SVG (FILE ends in .svg).")]
    public string? Chart { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show full error details (stack traces).")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate()
    {
        if (Json && Csv)
        {
            return ValidationResult.Error("--json and --csv cannot be used together");
        }

        return Chart is not null && !Chart.EndsWith(BenchChart.Extension, StringComparison.OrdinalIgnoreCase)
            ? ValidationResult.Error($"--chart {Chart}: charts are drawn as SVG only; give a file ending in {BenchChart.Extension}")
            : ValidationResult.Success();
    }

    /// <summary>Writes a result as JSON, CSV or a table, as asked, and draws the chart when one is asked for.</summary>
    internal void Write(CliHost host, Func<string> json, Func<string> csv, Action<Output> table, Func<OxyPlot.PlotModel> chart)
    {
        if (Json)
        {
            new Output(host.Out, host.OutIsTerminal).Raw(json());
        }
        else if (Csv)
        {
            host.Out.Write(csv());
        }
        else
        {
            table(new Output(host.Out, host.OutIsTerminal));
        }

        if (Chart is not null)
        {
            BenchChart.Save(chart(), host.ResolvePath(Chart), Chart);
            host.Error.WriteLine($"searchkit: chart written to {Chart}");
        }
    }

    /// <summary>Parses one list element; false when it is not valid.</summary>
    internal delegate bool ElementParser<T>(string text, out T value);

    /// <summary>
    /// Parses a comma-separated option value such as <c>1,2</c>; <see langword="null"/> when the option was not
    /// given. A bad element is a usage error naming the option and the element.
    /// </summary>
    internal static IReadOnlyList<T>? ParseList<T>(string option, string? text, ElementParser<T> parse, string expected)
    {
        if (text is null)
        {
            return null;
        }

        var values = new List<T>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!parse(item, out var value))
            {
                throw new UsageException($"{option} {text}: '{item}' is not {expected}");
            }

            values.Add(value);
        }

        return values;
    }
}
