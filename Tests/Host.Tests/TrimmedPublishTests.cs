using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventSpike.Tests.Common;
using Xunit;
using Xunit.Abstractions;

namespace EventSpike.Host.Tests;

/// <summary>
/// A trimmed, self-contained publish of the README's C# example against the packed libraries (as README's "Publishing
/// trimmed" says: nothing but <c>PublishTrimmed</c>): the trimmer keeps what Akka.NET makes by reflection because
/// EventSpike.Actors carries its ILLink descriptor, prints no trim warning about EventSpike's own assemblies, and the
/// app prints the spike counts <c>eventspike run</c> gives, for the network built in code and for the file it loads.
/// </summary>
[Collection(ChildBuilds.Name)]
public class TrimmedPublishTests(ITestOutputHelper output)
{
    /// <summary>A version no restore of the repository makes, so no package of another build is taken from a cache.</summary>
    private const string Version = "0.0.0-trimtest";

    /// <summary>Appended to the README's program: the reservoir file loaded (the source-generated reader) and run.</summary>
    private const string Loaded = """

        var loaded = NetworkBuilder.Load(args[0]).Run(duration: 0.5);
        foreach (var name in new[] { "input", "reservoir", "readout" })
            Console.WriteLine($"loaded {name}: {loaded.Events(name).Count} spikes");
        """;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <RuntimeIdentifier>RID</RuntimeIdentifier>
            <PublishTrimmed>true</PublishTrimmed>
            <TrimmerSingleWarn>false</TrimmerSingleWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="EventSpike.Actors" Version="[VERSION]" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>The packed feed first, the machine's NuGet cache as a read-only fallback (offline when it holds the rest).</summary>
    private const string NuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config><add key="globalPackagesFolder" value="packages" /></config>
          <packageSources><add key="eventspike-packed" value="FEED" /></packageSources>
          <fallbackPackageFolders><add key="machine-cache" value="CACHE" /></fallbackPackageFolders>
        </configuration>
        """;

    [Fact]
    public void The_readme_example_published_trimmed_from_the_packages_runs_and_prints_what_run_prints()
    {
        var root = SharedFiles.RepositoryRoot;
        var example = ReadmeExampleTests.Example().Match(File.ReadAllText(Path.Combine(root, "README.md")));
        Assert.True(example.Success, "README.md has no <!-- builder-example --> block");
        var tmp = HostRunner.TempDir();
        var feed = Path.Combine(tmp, "feed");
        LocalFeed.Pack(feed, LocalFeed.Libraries, Version);
        var app = Path.Combine(tmp, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "Program.cs"), example.Groups["code"].Value.Replace("#:project Actors/Actors.csproj\n", "") + Loaded);
        File.WriteAllText(Path.Combine(app, "TrimmedApp.csproj"), Project.Replace("RID", RuntimeInformation.RuntimeIdentifier).Replace("VERSION", Version));
        File.WriteAllText(Path.Combine(app, "nuget.config"), NuGetConfig.Replace("FEED", feed).Replace("CACHE", LocalFeed.GlobalPackages));

        var publish = ChildProcess.Run("dotnet", ["publish", "-c", "Release", "-o", "pub", "--disable-build-servers",
            "-p:RestoreIgnoreFailedSources=true", "-p:NuGetAudit=false"], app, TimeSpan.FromMinutes(8));
        Assert.True(publish.Code == 0, $"dotnet publish (trimmed): exit {publish.Code}\n{publish.Out}\n{publish.Err}");
        var trimWarnings = publish.Out.Split('\n').Where(l => Regex.IsMatch(l, @"warning IL\d{4}")).ToList();
        output.WriteLine($"{trimWarnings.Count} trim warnings, none about EventSpike (Akka.NET, Newtonsoft.Json, ConfigurationManager: kept whole)");
        var ours = trimWarnings.Where(l => l.Contains("EventSpike", StringComparison.Ordinal)).ToList();
        Assert.True(ours.Count == 0, "trim warnings in EventSpike's code:\n" + string.Join("\n", ours));
        var pub = Path.Combine(app, "pub");
        Assert.True(File.Exists(Path.Combine(pub, "Akka.dll")));
        Assert.False(File.Exists(Path.Combine(pub, "System.Net.Mail.dll")), "the framework was not trimmed");
        var packedNeurons = Directory.GetFiles(Path.Combine(app, "packages", "eventspike.neurons"), "EventSpike.Neurons.dll", SearchOption.AllDirectories).Single();
        Assert.True(new FileInfo(Path.Combine(pub, "EventSpike.Neurons.dll")).Length < new FileInfo(packedNeurons).Length, "EventSpike.Neurons was not trimmed");

        var reservoir = HostRunner.Example("reservoir.json");
        var run = ChildProcess.Run(Path.Combine(pub, "TrimmedApp"), [reservoir], app, TimeSpan.FromMinutes(2));
        output.WriteLine(run.Out);
        Assert.True(run.Code == 0, $"the trimmed app: exit {run.Code}\n{run.Out}\n{run.Err}");
        var outDir = HostRunner.TempDir();
        var (code, _, err) = HostRunner.Run("run", reservoir, "--duration", "0.5", "--out", outDir, "--no-plot");
        Assert.True(code == 0, err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        foreach (var layer in summary.RootElement.GetProperty("layers").EnumerateArray())
        {
            var line = $"{layer.GetProperty("name").GetString()}: {layer.GetProperty("spikes").GetInt64()} spikes";
            Assert.Contains($"\n{line},", "\n" + run.Out);
            Assert.Contains($"loaded {line}\n", run.Out);
        }
        Directory.Delete(tmp, recursive: true);
    }
}
