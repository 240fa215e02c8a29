using EventSpike.Routing.Nir;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests.Nir;

/// <summary><c>eventspike export … --nir OUT.nir</c> and <c>Network.ToNir</c>: what goes out runs as what came in.</summary>
public class NirExportTests
{
    private const double Dt = 1e-4;

    [SkippableTheory]
    [InlineData("lif_norse.nir", "input", 1)]
    [InlineData("braille_noDelay_bias_zero_subgraph.nir", "input", 12)]
    [InlineData("two_lif_neurons.nir", "in", 1)]
    public void A_graph_exported_again_runs_to_the_same_spikes(string name, string input, int channels)
    {
        var source = NirData.Path(name);
        var spikes = NirData.Spikes(Enumerable.Range(0, 300).SelectMany(k => Enumerable.Range(0, channels).Where(c => (k * 3 + c * 7) % 10 == 0).Select(c => (k, c))), channels, 0.03, Dt);
        var exported = Path.Combine(TempDir(), "again.nir");
        var (code, stdout, err) = Run("export", source, "--dt", "0.0001", "--nir", exported);
        Assert.True(code == 0, err);
        Assert.Contains("written to", stdout);
        var (a, b) = (TempDir(), TempDir());
        Assert.Equal(0, Run("run", source, "--dt", "0.0001", "--input", $"{input}={spikes}", "--out", a, "--no-plot").Code);
        (code, _, err) = Run("run", exported, "--dt", "0.0001", "--input", $"{input}={spikes}", "--out", b, "--no-plot");
        Assert.True(code == 0, err);
        var (first, second) = (NirData.ReadSpikes(a, Dt), NirData.ReadSpikes(b, Dt));
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        // the recurrent edge's one step is not written as a Delay: a reader adds it back
        Assert.DoesNotContain(NirFile.Read(exported).Nodes, n => n.Value.Type == "Delay");
    }

    [Fact]
    public void A_layer_with_no_NIR_equivalent_is_exit_2_naming_it_and_nothing_is_written()
    {
        var dir = TempDir();
        var network = Path.Combine(dir, "net.json");
        File.WriteAllText(network, """
            {"dt": 0.001, "layers": [
              {"name": "drive", "type": "PoissonSource", "size": 2, "params": {"rate": 10}},
              {"name": "cells", "type": "NirNeuron", "size": 2, "params": {"tau_mem": 0.01}},
              {"name": "readout", "type": "FFExpSyn", "size": 2, "params": {"weights": [[1, 0], [0, 1]]}}],
             "connections": [{"from": "drive", "to": "cells", "weights": [[1, 0], [0, 1]]}, {"from": "cells", "to": "readout", "weights": {"generator": "one_to_one", "weight": 1}}]}
            """);
        var output = Path.Combine(dir, "out.nir");
        var (code, _, err) = Run("export", network, "--nir", output);
        Assert.Equal(2, code);
        Assert.Contains("'drive' (PoissonSource)", err);
        Assert.Contains("'readout' (FFExpSyn)", err);
        Assert.DoesNotContain("'cells'", err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_eventspike_network_of_NIR_layers_exports_with_delays_and_biases()
    {
        var dir = TempDir();
        var network = Path.Combine(dir, "net.json");
        File.WriteAllText(network, """
            {"dt": 0.001, "layers": [
              {"name": "in", "type": "NirInput", "size": 2},
              {"name": "cells", "type": "NirNeuron", "size": 2, "params": {"tau_mem": 0.01, "tau_syn": 0.005, "bias": [0.5, 0.25]}},
              {"name": "out", "type": "NirOutput", "size": 2}],
             "connections": [{"from": "in", "to": "cells", "weights": [[1, 2], [3, 4]], "delay": 0.003}, {"from": "cells", "to": "out", "weights": {"generator": "one_to_one", "weight": 1}}]}
            """);
        var output = Path.Combine(dir, "out.nir");
        Assert.Equal(0, Run("export", network, "--nir", output).Code);
        var graph = NirFile.Read(output);
        Assert.Equal("CubaLIF", graph.Node("cells")!.Type);
        var affine = graph.Node("in_to_cells")!;
        Assert.Equal("Affine", affine.Type);
        Assert.Equal([1.0, 3.0, 2.0, 4.0], affine.Field("weight")!.Data); // NIR's [post][pre]
        Assert.Equal([0.5, 0.25], affine.Field("bias")!.Data);
        Assert.Equal([0.003, 0.003], graph.Node("in_to_cells_delay")!.Field("delay")!.Data);
        Assert.Contains(("in_to_cells", "in_to_cells_delay"), graph.Edges);
        Assert.Contains(("in_to_cells_delay", "cells"), graph.Edges);
    }
}
