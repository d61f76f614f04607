using System.ComponentModel;
using System.Globalization;
using SearchKit.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SearchKit.Cli.Commands;

internal sealed class ShellSettings : IndexedSettings
{
    [CommandOption("--top <N>")]
    [Description("Hits to show per query (change with :top N).")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--json")]
    [Description("Start with JSON output, one object per query (toggle with :json).")]
    public bool Json { get; init; }

    [CommandOption("--mode <MODE>")]
    [Description("The search mode to start in (change with :mode): " + SearchModeOptions.ModeDescription)]
    public string? Mode { get; init; }

    public override ValidationResult Validate() =>
        Top is < 0 or > 100_000 ? ValidationResult.Error("--top must be between 0 and 100000") : ValidationResult.Success();
}

/// <summary>
/// <c>searchkit shell</c>: ad-hoc queries against one open index. On a terminal it prompts; line editing and
/// history are what the terminal's own line input gives (<see cref="TextReader.ReadLine"/>: no line-editing
/// package is kept for us). With piped input it runs one query per line.
/// </summary>
internal sealed class ShellCommand(CliHost host) : Command<ShellSettings>
{
    private const string Help = """
        Type a query (Lucene syntax) and press Enter. Commands:
          :top N      show N hits per query
          :json       toggle JSON output (one object per query)
          :explain    toggle score explanations
          :passages   toggle passage mode (rank single paragraphs)
          :mode MODE  keyword, semantic (by meaning) or hybrid (both); semantic and hybrid need embeddings
          :filter EXPR  keep only articles that pass EXPR (as search --filter; repeat to add more)
          :filters    list the filters in force
          :clear      drop every filter
          :facet FACET  count each query's articles per value (as search --facet: FIELD, FIELD:N, FIELD:month, FIELD:0..10,10..); :facet alone drops them
          :help       this help
          :quit       leave (or Ctrl-D)
        """;

    // The index as opened for the current mode: reopened with the model's embedder when :mode first asks for meaning.
    private SearchSession? _session;

    public override int Execute(CommandContext context, ShellSettings settings, CancellationToken cancellationToken)
    {
        var mode = SearchModeOptions.ParseMode(settings.Mode);
        _session = SearchSession.Open(host, host.ResolveIndex(settings.Index), mode);
        try
        {
            return Loop(settings, mode, cancellationToken);
        }
        finally
        {
            _session.Dispose();
        }
    }

    private int Loop(ShellSettings settings, SearchKit.Searching.SearchMode mode, CancellationToken cancellationToken)
    {
        var index = _session!.Index;
        var output = new Output(host.Out, host.OutIsTerminal);
        var state = new ShellState { Interactive = host.InIsTerminal, Top = settings.Top, Json = settings.Json, Mode = mode };
        if (state.Interactive)
        {
            output.Line($"searchkit shell on [bold]{Markup.Escape(index.Location)}[/]; :help for commands, :quit or Ctrl-D to leave.");
        }

        while (!cancellationToken.IsCancellationRequested && ReadLine(state) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith(':'))
            {
                if (!RunShellCommand(_session!.Index, output, state, line))
                {
                    break;
                }

                continue;
            }

            RunQuery(_session!.Index, output, state, line);
        }

        return state.AnyBadQuery && !state.Interactive ? ExitCodes.BadQuery : ExitCodes.Success;
    }

    /// <summary>Prompts (on a terminal) and reads one trimmed line; null at the end of input.</summary>
    private string? ReadLine(ShellState state)
    {
        if (state.Interactive)
        {
            host.Out.Write("searchkit> ");
            host.Out.Flush();
        }

        var line = host.In.ReadLine();
        if (line is null && state.Interactive)
        {
            host.Out.WriteLine(); // Ctrl-D: end the prompt line before the shell's own prompt comes back
        }

        return line?.Trim();
    }

