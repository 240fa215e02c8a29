using EventSpike.Actors.Builder;
using EventSpike.Neurons.Kernels;
using EventSpike.Routing.Network;
using EventSpike.Routing.Nir;
using EventSpike.Tests.Common;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>The builder writes and reads convolution connections (docs/network-format.md, "Convolutions").</summary>
public class BuilderConvolutionTests
{
    [Fact]
    public void A_convolution_made_in_the_builder_goes_through_json_and_compiles_to_its_kernel()
    {
        var kernel = Enumerable.Range(0, 3 * 2 * 3 * 3).Select(i => (i % 7 - 3) * 0.25).ToArray();
        var conv = new ConvStage(ConvKind.Conv, 2, 3, [6, 6], [3, 3], [1, 1], [0, 0], [1, 1], 1, kernel);
        var pool = new ConvStage(ConvKind.SumPool, 3, 3, [4, 4], [2, 2], [2, 2], [0, 0], [1, 1], 3, null);
        var b = new NetworkBuilder("conv", dt: 1e-3, duration: 0.01);
        b.Layer("image", "NirInput", 2 * 6 * 6, new Dictionary<string, object?> { ["shape"] = new[] { 2, 6, 6 } });
        b.Layer("cells", "NirNeuron", 3 * 2 * 2, new Dictionary<string, object?> { ["tau_mem"] = 0.01, ["shape"] = new[] { 3, 2, 2 } });
        b.Connect("image", "cells", Weights.Convolution(conv, pool));
        var again = NetworkBuilder.Parse(b.ToJson());
        Assert.Equal(b.ToJson(), again.ToJson());
        Assert.Equal("chain", again.Connections[0].Weights.EnumerateObject().Single().Name);
        var table = NetworkCompiler.Compile(again.ToSpec()).Connections.Single().Synapses;
        Assert.NotNull(table.Kernel);
        Assert.Equal([[2, 6, 6], [3, 4, 4]], table.Kernel.Stages.Select(s => s.InShape));
        // input (0, 0, 0) reaches conv output (co, 0, 0) through w[co, 0, 0, 0], which the 2×2 pool sums into (co, 0, 0)
        var dense = table.ToDense();
        for (var co = 0; co < 3; co++) Assert.Equal((float)kernel[co * 18], dense[0, co * 4]);
    }

    [SkippableFact]
    public void The_sinabs_cnn_loaded_by_the_builder_keeps_its_convolution_connections_through_json()
    {
#pragma warning disable CS0436 // Tests/Common is compiled into this project and into Neurons.Tests, which it references: either copy finds the file
        var path = SharedFiles.Find("data/nir/cnn_sinabs.nir");
#pragma warning restore CS0436
        Skip.If(path is null, "shared/data/nir/cnn_sinabs.nir is not present beside the repository: this test did not run");
        var b = NetworkBuilder.LoadNir(path!, new NirImportOptions(1e-4, Spikes: "delta"));
        var json = b.ToJson();
        Assert.Equal(json, NetworkBuilder.Parse(json).ToJson());
        Assert.Equal(["conv2d", "conv2d", "chain"], b.Connections.Take(3).Select(c => c.Weights.EnumerateObject().First().Name));
    }
}
