using System.ComponentModel;
using Spectre.Console;
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
    [Description("Also draw the comparison to FILE: .svg or .png.")]
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

        return Chart is not null && !Chart.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !Chart.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            ? ValidationResult.Error($"--chart {Chart}: the file must end in .svg or .png")
            : ValidationResult.Success();
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
