using System.Text.Json.Nodes;
using EventSpike.Actors.Api;
using EventSpike.Routing.Nir;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary><c>Network.ToNir</c>: a network built in code written as a NIR graph.</summary>
public class NetworkToNirTests
{
    private static string Temp() => Path.Combine(Path.GetTempPath(), "eventspike-tests", Guid.NewGuid().ToString("N") + ".nir");

    [Fact]
    public void A_network_of_NIR_and_LIF_layers_writes_its_primitives_and_edges()
    {
        var net = new Network(dt: 1e-4);
        net.AddLayer("cells", JsonNode.Parse("""{"class_name": "NirNeuron", "size": 3, "dt": 0.0001, "tau_mem": 0.01, "v_threshold": 0.5}""")!.AsObject());
        net.AddLayer("lif", JsonNode.Parse("""{"class_name": "LIF", "size": 3, "dt": 0.0001, "tau_mem": 0.02, "tau_syn": 0.005}""")!.AsObject(), inputLayer: "cells");
        var path = Temp();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        net.ToNir(path);
        var graph = NirFile.Read(path);
        Assert.Equal("Input", graph.Node("external")!.Type);
        Assert.Equal("LIF", graph.Node("cells")!.Type);
        Assert.Equal([0.01, 0.01, 0.01], graph.Node("cells")!.Field("tau")!.Data);
        var lif = graph.Node("lif")!;
        Assert.Equal("CubaLIF", lif.Type);
        Assert.Equal(0.005 / 1e-4, lif.Field("w_in")!.Data[0], 9); // a weight-w spike adds ≈ w to the synaptic current, as EventSpike's LIF
        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], graph.Node("cells_to_lif")!.Field("weight")!.Data);
        Assert.Contains(("cells", "cells_to_lif"), graph.Edges);
        Assert.Contains(("cells_to_lif", "lif"), graph.Edges);
        Assert.Contains(("external", "external_to_cells"), graph.Edges);
    }

    [Fact]
    public void A_layer_without_a_NIR_equivalent_is_named_and_nothing_is_written()
    {
        var net = new Network(dt: 1e-3);
        net.AddLayer("rate", JsonNode.Parse("""{"class_name": "FFRateEuler", "weights": [[1.0]], "dt": 0.001, "tau": 0.02}""")!.AsObject());
        var path = Temp();
        var e = Assert.Throws<NirExportException>(() => net.ToNir(path));
        Assert.Contains("'rate' (FFRateEuler)", e.Message);
        Assert.False(File.Exists(path));
    }
}
