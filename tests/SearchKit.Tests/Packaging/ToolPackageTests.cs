using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Packaging;

/// <summary>
/// The host as a user meets it: packed as a .NET tool, installed with <c>dotnet tool install</c> from a local
/// package source into a temporary tool path, and run as <c>searchkit</c>. No project reference anywhere.
/// The tool ships one package per platform with precompiled (ReadyToRun) code, and a framework-dependent
/// <c>any</c> package for every other platform; this test packs only the platform it runs on.
/// </summary>
public sealed class ToolPackageTests
{
    private const string Project = "src/SearchKit.Cli/SearchKit.Cli.csproj";

    /// <summary>The lean tool's size goal for one platform's package (10 MB; the any package is smaller still).</summary>
    private const long MaxPlatformPackageBytes = 10_000_000;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Packing compiles the host for one platform and precompiles it and its libraries (tens of seconds).</summary>
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(6);

    /// <summary>The assemblies a search runs through most: if any of them is not precompiled, start-up pays the JIT again.</summary>
    private static readonly string[] PrecompiledAssemblies =
        ["SearchKit.Cli.dll", "SearchKit.dll", "Lucene.Net.dll", "Spectre.Console.dll", "Spectre.Console.Cli.dll"];

    /// <summary>
    /// Those the lean tool leaves to the JIT to stay under its size goal (SearchKit.Cli.csproj says why; the cost is in
    /// docs/benchmarks.md, "Tool package size"): precompiled, they would put it over.
    /// </summary>
    private static readonly string[] JitAssemblies =
        ["Lucene.Net.Analysis.Common.dll", "J2N.dll", "Lucene.Net.QueryParser.dll"];

    [Fact]
    public void PackedTool_ShouldInstallFromALocalSourceAndIndexAndSearch()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");

        // The platforms a release packs, from the project itself; this machine's, if it is one of them, else the
        // framework-dependent fallback every other platform installs.
        var (listed, platformsOutput) = DotNetCli.Run(DotNetCli.RepositoryRoot, StepTimeout,
            "msbuild", Project, "-getProperty:ToolPackageRuntimeIdentifiers", "-p:Configuration=" + DotNetCli.Configuration);
        Assert.True(listed == 0, platformsOutput);
        var platforms = platformsOutput.Trim().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("any", platforms);
        var rid = CurrentPlatforms().FirstOrDefault(platforms.Contains) ?? "any";

        // Not --no-build: the platform's package is compiled and precompiled for it, in its own output folders
        // (bin/CONFIG/net10.0/RID), next to the build this test run uses, which it does not touch.
        var (packed, packLog) = DotNetCli.Run(DotNetCli.RepositoryRoot, PackTimeout,
            "pack", Project, "-c", DotNetCli.Configuration, "--no-restore", "-o", feed, "-p:ToolPackageRuntimeIdentifiers=" + rid);
        Assert.True(packed == 0, packLog);

        // Two packages: the one users install by name, which points to the platform's one.
        var packages = Directory.GetFiles(feed, "*.nupkg");
        Assert.Equal(2, packages.Length);
        var platformPackage = Assert.Single(packages, p => Path.GetFileName(p).StartsWith($"SearchKit.Cli.{rid}.", StringComparison.Ordinal));
        var version = CheckPointerPackage(Assert.Single(packages, p => p != platformPackage), rid);
        CheckPlatformPackage(platformPackage, rid, version);

