using System.Text.Json;
using System.Text.RegularExpressions;
using EventSpike.Tests.Common;
using Xunit;
using Xunit.Abstractions;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

/// <summary>
/// The README's C# example is a .NET 10 file-based app: it compiles and runs as written (a file-based app has
/// reflection-based JSON off, so this also holds the library to source-generated serializers), prints the same
/// spike counts as <c>eventspike run</c> of the reservoir file, and its saved file runs.
/// </summary>
[Collection(ChildBuilds.Name)]
public partial class ReadmeExampleTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"<!-- builder-example -->\s*```csharp\n(?<code>.*?)```\s*<!-- /builder-example -->", RegexOptions.Singleline)]
    internal static partial Regex Example();

    /// <summary>Appended to the README's program: every model that builds with its defaults goes to_dict → from_dict → to_dict with reflection off, and a Rockpool chain saves.</summary>
    private const string Sweep = """"

        var swept = 0;
        foreach (var type in EventSpike.Neurons.Models.ModelCatalog.Names)
        {
            EventSpike.Neurons.Models.ILayerModel model;
            try { model = EventSpike.Neurons.Models.ModelCatalog.Create(type, 2, 1e-3, new(), b => new EventSpike.Neurons.Random.Xoshiro256StarStar(1)); }
            catch (Exception e) when (e is EventSpike.Neurons.Models.ModelParameterException or ArgumentException) { continue; }
            var dict = model.ToDict();
            var again = EventSpike.Neurons.Models.ModelCatalog.FromDict(dict, b => new EventSpike.Neurons.Random.Xoshiro256StarStar(1)).ToDict();
            if (dict.ToJsonString() != again.ToJsonString()) throw new Exception($"{type}: {dict.ToJsonString()} != {again.ToJsonString()}");
            swept++;
        }
        var chain = new EventSpike.Actors.Api.Network();
        chain.AddLayer("iaf", System.Text.Json.Nodes.JsonNode.Parse("""{"class_name": "FFIAFSpkInTorch", "weights": [[0.5, 0.2]], "dt": 0.001}""")!.AsObject());
        chain.Save("chain.json");
        Console.WriteLine($"swept {swept} models");
        """";

    [Fact]
    public void The_readme_example_runs_as_a_file_based_app_and_prints_what_run_prints()
    {
        var root = SharedFiles.RepositoryRoot;
        var match = Example().Match(File.ReadAllText(Path.Combine(root, "README.md")));
        Assert.True(match.Success, "README.md has no <!-- builder-example --> block");
        var code = match.Groups["code"].Value;
        Assert.True(code.Split('\n').Length <= 25, $"the README's example has {code.Split('\n').Length} lines, more than 25");
        // A fixed folder, so that a rerun reuses the app's build.
        var dir = Path.Combine(AppContext.BaseDirectory, "readme-app");
        Directory.CreateDirectory(dir);
        var app = code.Replace("#:project Actors/Actors.csproj", $"#:project {Path.Combine(root, "Actors", "Actors.csproj")}") + Sweep;
        Assert.Contains(Path.Combine(root, "Actors"), app);
        File.WriteAllText(Path.Combine(dir, "reservoir.cs"), app);
        File.Delete(Path.Combine(dir, "reservoir-from-code.json"));
        var (exit, stdout, stderr) = ChildProcess.Run("dotnet", ["run", "reservoir.cs"], dir, TimeSpan.FromMinutes(5));
        output.WriteLine(stdout);
        Assert.True(exit == 0, $"dotnet run reservoir.cs: exit {exit}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("Reflection-based serialization", stderr);
        Assert.Matches(@"swept [1-9]\d models", stdout);

        var outDir = TempDir();
        var (code2, _, err) = Run("run", Path.Combine(root, "config", "networks", "reservoir.json"), "--duration", "0.5", "--out", outDir, "--no-plot");
        Assert.True(code2 == 0, err);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        foreach (var layer in summary.RootElement.GetProperty("layers").EnumerateArray())
            Assert.Contains($"{layer.GetProperty("name").GetString()}: {layer.GetProperty("spikes").GetInt64()} spikes,", stdout);

        var fromCode = TempDir();
        (code2, _, err) = Run("run", Path.Combine(dir, "reservoir-from-code.json"), "--duration", "0.5", "--out", fromCode, "--no-plot");
        Assert.True(code2 == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "spikes.csv")), File.ReadAllBytes(Path.Combine(fromCode, "spikes.csv")));
        (code2, _, err) = Run("run", Path.Combine(dir, "chain.json"), "--duration", "0.01", "--out", TempDir(), "--no-plot");
        Assert.True(code2 == 0, err);
    }
}
