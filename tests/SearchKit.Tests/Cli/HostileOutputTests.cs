using SearchKit.Cli;

namespace SearchKit.Tests.Cli;

/// <summary>
/// Text from the index (titles, ids, paragraphs) never drives the terminal: control characters are shown as visible
/// stand-ins, and hostile queries end with one error line, never a crash.
/// </summary>
public sealed class HostileOutputTests : IDisposable
{
    private const string Esc = "\u001b";
    private readonly CliHarness _cli = new();

    public HostileOutputTests()
    {
        // An id with a newline that fakes a second result, ANSI colour and title-setting sequences, the host's own
        // highlight markers (\u0002 \u0003) inside the text, a bidirectional override.
        var feed = "{\"id\":\"evil\\n  2. Fake result  score 9.999\",\"title\":\"\\u001b[31mRED\\u001b[0m title \\u202Eevil\",\"paragraphs\":[\"ferry \\u001b]0;pwned\\u0007 \\u0002not a match\\u0003 end\"]}\n"
            + "{\"id\":\"calm\",\"title\":\"Calm\",\"paragraphs\":[\"A quiet harbour.\"]}\n";
        _cli.Write("feed.jsonl", feed);
        var run = _cli.RunOnIndex("index", Path.Combine(_cli.Root, "feed.jsonl"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    public void Dispose() => _cli.Dispose();

    private CliResult RunOnTerminal(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost { Out = output, Error = error, In = new StringReader(string.Empty), CurrentDirectory = _cli.Root, OutIsTerminal = true };
        int code = SearchKitApp.Run([.. args, "--index", _cli.IndexPath], host);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static void AssertNoControlCharacters(string printed, bool terminal)
    {
        foreach (var line in printed.Split('\n'))
        {
            // On a terminal Spectre's own colour sequences are fine, but none may come from the text: the injected ones
            // would show as "ESC]0;" (window title) or "ESC[31mRED".
            Assert.DoesNotContain(Esc + "]0;", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Esc + "[31mRED", line, StringComparison.Ordinal);
            Assert.DoesNotContain('\u0002', line);
            Assert.DoesNotContain('\u0007', line);
            Assert.DoesNotContain('\u202E', line);
            if (!terminal)
            {
                Assert.DoesNotContain(line, c => char.IsControl(c) && c != '\r');
            }

            Assert.False(line.TrimStart().StartsWith("2. Fake result", StringComparison.Ordinal), $"a faked result line: {line}");
        }
    }

    [Fact]
    public void Errors_QuotingAHugeValue_ShouldStayShort()
    {
        var huge = new string('x', 60_000);

        var query = _cli.RunOnIndex("search", "title:" + huge + "~", "--filter", huge);
        _cli.Write("huge.jsonl", "{\"id\":\"" + huge + "\",\"title\":\"T\",\"paragraphs\":[\"p\"]}\n");
        var index = _cli.RunOnIndex("index", Path.Combine(_cli.Root, "huge.jsonl"));

        Assert.NotEqual(ExitCodes.Success, query.ExitCode);
        Assert.NotEqual(ExitCodes.Success, index.ExitCode);
        foreach (var printed in new[] { query.Error, index.Out + index.Error })
        {
            Assert.All(printed.Split('\n'), line => Assert.True(line.Length < 400, $"a {line.Length}-character line: {line}"));
        }

        Assert.Contains("characters]", query.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_TextWithControlCharacters_ShouldBePrintedNeutralised()
    {
        var run = _cli.RunOnIndex("search", "ferry");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        AssertNoControlCharacters(run.Out, terminal: false);
        Assert.Contains("␛[31mRED␛[0m title", run.Out, StringComparison.Ordinal);
        Assert.Contains("evil␊  2. Fake result", run.Out, StringComparison.Ordinal);
        Assert.Contains("«ferry»", run.Out, StringComparison.Ordinal);

        // The marker characters in the text are not taken for a highlight.
        Assert.DoesNotContain("«not a match»", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_OnATerminal_ShouldNotPassEscapeSequencesThrough()
    {
        var run = RunOnTerminal("search", "ferry");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        AssertNoControlCharacters(run.Out, terminal: true);
        Assert.Contains("␛]0;pwned␇", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_TextWithControlCharacters_ShouldBePrintedNeutralised()
    {
        var run = _cli.RunOnIndex("show", "evil\n  2. Fake result  score 9.999");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        AssertNoControlCharacters(run.Out, terminal: false);
    }

    [Fact]
    public void SearchJson_ShouldEscapeControlCharactersAndGiveHighlightSpans()
    {
        var run = _cli.RunOnIndex("search", "ferry", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.DoesNotContain(run.Out.TrimEnd('\n'), c => char.IsControl(c));
        var paragraph = run.Json().GetProperty("hits")[0].GetProperty("paragraphs")[0];
        var text = paragraph.GetProperty("text").GetString()!;
        var span = Assert.Single(paragraph.GetProperty("highlights").EnumerateArray());
        Assert.Equal("ferry", text.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()));
    }

    [Fact]
    public void Search_QueryStartingWithADash_WorksAfterDoubleDash()
    {
        var run = _cli.Run("search", "--index", _cli.IndexPath, "--json", "--", "-ferry");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var hit = Assert.Single(run.Json().GetProperty("hits").EnumerateArray());
        Assert.Equal("calm", hit.GetProperty("id").GetString());
        Assert.Equal("-ferry", run.Json().GetProperty("query").GetString());
    }

    [Fact]
    public void Search_WordsBeforeAndAfterDoubleDash_AreOneQuery()
    {
        var run = _cli.Run("search", "--index", _cli.IndexPath, "--json", "harbour", "--", "-ferry");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("harbour -ferry", run.Json().GetProperty("query").GetString());
    }

    [Fact]
    public void Search_NothingAfterDoubleDash_IsAUsageError()
    {
        var run = _cli.Run("search", "--index", _cli.IndexPath, "--");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the query is empty", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a{1,100000}/")]
    [InlineData("/.{0,50000}/")]
    [InlineData("/(a|b)*a(a|b){24}/")]
    public void Search_RegexThatCrashedTheProcess_ShouldBeOneErrorLine(string query)
    {
        var run = _cli.RunOnIndex("search", query);

        Assert.Equal(ExitCodes.BadQuery, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("searchkit: malformed query: ", line, StringComparison.Ordinal);
        Assert.Contains("position", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_Cancelled_ShouldStopAsInterrupted()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var run = _cli.RunWithInput(null, cancel.Token, "search", "ferry", "--index", _cli.IndexPath);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("interrupted", run.Error, StringComparison.Ordinal);
    }
}
