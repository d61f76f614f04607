using BenchmarkDotNet.Running;

namespace SearchKit.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher (<c>--filter *Indexing*</c> etc.), plus <c>peers …</c>: one-line RESULT output in
/// the format of the peer harnesses (kept outside this repository), so SearchKit can run interleaved with them (see docs/benchmarks.md).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["peers", .. var rest])
        {
            return PeersCommand.Run(rest, Console.Out, Console.Error);
        }

        if (args is ["discovery", .. var options])
        {
            return DiscoveryCommand.Run(options, Console.Out);
        }

        if (args is ["facet-size", .. var size])
        {
            return FacetSizeCommand.Run(size, Console.Out);
        }

        if (args is ["formats", .. var formats])
        {
            return FormatsCommand.Run(formats, Console.Out);
        }

        if (args is ["metadata", .. var metadata])
        {
            return MetadataCommand.Run(metadata, Console.Out);
        }

        if (args is ["vectors", .. var vectors])
        {
            return VectorsCommand.Run(vectors, Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
