using System.IO.Compression;
using EventSpike.Tests.Common;
using Xunit;
using Xunit.Abstractions;

namespace EventSpike.Host.Tests;

/// <summary>
/// The packages: <c>dotnet pack</c> of the libraries (with their dependencies on each other) and of the command as a
/// .NET tool, installed from the packed folder into a fresh tool path, runs the example as the README says.
/// </summary>
[Collection(ChildBuilds.Name)]
public class ToolPackageTests(ITestOutputHelper output)
{
    [Fact]
    public void The_tool_installs_from_the_packed_packages_and_runs_the_example()
    {
        var root = SharedFiles.RepositoryRoot;
        var tmp = HostRunner.TempDir();
        var feed = Path.Combine(tmp, "nupkg");
        var limit = TimeSpan.FromMinutes(5);
        LocalFeed.Pack(feed, [.. LocalFeed.Libraries, "Host"]);
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order().ToList();
        output.WriteLine(string.Join(", ", packages));
        Assert.Equal(["EventSpike.Actors.0.3.0.nupkg", "EventSpike.Neurons.0.3.0.nupkg", "EventSpike.Routing.0.3.0.nupkg", "eventspike.0.3.0.nupkg"], packages);
        using (var actors = ZipFile.OpenRead(Path.Combine(feed, "EventSpike.Actors.0.3.0.nupkg")))
        {
            using var reader = new StreamReader(actors.GetEntry("EventSpike.Actors.nuspec")!.Open());
            var nuspec = reader.ReadToEnd();
            Assert.Contains("id=\"EventSpike.Routing\"", nuspec);
            Assert.Contains("id=\"EventSpike.Neurons\"", nuspec);
        }

        var tools = Path.Combine(tmp, "tools");
        var install = ChildProcess.Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "eventspike", "--version", "0.3.0"], tmp, limit);
        Assert.True(install.Code == 0, $"dotnet tool install: exit {install.Code}\n{install.Out}\n{install.Err}");
        var outDir = Path.Combine(tmp, "out");
        var run = ChildProcess.Run(Path.Combine(tools, "eventspike"), ["run", Path.Combine(root, "config", "networks", "reservoir.json"), "--duration", "0.2", "--out", outDir, "--no-plot"], tmp, limit);
        Assert.True(run.Code == 0, $"eventspike run: exit {run.Code}\n{run.Out}\n{run.Err}");
        var reference = HostRunner.TempDir();
        var (refCode, _, refErr) = HostRunner.Run("run", Path.Combine(root, "config", "networks", "reservoir.json"), "--duration", "0.2", "--out", reference, "--no-plot");
        Assert.True(refCode == 0, refErr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "spikes.csv")), File.ReadAllBytes(Path.Combine(outDir, "spikes.csv")));
        Directory.Delete(tmp, recursive: true);
    }
}
