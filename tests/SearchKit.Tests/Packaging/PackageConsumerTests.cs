using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Packaging;

/// <summary>
/// The library as a user meets it: packed into a .nupkg, restored from a local package source by a fresh
/// project outside the repository, built and run. No project reference anywhere.
/// </summary>
public sealed class PackageConsumerTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void PackedLibrary_ShouldBeCompleteAndUsableFromALocalPackageSource()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");

        // --no-build packs the DLL this very test run was built against: no second build racing the first.
        var (packed, packLog) = DotNetCli.Run(DotNetCli.RepositoryRoot, StepTimeout,
            "pack", "src/SearchKit/SearchKit.csproj", "-c", DotNetCli.Configuration, "--no-build", "--no-restore", "-o", feed);
        Assert.True(packed == 0, packLog);
        var package = Assert.Single(Directory.GetFiles(feed, "SearchKit.*.nupkg"));
        var version = CheckPackage(package);

        WriteConsumer(temp, version);
        var (built, buildLog) = DotNetCli.Run(temp.Combine("consumer"), StepTimeout, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");
        Assert.True(built == 0, buildLog);

        // The consumer must have restored SearchKit from the package, not from anywhere in the repository.
        var assets = File.ReadAllText(temp.Combine("consumer/obj/project.assets.json"));
        Assert.Contains($"\"SearchKit/{version}\"", assets, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"package\"", assets, StringComparison.Ordinal);

        var (ran, runOutput) = DotNetCli.Run(temp.Combine("consumer"), StepTimeout, "bin/Release/net10.0/Consumer.dll");
        Assert.True(ran == 0, runOutput);
        Assert.Contains("hits 1", runOutput, StringComparison.Ordinal);
        Assert.Contains("quay-1 ¶0 The port authority said «negotiations» would continue", runOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void PackedTools_ShouldCarryTheBenchmarksAndEvaluationAndDependOnTheLibraryPackage()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");

        var (packed, packLog) = DotNetCli.Run(DotNetCli.RepositoryRoot, StepTimeout,
            "pack", "src/SearchKit.Tools/SearchKit.Tools.csproj", "-c", DotNetCli.Configuration, "--no-build", "--no-restore", "-o", feed);
        Assert.True(packed == 0, packLog);
        using var zip = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(feed, "*.nupkg")));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("lib/net10.0/SearchKit.Tools.dll", names);
        Assert.DoesNotContain("lib/net10.0/SearchKit.dll", names); // a dependency, not a copy

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspecStream = zip.GetEntry("SearchKit.Tools.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
        Assert.Equal("SearchKit.Tools", metadata.Element(ns + "id")?.Value);
        var library = metadata.Descendants(ns + "dependency").Single(d => (string?)d.Attribute("id") == "SearchKit");
        Assert.Equal(metadata.Element(ns + "version")!.Value, (string?)library.Attribute("version"));

        using var dll = new MemoryStream();
        using (var entry = zip.GetEntry("lib/net10.0/SearchKit.Tools.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        var reader = pe.GetMetadataReader();
        var namespaces = reader.TypeDefinitions.Select(t => reader.GetString(reader.GetTypeDefinition(t).Namespace)).ToHashSet();
        Assert.Contains("SearchKit.Benchmarking", namespaces);
        Assert.Contains("SearchKit.Evaluation", namespaces);
    }

    /// <summary>Checks what the .nupkg carries and returns its version.</summary>
    private static string CheckPackage(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("lib/net10.0/SearchKit.dll", names);
        Assert.Contains("lib/net10.0/SearchKit.xml", names);

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspecStream = zip.GetEntry("SearchKit.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
        var license = metadata.Element(ns + "license")!;
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("Apache-2.0", license.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal("git", (string?)metadata.Element(ns + "repository")?.Attribute("type"));
        var lucene = metadata.Descendants(ns + "dependency").Single(d => (string?)d.Attribute("id") == "Lucene.Net");
        Assert.Equal("[4.8.0-beta00017]", (string?)lucene.Attribute("version"));

        // Symbols travel inside the DLL (embedded portable PDB), and the build is deterministic.
        using var dll = new MemoryStream();
        using (var entry = zip.GetEntry("lib/net10.0/SearchKit.dll")!.Open())
        {
            entry.CopyTo(dll);
        }

        dll.Position = 0;
        using var pe = new PEReader(dll);
        var debug = pe.ReadDebugDirectory();
        Assert.Contains(debug, d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        Assert.Contains(debug, d => d.Type == DebugDirectoryEntryType.Reproducible);

        // The library is indexing and search only: the benchmarks and the evaluation travel in SearchKit.Tools.
        var reader = pe.GetMetadataReader();
        var namespaces = reader.TypeDefinitions.Select(t => reader.GetString(reader.GetTypeDefinition(t).Namespace)).ToHashSet();
        Assert.Contains("SearchKit.Searching", namespaces);
        Assert.DoesNotContain("SearchKit.Benchmarking", namespaces);
        Assert.DoesNotContain("SearchKit.Evaluation", namespaces);

        return metadata.Element(ns + "version")!.Value;
    }

    private static void WriteConsumer(TempFolder temp, string version)
    {
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        // The packed SearchKit comes from the local feed; its dependencies from the machine's usual sources
        // (inherited: no <clear/>) or, faster and offline, from the packages this machine already has. A private
        // packages folder keeps this test's SearchKit out of the machine's cache, so a stale copy is never used.
        temp.Write("consumer/nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{temp.Combine("packages")}" />
              </config>
              <packageSources>
                <add key="searchkit-local" value="{temp.Combine("feed")}" />
                <add key="machine-cache" value="{globalPackages}" />
              </packageSources>
            </configuration>
            """);
        temp.Write("consumer/Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SearchKit" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        temp.Write("consumer/Program.cs", $$"""
            using SearchKit;
            using SearchKit.Articles;

            var path = Path.Combine(AppContext.BaseDirectory, "consumer-index");
            using (var index = SearchIndex.Open(path))
            {
                index.Upsert(Article.Create("quay-1", "Harbour talks resume", "Negotiators met on Monday.",
                [
                    "The port authority said negotiations would continue this week.",
                    "Fishermen asked for a seat at the table.",
                ]));
                index.Commit();
            }

            using var reopened = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
            var results = reopened.Search("negotiate");
            Console.WriteLine($"hits {results.Total}");
            foreach (var hit in results.Hits)
            {
                foreach (var p in hit.Paragraphs)
                {
                    Console.WriteLine($"{hit.Id} ¶{p.Index} {p.Snippet}");
                }
            }
            """);
    }
}
