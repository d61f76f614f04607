using SearchKit.Fuzz;
using SharpFuzz;

// Usage: SearchKit.Fuzz <target> [--replay <file>...]   targets: plaintext, jsonl, query, docx, pdf, html, markdown
// Under afl-fuzz (after 'sharpfuzz' instrumentation) the input arrives on stdin; --replay runs saved inputs.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: SearchKit.Fuzz <{string.Join('|', Targets.All.Keys)}> [--replay <file>...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    foreach (var file in args.Skip(2))
    {
        target(File.ReadAllBytes(file));
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
if (Targets.SharedIndex.IsValueCreated)
{
    Targets.SharedIndex.Value.Dispose();
}

return 0;