        // Only the local feed, and a private packages folder: neither the network nor a stale SearchKit.Cli
        // in the machine's cache can stand in for the package just packed.
        temp.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{temp.Combine("packages")}" />
              </config>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);
        var tools = temp.Combine("tools");
        var (installed, installLog) = DotNetCli.Run(temp.Path, StepTimeout,
            "tool", "install", "--tool-path", tools, "--configfile", temp.Combine("nuget.config"), "--add-source", feed, "SearchKit.Cli", "--version", version);
        Assert.True(installed == 0, installLog);
        var searchkit = Path.Combine(tools, OperatingSystem.IsWindows() ? "searchkit.exe" : "searchkit");
        Assert.True(File.Exists(searchkit), installLog);

        // What was installed is the platform's package, and what runs is precompiled code.
        var installedFolder = Path.GetDirectoryName(Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "SearchKit.Cli.dll", SearchOption.AllDirectories)))!;
        Assert.EndsWith(Path.Combine("tools", "net10.0", rid), installedFolder, StringComparison.Ordinal);
        foreach (var assembly in PrecompiledAssemblies)
        {
            Assert.True(IsReadyToRun(Path.Combine(installedFolder, assembly)) == (rid != "any"), $"{assembly} in the {rid} package: ReadyToRun expected {rid != "any"}");
        }

        foreach (var assembly in JitAssemblies)
        {
            Assert.False(IsReadyToRun(Path.Combine(installedFolder, assembly)), $"{assembly} in the {rid} package: not precompiled, for the size goal");
        }

        var (versionCode, versionOutput) = DotNetCli.RunProgram(searchkit, temp.Path, StepTimeout, "--version");
        Assert.True(versionCode == 0, versionOutput);
        Assert.Equal(version, versionOutput.Trim());

        temp.Write("articles/quay.txt", "Harbour talks resume\nNegotiators met on Monday.\nThe port authority said negotiations would continue this week.\nFishermen asked for a seat at the table.\n");
        temp.Write("articles/orchard.txt", "School orchard survives frost\nThe apple trees were wrapped overnight.\n");
        var index = temp.Combine("index");
        var (indexCode, indexOutput) = DotNetCli.RunProgram(searchkit, temp.Path, StepTimeout, "index", temp.Combine("articles"), "--index", index);
        Assert.True(indexCode == 0, indexOutput);
        Assert.Contains("2 added, 0 updated, 0 unchanged, 0 removed", indexOutput, StringComparison.Ordinal);

        var (searchCode, searchOutput) = DotNetCli.RunProgram(searchkit, temp.Path, StepTimeout, "search", "negotiate", "--json", "--index", index);
        Assert.True(searchCode == 0, searchOutput);
        using var json = JsonDocument.Parse(searchOutput.Trim());
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt64());
        var hit = Assert.Single(json.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal("quay", hit.GetProperty("id").GetString());
        var paragraph = Assert.Single(hit.GetProperty("paragraphs").EnumerateArray());
        Assert.Equal(0, paragraph.GetProperty("index").GetInt32());
        Assert.Contains("«negotiations»", paragraph.GetProperty("snippet").GetString(), StringComparison.Ordinal);

        // The demo finds the samples that travel inside the tool package, next to the installed executable.
        var (demoCode, demoOutput) = DotNetCli.RunProgram(searchkit, temp.Path, StepTimeout, "demo");
        Assert.True(demoCode == 0, demoOutput);
        Assert.Contains(Path.Combine(tools, ".store"), demoOutput, StringComparison.Ordinal);
        Assert.Matches(@"Indexed [1-9][0-9]* articles", demoOutput);
        Assert.Contains("$ searchkit search ferry", demoOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks the package users install by name: a pointer to the platform packages, with the metadata and readme
    /// and no dependencies. Returns its version.
    /// </summary>
    private static string CheckPointerPackage(string path, string rid)
    {
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.DoesNotContain(names, n => n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        using (var settingsStream = zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open())
        {
            var settings = XDocument.Load(settingsStream);
            Assert.Equal("searchkit", (string?)settings.Descendants("Command").Single().Attribute("Name"));
            var platform = Assert.Single(settings.Descendants("RuntimeIdentifierPackage"));
            Assert.Equal(rid, (string?)platform.Attribute("RuntimeIdentifier"));
            Assert.Equal("SearchKit.Cli." + rid, (string?)platform.Attribute("Id"));
        }

        var metadata = Metadata(zip, "SearchKit.Cli.nuspec");
        Assert.Equal("SearchKit.Cli", Field(metadata, "id"));
        Assert.Equal("DotnetTool", (string?)Named(metadata, "packageType").Single().Attribute("name"));
        Assert.Equal("Apache-2.0", Field(metadata, "license"));
        Assert.Empty(Named(metadata, "dependency")); // a tool package carries its dependencies itself
        return Field(metadata, "version")!;
    }

    /// <summary>Checks one platform's package: the host, the library and the samples inside, run by dotnet through the shim the install makes.</summary>
    private static void CheckPlatformPackage(string path, string rid, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        var root = $"tools/net10.0/{rid}/";
        Assert.Contains(root + "DotnetToolSettings.xml", names);
        Assert.Contains(root + "SearchKit.Cli.dll", names);
        Assert.Contains(root + "SearchKit.dll", names); // the library travels inside the tool
        Assert.Contains(root + "SearchKit.Tools.dll", names); // and the tools on it (bench, eval)

        // The lean tool leaves the Elasticsearch backend and its client to the SearchKit.Elasticsearch.Cli and
        // SearchKit.Semantic.Cli packages (the client alone is larger than the rest of the tool), and semantic search's
        // ONNX Runtime and model to the latter.
        Assert.DoesNotContain(names, n => Path.GetFileName(n).StartsWith("Elastic.", StringComparison.Ordinal)
            || Path.GetFileName(n).StartsWith("SearchKit.Elasticsearch", StringComparison.Ordinal)
            || Path.GetFileName(n).StartsWith("SearchKit.Semantic", StringComparison.Ordinal)
            || Path.GetFileName(n).StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
        Assert.True(new FileInfo(path).Length < MaxPlatformPackageBytes, $"{Path.GetFileName(path)} is {new FileInfo(path).Length:N0} bytes; the lean tool's goal is under {MaxPlatformPackageBytes:N0} (docs/benchmarks.md, \"Tool package size\")");

        // Charts are SVG drawn by managed code: no native library travels in the tool (SkiaSharp's, for PNG charts,
        // once made each platform's package several times larger than the rest of it).
        Assert.DoesNotContain(names, n => n.Contains("/runtimes/", StringComparison.Ordinal)
            || n.EndsWith(".so", StringComparison.Ordinal) || n.EndsWith(".dylib", StringComparison.Ordinal));
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var bundled = Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories)
            .Select(f => root + "samples/" + Path.GetRelativePath(samples, f).Replace('\\', '/'))
            .ToList();
        Assert.NotEmpty(bundled);
        Assert.All(bundled, sample => Assert.Contains(sample, names));

        using (var settingsStream = zip.GetEntry(root + "DotnetToolSettings.xml")!.Open())
        {
            var command = XDocument.Load(settingsStream).Descendants("Command").Single();
            Assert.Equal("searchkit", (string?)command.Attribute("Name"));
            Assert.Equal("SearchKit.Cli.dll", (string?)command.Attribute("EntryPoint"));
            Assert.Equal("dotnet", (string?)command.Attribute("Runner"));
        }

        // The start-up settings travel in the runtime configuration (see SearchKit.Cli.csproj).
        using (var configStream = zip.GetEntry(root + "SearchKit.Cli.runtimeconfig.json")!.Open())
        {
            using var config = JsonDocument.Parse(configStream);
            Assert.False(config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
                .GetProperty("System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported").GetBoolean());
        }

        var metadata = Metadata(zip, $"SearchKit.Cli.{rid}.nuspec");
        Assert.Equal("SearchKit.Cli." + rid, Field(metadata, "id"));
        Assert.Equal(version, Field(metadata, "version"));
        Assert.Equal("DotnetToolRidPackage", (string?)Named(metadata, "packageType").Single().Attribute("name"));
        Assert.Empty(Named(metadata, "dependency"));
    }

    /// <summary>The nuspec's metadata element (NuGet writes the oldest schema namespace that holds what is used, so names are matched without it).</summary>
    private static XElement Metadata(ZipArchive zip, string nuspec)
    {
        using var stream = zip.GetEntry(nuspec)!.Open();
        return Named(XDocument.Load(stream).Root!, "metadata").Single();
    }

    private static IEnumerable<XElement> Named(XElement element, string name) => element.Descendants().Where(e => e.Name.LocalName == name);

    private static string? Field(XElement metadata, string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>This machine's platform names (runtime identifiers), most specific first.</summary>
    private static IEnumerable<string> CurrentPlatforms()
    {
        yield return RuntimeInformation.RuntimeIdentifier;

        // A distribution's own .NET build may name a distro-specific RID; the portable name is what the packages use.
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx"
            : RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal) ? "linux-musl" : "linux";
        yield return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }

    /// <summary>
    /// Whether an assembly carries precompiled code: a ReadyToRun image has a managed native header in its CLI
    /// header, and that header starts with the signature "RTR".
    /// </summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var header = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory ?? default;
        return header.Size > 0 && pe.GetSectionData(header.RelativeVirtualAddress).GetReader().ReadUInt32() == 0x00525452;
    }
}
