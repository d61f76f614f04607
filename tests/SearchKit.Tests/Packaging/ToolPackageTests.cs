using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using SearchKit.Tests.Fakes;

namespace SearchKit.Tests.Packaging;

/// <summary>
/// The host as a user meets it: packed as a .NET tool, installed with <c>dotnet tool install</c> from a local
/// package source into a temporary tool path, and run as <c>searchkit</c>. No project reference anywhere.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void PackedTool_ShouldInstallFromALocalSourceAndIndexAndSearch()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");

        // --no-build packs (and publishes) the host this very test run was built against.
        var (packed, packLog) = DotNetCli.Run(DotNetCli.RepositoryRoot, StepTimeout,
            "pack", "src/SearchKit.Cli/SearchKit.Cli.csproj", "-c", DotNetCli.Configuration, "--no-build", "--no-restore", "-o", feed);
        Assert.True(packed == 0, packLog);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        var version = CheckPackage(package);

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

    /// <summary>Checks that the .nupkg is a self-contained tool package with the samples, and returns its version.</summary>
    private static string CheckPackage(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        Assert.Contains("tools/net10.0/any/SearchKit.Cli.dll", names);
        Assert.Contains("tools/net10.0/any/SearchKit.dll", names); // the library travels inside the tool
        var bundled = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*", SearchOption.AllDirectories)
            .Select(f => "tools/net10.0/any/samples/" + Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "samples"), f).Replace('\\', '/'))
            .ToList();
        Assert.NotEmpty(bundled);
        Assert.All(bundled, sample => Assert.Contains(sample, names));

        using (var settingsStream = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open())
        {
            var command = XDocument.Load(settingsStream).Descendants("Command").Single();
            Assert.Equal("searchkit", (string?)command.Attribute("Name"));
            Assert.Equal("SearchKit.Cli.dll", (string?)command.Attribute("EntryPoint"));
        }

        XNamespace ns = "http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd";
        using var nuspecStream = zip.GetEntry("SearchKit.Cli.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
        Assert.Equal("SearchKit.Cli", metadata.Element(ns + "id")?.Value);
        Assert.Equal("DotnetTool", (string?)metadata.Descendants(ns + "packageType").Single().Attribute("name"));
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")?.Value);
        Assert.Empty(metadata.Descendants(ns + "dependency")); // a tool package carries its dependencies itself
        return metadata.Element(ns + "version")!.Value;
    }
}
