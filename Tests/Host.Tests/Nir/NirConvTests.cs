using System.Text.Json;
using System.Text.Json.Nodes;
using EventSpike.Routing.Nir;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests.Nir;

/// <summary>
/// The Sinabs CNN's convolutions and poolings as convolution connections (computed by the kernel) against the same
/// graph folded into synapse tables: the same spikes, bit for bit, and a network description a fraction of the size.
/// </summary>
public class NirConvTests
{
    private const double Dt = 1e-4;

    [SkippableFact]
    public void The_cnn_as_kernels_spikes_exactly_as_the_cnn_as_tables()
    {
        var graph = NirFile.Read(NirData.Path("cnn_sinabs.nir"));
        var options = new NirImportOptions(Dt, Spikes: "delta");
        var kernels = NirConverter.ToNetwork(graph, options, "cnn", "cnn_sinabs.nir").Network;
        var tables = NirConverter.ToNetwork(graph, options with { Kernels = false }, "cnn", "cnn_sinabs.nir").Network;
        var forms = kernels["connections"]!.AsArray().Select(c => c!["weights"]!.AsObject().First().Key).ToList();
        // input→1: Conv2d 0; 1→3: Conv2d 2; 3→6: SumPool2d 4 then Conv2d 5; 6→10 (SumPool2d, Flatten, Affine), 10→12 (Affine), 12→output: tables.
        Assert.Equal(["conv2d", "conv2d", "chain", "generator", "generator", "generator"], forms);
        Assert.All(tables["connections"]!.AsArray(), c => Assert.Equal("table", c!["weights"]!["generator"]!.GetValue<string>()));
        var (kernelText, tableText) = (kernels.ToJsonString(), tables.ToJsonString());
        // The three convolution connections: their description shrinks more than 20-fold (the Affine after the last pooling stays a table).
        int Size(JsonObject n) => n["connections"]!.AsArray().Take(3).Sum(c => c!["weights"]!.ToJsonString().Length);
        Assert.True(Size(kernels) * 20 < Size(tables), $"convolution connections: kernels {Size(kernels)} B, tables {Size(tables)} B");
        Assert.True(kernelText.Length < tableText.Length / 5, $"network JSON: kernels {kernelText.Length} B, tables {tableText.Length} B");

        var input = NirData.Spikes(Enumerable.Range(0, 100).SelectMany(k => Enumerable.Range(0, 2 * 34 * 34).Where(c => (k * 31 + c * 17) % 7 == 0).Select(c => (k, c))),
            2 * 34 * 34, 0.01, Dt);
        var outputs = new List<string>();
        foreach (var network in new[] { kernelText, tableText })
        {
            var dir = TempDir();
            var file = Path.Combine(dir, "cnn.json");
            File.WriteAllText(file, network);
            var (code, _, err) = Run("run", file, "--input", "input=" + input, "--out", Path.Combine(dir, "out"), "--no-plot");
            Assert.True(code == 0, err);
            outputs.Add(File.ReadAllText(Path.Combine(dir, "out", "spikes.csv")));
        }
        var spikes = outputs[0].Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[1]).ToList();
        Assert.True(spikes.Count(l => l == "6") > 0 && spikes.Count(l => l == "10") > 0, "spikes reach the layers behind the pooled convolutions");
        Assert.Equal(outputs[1], outputs[0]);
    }

    [SkippableFact]
    public void The_cnn_exported_again_has_its_conv_and_pool_nodes_and_runs_to_the_same_spikes()
    {
        var source = NirData.Path("cnn_sinabs.nir");
        var exported = Path.Combine(TempDir(), "again.nir");
        var (code, _, err) = Run("export", source, "--dt", "0.0001", "--nir", exported);
        Assert.True(code == 0, err);
        var (before, after) = (NirFile.Read(source), NirFile.Read(exported));
        var convs = after.Nodes.Where(n => n.Value.Type == "Conv2d").ToDictionary(n => n.Key, n => n.Value);
        // Conv2d 0, 2 and 5 come back under the connection's name (5 as the second stage of the chain after SumPool2d 4)
        Assert.Equal(["1_to_3", "3_to_6_1", "input_to_1"], convs.Keys.Order(StringComparer.Ordinal));
        foreach (var (original, again) in new[] { ("0", "input_to_1"), ("2", "1_to_3"), ("5", "3_to_6_1") })
            foreach (var field in new[] { "weight", "bias", "stride", "padding", "dilation" })
            {
                var (x, y) = (before.Node(original)!.Field(field)!, convs[again].Field(field)!);
                Assert.True(x.Data.SequenceEqual(y.Data) && x.Shape.SequenceEqual(y.Shape), $"{original}.{field} vs {again}.{field}");
            }
        Assert.Equal("SumPool2d", after.Node("3_to_6_0")!.Type);
        Assert.Contains(("3_to_6_0", "3_to_6_1"), after.Edges);

        var input = NirData.Spikes(Enumerable.Range(0, 100).SelectMany(k => Enumerable.Range(0, 2 * 34 * 34).Where(c => (k * 31 + c * 17) % 7 == 0).Select(c => (k, c))),
            2 * 34 * 34, 0.01, Dt);
        var (a, b) = (TempDir(), TempDir());
        Assert.Equal(0, Run("run", source, "--dt", "0.0001", "--input", "input=" + input, "--out", a, "--no-plot", "--nir-spikes", "delta").Code);
        (code, _, err) = Run("run", exported, "--dt", "0.0001", "--input", "input=" + input, "--out", b, "--no-plot", "--nir-spikes", "delta");
        Assert.True(code == 0, err);
        var (first, second) = (NirData.ReadSpikes(a, Dt), NirData.ReadSpikes(b, Dt));
        Assert.Contains(first, s => s.Layer == "6");
        Assert.Equal(first, second);
    }
}