    /// <summary>Runs one <c>:command</c> line; false when it asks to leave the shell.</summary>
    private bool RunShellCommand(SearchIndex index, Output output, ShellState state, string line)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (parts[0])
        {
            case ":quit" or ":q" or ":exit":
                return false;
            case ":help" or ":h" or ":?":
                output.Raw(Help);
                break;
            case ":json":
                state.Json = !state.Json;
                Say(output, $"JSON output {(state.Json ? "on" : "off")}", state.Json);
                break;
            case ":explain":
                state.Explain = !state.Explain;
                Say(output, $"explanations {(state.Explain ? "on" : "off")}", state.Json);
                break;
            case ":passages":
                state.Passages = !state.Passages;
                Say(output, $"passage mode {(state.Passages ? "on" : "off")}", state.Json);
                break;
            case ":mode" when parts.Length == 2:
                SwitchMode(output, state, parts[1]);
                break;
            case ":filter" when parts.Length == 2:
                try
                {
                    var filter = SearchKit.Searching.SearchFilter.Parse(parts[1]);

                    // Checked against the index now (field names, kinds, values), not at the next query.
                    index.Search(string.Empty, new SearchKit.Searching.SearchOptions { Filters = [filter], Top = 0, Paragraphs = false });
                    state.Filters.Add(filter);
                    Say(output, $"filter added: {filter} ({state.Filters.Count} in force)", state.Json);
                }
                catch (SearchKitQueryException e)
                {
                    state.AnyBadQuery = true;
                    host.Error.WriteLine($"searchkit: {ErrorDescriptions.Describe(e).Message}");
                }

                break;
            case ":facet" when parts.Length == 2:
                try
                {
                    var facet = SearchKit.Searching.FacetRequest.Parse(parts[1]);

                    // Checked against the index now, not at the next query; a new facet on a field replaces the old.
                    // (a browse under a filter on a fixed field, so that only the facet can be at fault).
                    index.Search(string.Empty, new SearchKit.Searching.SearchOptions { Filters = [SearchKit.Searching.SearchFilter.Exists("published")], Facets = [facet], Top = 0, Paragraphs = false });
                    state.Facets.RemoveAll(f => f.Field == facet.Field);
                    state.Facets.Add(facet);
                    Say(output, $"facets: {string.Join("; ", state.Facets)}", state.Json);
                }
                catch (SearchKitQueryException e)
                {
                    state.AnyBadQuery = true;
                    host.Error.WriteLine($"searchkit: {ErrorDescriptions.Describe(e).Message}");
                }

                break;
            case ":facet":
                state.Facets.Clear();
                Say(output, "facets dropped", state.Json);
                break;
            case ":filters":
                Say(output, state.Filters.Count == 0 ? "no filters" : "filters: " + string.Join("; ", state.Filters), state.Json);
                break;
            case ":clear":
                state.Filters.Clear();
                Say(output, "filters cleared", state.Json);
                break;
            case ":top" when parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000:
                state.Top = n;
                Say(output, $"showing {state.Top} hits per query", state.Json);
                break;
            default:
                host.Error.WriteLine($"searchkit: unknown shell command '{line}'; :help lists them");
                break;
        }

        return true;
    }

    /// <summary>Switches the search mode, opening the index with its model's embedder the first time meaning is asked for.</summary>
    private void SwitchMode(Output output, ShellState state, string name)
    {
        try
        {
            var mode = SearchModeOptions.ParseMode(name);
            if (mode != SearchKit.Searching.SearchMode.Keyword && !_session!.HasEmbedder)
            {
                var session = SearchSession.Open(host, _session.Index.Location, mode);
                _session.Dispose();
                _session = session;
            }

            state.Mode = mode;
            Say(output, $"{SearchModeOptions.Name(mode)} search", state.Json);
        }
        catch (Exception e) when (e is UsageException or SearchKitIndexException)
        {
            host.Error.WriteLine($"searchkit: {ErrorDescriptions.Describe(e).Message}");
        }
    }

    /// <summary>Runs one query and shows its hits; a bad query is reported and the shell goes on.</summary>
    private void RunQuery(SearchIndex index, Output output, ShellState state, string query)
    {
        var options = SearchRenderer.Options(state.Top, 0, state.Passages, state.Explain, state.Json) with { Filters = [.. state.Filters], Facets = [.. state.Facets], Mode = state.Mode };
        try
        {
            var results = index.Search(query, options);
            if (state.Json)
            {
                output.Raw(SearchRenderer.ToJson(results));
            }
            else
            {
                SearchRenderer.Write(output, results, options, host.CurrentDirectory);
                output.Line();
            }
        }
        catch (SearchKitQueryException e)
        {
            // Piped runs still end with exit code 3.
            state.AnyBadQuery = true;
            host.Error.WriteLine($"searchkit: {ErrorDescriptions.Describe(e).Message}");
        }
    }

    /// <summary>Acknowledges a shell command, except in JSON mode where stdout carries only JSON.</summary>
    private void Say(Output output, string text, bool json)
    {
        if (json)
        {
            host.Error.WriteLine(text);
        }
        else
        {
            output.Line($"[dim]{Markup.Escape(text)}[/]");
        }
    }

    /// <summary>What the shell's commands have set so far.</summary>
    private sealed class ShellState
    {
        public required bool Interactive { get; init; }

        public int Top { get; set; }

        public bool Json { get; set; }

        public bool Explain { get; set; }

        public bool Passages { get; set; }

        public SearchKit.Searching.SearchMode Mode { get; set; }

        public bool AnyBadQuery { get; set; }

        public List<SearchKit.Searching.SearchFilter> Filters { get; } = [];

        public List<SearchKit.Searching.FacetRequest> Facets { get; } = [];
    }
}
