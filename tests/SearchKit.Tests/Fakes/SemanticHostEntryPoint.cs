using SearchKit.Cli;

namespace SearchKit.Tests.Fakes;

/// <summary>
/// The entry point of the test assembly, which makes it a semantic build of the host for child-process tests
/// (<c>dotnet SearchKit.Tests.dll --semantic-host index …</c>): the real host, with the fake embedder as its model
/// loader, as the semantic tool passes its own. The test runner never calls it.
/// </summary>
internal static class SemanticHostEntryPoint
{
    /// <summary>The first argument that asks for the host.</summary>
    public const string Verb = "--semantic-host";

    public static int Main(string[] args) =>
        args is [Verb, .. var rest]
            ? SearchKitApp.RunProcess(rest, new HostExtensions { Embedders = name => name is null or "fake-stems" ? new FakeEmbedder() : throw new ArgumentException($"unknown model '{name}'") })
            : ExitCodes.Usage;
}
