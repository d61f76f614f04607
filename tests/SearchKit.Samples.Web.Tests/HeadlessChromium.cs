using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchKit.Samples.Web.Tests;

/// <summary>
/// A headless Chromium driven through the Chrome DevTools Protocol over a WebSocket: just enough to load a
/// page, type, press keys, evaluate script and take a screenshot. (Playwright's own browser download is not
/// possible on our machines, and Debian's chromium speaks the protocol natively.) Disposing closes the
/// browser and deletes its profile.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser to use: <c>CHROMIUM_PATH</c>, else Debian's chromium; <see langword="null"/> when there is none.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        return !string.IsNullOrEmpty(configured) && File.Exists(configured) ? configured : Candidates.FirstOrDefault(File.Exists);
    }

    public static async Task<HeadlessChromium> LaunchAsync(string executable, TimeSpan timeout)
    {
        var profile = Path.Combine(Path.GetTempPath(), "searchkit-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
            "--window-size=1200,1000", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
            $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(timeout);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public Task<JsonNode> SendAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        return SendAndWait(message, completion, method, timeout ?? TimeSpan.FromSeconds(20));
    }

    /// <summary>Evaluates a script expression in the page and returns its (JSON) value; a thrown error fails.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"script failed: {expression}: {error.ToJsonString()}");
        }

        return result["result"]?["value"];
    }

    /// <summary>Polls a script condition until it is true.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await EvaluateAsync($"!!({condition})");
            if (value?.GetValue<bool>() == true)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                var text = await EvaluateAsync("document.body ? document.body.innerText : ''");
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}; the page shows:\n{text}");
            }

            await Task.Delay(50);
        }
    }

    public async Task NavigateAsync(string url) => await SendAsync("Page.navigate", new { url });

    /// <summary>Types text into the focused element, as a keyboard would (input events fire).</summary>
    public async Task TypeAsync(string text) => await SendAsync("Input.insertText", new { text });

    public async Task PressEnterAsync()
    {
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyDown", key = "Enter", code = "Enter", windowsVirtualKeyCode = 13, nativeVirtualKeyCode = 13, text = "\r" });
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key = "Enter", code = "Enter", windowsVirtualKeyCode = 13, nativeVirtualKeyCode = 13 });
    }

    /// <summary>Presses a key that types nothing: <c>ArrowDown</c>, <c>ArrowUp</c> or <c>Escape</c>.</summary>
    public async Task PressKeyAsync(string key)
    {
        int code = key switch
        {
            "ArrowDown" => 40,
            "ArrowUp" => 38,
            "Escape" => 27,
            _ => throw new ArgumentException($"no key code for {key}", nameof(key)),
        };
        await SendAsync("Input.dispatchKeyEvent", new { type = "rawKeyDown", key, code = key, windowsVirtualKeyCode = code, nativeVirtualKeyCode = code });
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code = key, windowsVirtualKeyCode = code, nativeVirtualKeyCode = code });
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var bye = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, bye.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The browser is being killed anyway.
        }

        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _process.Dispose();
        _closing.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A crash handler may still hold a file; the temp folder is cleaned by the OS.
        }
    }

    private async Task ConnectAsync(TimeSpan timeout)
    {
        // Chromium writes the port it picked into DevToolsActivePort in the profile once it listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        string? port = null;
        while (port is null)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"chromium exited at start with code {_process.ExitCode}");
            }

            if (File.Exists(portFile))
            {
                var lines = await File.ReadAllLinesAsync(portFile);
                port = lines.Length >= 2 ? lines[0].Trim() : null;
            }

            if (port is null)
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"chromium did not open its debugging port within {timeout.TotalSeconds} s");
                }

                await Task.Delay(50);
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var targets = await http.GetFromJsonAsync<JsonArray>($"http://127.0.0.1:{port}/json/list") ?? [];
        var page = targets.FirstOrDefault(t => t?["type"]?.GetValue<string>() == "page")
            ?? throw new InvalidOperationException("chromium has no page target");
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), _closing.Token);
        _reader = Task.Run(ReadLoopAsync);
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
    }

    private async Task<JsonNode> SendAndWait(byte[] message, TaskCompletionSource<JsonNode> completion, string method, TimeSpan timeout)
    {
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
        try
        {
            return await completion.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"chromium did not answer {method} within {timeout.TotalSeconds} s");
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_closing.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);

                // Events (no id) are not needed: the tests poll the page's state instead.
                if (node?["id"] is { } idNode && _pending.TryRemove(idNode.GetValue<int>(), out var completion))
                {
                    if (node["error"] is { } error)
                    {
                        completion.TrySetException(new InvalidOperationException("chromium: " + error.ToJsonString()));
                    }
                    else
                    {
                        completion.TrySetResult(node["result"] ?? new JsonObject());
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection ends with the browser.
        }

        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("the connection to chromium closed"));
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when no Chromium is installed.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Find() is null)
        {
            Skip = "no Chromium found (/usr/bin/chromium; install it with 'apt-get install -y chromium' or set CHROMIUM_PATH) — .ci/run installs it";
        }
    }
}
