using System.Diagnostics;
using System.Text.Json.Nodes;
using EventSpike.Actors.Api;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Series;
using Xunit;
using Xunit.Abstractions;

namespace EventSpike.Actors.Tests;

public class NetworkApiTests(ITestOutputHelper output)
{
    private static Network Chain()
    {
        var net = new Network();
        net.AddLayer("iaf", JsonNode.Parse("""
            {"class_name": "FFIAFSpkInTorch", "weights": [[0.02, 0.0, 0.01], [0.0, 0.02, 0.01]], "bias": 0.0, "dt": 0.001,
             "tau_mem": 0.02, "tau_syn": 0.02, "v_thresh": -0.055, "v_reset": -0.065, "v_rest": -0.065}
            """)!.AsObject());
        net.AddLayer("readout", JsonNode.Parse("""{"class_name": "FFExpSyn", "weights": [[1.0], [0.5], [0.25]], "dt": 0.001, "tau_syn": 0.005}""")!.AsObject(), inputLayer: "iaf");
        return net;
    }

    private static TSEvent Input(double until)
    {
        var times = Enumerable.Range(0, (int)(until / 0.002)).Select(i => 0.0005 + 0.002 * i).ToArray();
        return new TSEvent(times, times.Select((_, i) => i % 2).ToArray(), tStart: 0, tStop: until, numChannels: 2);
    }

    [Fact]
    public void A_network_with_a_step_above_one_second_evolves()
    {
        // A rate model at dt = 2 s (a slow process, or a unit-free clock): the Network API used to check a 1 s placeholder against it.
        var net = new Network();
        net.AddLayer("rate", JsonNode.Parse("""{"class_name": "FFRateEuler", "weights": [[1.0]], "dt": 2.0, "tau": 20.0, "bias": 0.0}""")!.AsObject());
        var input = new TSContinuous([0.0, 20.0], new double[,] { { 1.0 }, { 1.0 } });
        var output = Assert.IsType<TSContinuous>(net.Evolve(input, 20.0)["rate"]);
        Assert.Equal(20.0, net.T, 12);
        Assert.Equal(10, output.Times.Count);
        Assert.True(output.Samples[9, 0] > 0); // driven by a constant 1 through weight 1: the rate rises
    }

    [Fact]
    public void Two_evolves_give_what_one_evolve_of_their_total_gives()
    {
        var whole = Chain().Evolve(Input(0.3), 0.3);
        var parts = Chain();
        var a = parts.Evolve(Input(0.3).Clip(0, 0.1), 0.1);
        Assert.Equal(0.1, parts.T, 12);
        var b = parts.Evolve(Input(0.3).Clip(0.1, 0.3), 0.2);
        Assert.Equal(0.3, parts.T, 12);

        var spikes = (TSEvent)whole["iaf"]!;
        Assert.True(spikes.Count > 10);
        Assert.Equal(spikes.Times, ((TSEvent)a["iaf"]!).Times.Concat(((TSEvent)b["iaf"]!).Times));
        Assert.Equal(spikes.Channels, ((TSEvent)a["iaf"]!).Channels.Concat(((TSEvent)b["iaf"]!).Channels));
        var readout = (TSContinuous)whole["readout"]!;
        Assert.Equal(300, readout.Count);
        var joined = ((TSContinuous)a["readout"]!).Samples.Cast<double>().Concat(((TSContinuous)b["readout"]!).Samples.Cast<double>());
        Assert.Equal(readout.Samples.Cast<double>(), joined);
        Assert.Equal(0.1, ((TSContinuous)a["readout"]!).TStop, 12);
    }

    [Fact]
    public void Save_and_load_keep_the_layers_connections_and_outputs()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "net.json");
        var net = Chain();
        net.Save(path);
        var saved = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("iaf", saved["input_layer_name"]!.GetValue<string>());
        Assert.Equal("iaf", saved["layers"]![1]!["pre_layer_name"]!.GetValue<string>());
        Assert.True(saved["layers"]![0]!["external_input"]!.GetValue<bool>());
        var loaded = Network.Load(path);
        Assert.Equal(["iaf", "readout"], loaded.LayerNames);
        var x = net.Evolve(Input(0.2), 0.2);
        var y = loaded.Evolve(Input(0.2), 0.2);
        Assert.Equal(((TSEvent)x["iaf"]!).Times, ((TSEvent)y["iaf"]!).Times);
        Assert.Equal(((TSContinuous)x["readout"]!).Samples.Cast<double>(), ((TSContinuous)y["readout"]!).Samples.Cast<double>());
    }

    [Fact]
    public void Reset_all_replays_the_first_evolve()
    {
        var net = Chain();
        var first = (TSEvent)net.Evolve(Input(0.1), 0.1)["iaf"]!;
        net.Evolve(Input(0.2).Clip(0.1, 0.2), 0.1);
        net.ResetAll();
        Assert.Equal(0, net.T);
        Assert.Equal(first.Times, ((TSEvent)net.Evolve(Input(0.1), 0.1)["iaf"]!).Times);
    }

    [Fact]
    public void Connecting_mismatched_layers_is_refused()
    {
        var net = Chain();
        var e = Assert.Throws<ArgumentException>(() => net.Connect("readout", "iaf"));
        Assert.Contains("takes no continuous input", e.Message);
    }

    [Fact]
    public void Adding_a_layer_rebuilds_the_network_at_the_next_evolve()
    {
        var net = Chain();
        Assert.Equal(0, net.Builds);
        net.Evolve(Input(0.05), 0.05);
        net.Evolve(Input(0.1).Clip(0.05, 0.1), 0.05);
        Assert.Equal(1, net.Builds); // evolves reuse what the first one built
        net.AddLayer("second", JsonNode.Parse("""{"class_name": "FFExpSyn", "weights": [[1.0], [0.5], [0.25]], "dt": 0.001, "tau_syn": 0.01}""")!.AsObject(),
            inputLayer: "iaf");
        net.Evolve(Input(0.15).Clip(0.1, 0.15), 0.05);
        Assert.Equal(2, net.Builds);
    }

    [Fact]
    public void A_parameter_of_a_10k_neuron_layer_changes_between_evolves_without_rebuilding()
    {
        var net = new Network(seed: 3);
        var lif = new LifExpSyn(10_000, 1e-4, LayerParameters.From(("bias", 0.02), ("v_init", new[] { -0.065, -0.055 })), new Xoshiro256StarStar(1));
        net.AddLayer("lif", lif);
        var before = (TSEvent)net.Evolve(null, 0.05)["lif"]!;
        Assert.Equal(1, net.Builds);
        var clock = Stopwatch.StartNew();
        net.UpdateParameter("lif", "tau_mem", 0.01);
        var changeMs = clock.Elapsed.TotalMilliseconds;
        var after = (TSEvent)net.Evolve(null, 0.05)["lif"]!;
        output.WriteLine($"parameter change on 10,000 neurons: {changeMs:0.0} ms; spikes before {before.Count}, after {after.Count}");
        Assert.Equal(1, net.Builds); // the compiled network and its engines were kept: no rebuild
        Assert.Equal(0.01, ((LifExpSyn)net["lif"]).TauMem[0]);
        Assert.NotEqual(before.Count, after.Count); // a shorter τ_mem changes the firing
        Assert.Equal(0.1, net.T, 12); // the second evolve went on from the first one's end
    }
}
