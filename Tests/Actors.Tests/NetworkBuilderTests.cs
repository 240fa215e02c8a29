using System.Text.Json.Nodes;
using EventSpike.Actors.Api;
using EventSpike.Actors.Builder;
using EventSpike.Neurons.Random;
using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Actors.Tests;

public class NetworkBuilderTests
{
    /// <summary>Poisson input → an 80/20 E/I recurrent LIF population with a delay → a readout on two ports.</summary>
    private static NetworkBuilder Small()
    {
        var b = new NetworkBuilder("small", dt: 1e-4, duration: 0.1, seed: 5);
        var input = b.PoissonSource("input", 40, rate: 50.0);
        var pop = b.LIF("pop", 100, refractory: 0.002, vInit: new[] { -0.065, -0.055 });
        var readout = b.IafPscExp("readout", 5);
        b.Connect(input, pop, Weights.Bernoulli(0.2, weight: Weight.Normal(0.012, 0.002)));
        b.Connect(pop, pop, Weights.FixedIndegree(10, weight: 0.001, weightInh: -0.004, excFraction: 0.8), delay: 0.001);
        b.Connect(pop, readout, Weights.Bernoulli(0.3, weight: Weight.Uniform(0.0, 0.004), preRange: (0, 80)), port: "exc");
        b.Connect(pop, readout, Weights.Bernoulli(0.3, weight: -0.004, preRange: (80, 100)), port: "inh");
        b.Probe(pop, "v_mem", neurons: [0, 1], interval: 0.001);
        return b;
    }

    [Fact]
    public void Evolving_in_parts_gives_the_spikes_of_one_evolve()
    {
        var whole = Small().Run(0.1);
        var net = Small().Build();
        var a = net.Evolve(null, 0.04);
        var b = net.Evolve(null, 0.06);
        Assert.Equal(0.1, net.T, 12);
        foreach (var layer in new[] { "input", "pop", "readout" })
        {
            var all = whole.Events(layer);
            Assert.Equal(all.Times, a.Events(layer).Times.Concat(b.Events(layer).Times));
            Assert.Equal(all.Channels, a.Events(layer).Channels.Concat(b.Events(layer).Channels));
        }
        Assert.True(whole.Events("pop").Count > 50, $"pop fired {whole.Events("pop").Count} spikes");
        Assert.Equal(["input", "pop", "readout"], whole.Spikes.Keys.Order());
    }

    [Fact]
    public void Reset_all_replays_and_a_parameter_change_changes_the_firing()
    {
        var net = Small().Build();
        var first = net.Evolve(null, 0.05).Events("pop");
        net.ResetAll();
        Assert.Equal(first.Times, net.Evolve(null, 0.05).Events("pop").Times);
        net.ResetAll();
        net.UpdateParameter("pop", "v_thresh", -0.058);
        var lower = net.Evolve(null, 0.05).Events("pop");
        Assert.True(lower.Count > first.Count, $"a lower threshold fired {lower.Count} ≤ {first.Count}");
        Assert.Equal(100, net["pop"].GetState("v_mem").Length);
    }

    [Fact]
    public void Outputs_are_typed_and_the_wrong_kind_is_refused_naming_the_layer()
    {
        var b = new NetworkBuilder(dt: 1e-3, seed: 1);
        b.PoissonSource("in", 3, rate: 200.0);
        b.FFExpSyn("syn", 3, weights: new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        b.Connect("in", "syn", Weights.OneToOne(1.0));
        var r = b.Run(0.05);
        TSContinuous samples = r.Continuous("syn");
        Assert.Equal(50, samples.Count);
        Assert.Contains("Events(\"in\")", Assert.Throws<InvalidOperationException>(() => r.Continuous("in")).Message);
        Assert.Contains("Continuous(\"syn\")", Assert.Throws<InvalidOperationException>(() => r.Events("syn")).Message);
    }

    [Fact]
    public void A_single_layer_evolves_on_its_own_as_in_a_network()
    {
        var dict = JsonNode.Parse("""{"class_name": "FFIAFSpkInTorch", "weights": [[0.02, 0.0], [0.0, 0.02]], "dt": 0.001, "bias": 0.0}""")!.AsObject();
        var input = new TSEvent(Enumerable.Range(0, 100).Select(i => 0.0005 + 0.002 * i).ToArray(), Enumerable.Range(0, 100).Select(i => i % 2).ToArray(),
            tStart: 0, tStop: 0.2, numChannels: 2);
        var layer = new Layer("iaf", dict);
        var a = layer.EvolveEvents(input.Clip(0, 0.1), 0.1);
        var b = layer.EvolveEvents(input.Clip(0.1, 0.2), 0.1);
        var net = new Network();
        net.AddLayer("iaf", dict);
        var whole = net.Evolve(input, 0.2).Events("iaf");
        Assert.True(whole.Count > 5);
        Assert.Equal(whole.Times, a.Times.Concat(b.Times));
        Assert.Equal(0.2, layer.T, 12);
    }

    [Fact]
    public void Save_and_load_keep_every_field()
    {
        var b = Small();
        b.Record("pop", "readout");
        b.Layer("far", "LIF", 2, node: "1", backend: "cpu", dt: 2e-4);
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "small.json");
        b.Save(path);
        var back = NetworkBuilder.Load(path);
        Assert.Equal(b.ToJson(), back.ToJson());
        Assert.Contains("\"node\": 1", File.ReadAllText(path));
        var spec = back.ToSpec();
        Assert.Equal(["pop", "readout"], spec.Record!);
        Assert.Equal("1", spec.Layers[3].Node);
        Assert.Equal("exc", spec.Connections[2].Port);
        Assert.Equal(0.001, spec.Connections[1].Delay);
        Assert.Equal([0, 1], spec.Probes[0].Neurons!);
    }

    [Fact]
    public void Fixed_total_number_and_clipped_normal_weights_write_the_format_and_draw_within_their_bounds()
    {
        var positive = Weights.FixedTotalNumber(500, Weight.Normal(0.01, 0.02, keepSign: true), autapses: true);
        Assert.Equal("""{"generator":"fixed_total_number","n":500,"weight":{"mean":0.01,"std":0.02,"keep_sign":true},"autapses":true}""", positive.ToString());
        Assert.Equal("""{"mean":-1,"std":2,"min":-2,"max":0.5}""", Weight.Normal(-1, 2, min: -2, max: 0.5).ToString());
        Assert.Equal("""{"mean":1,"std":2}""", Weight.Normal(1, 2).ToString());
        // std twice the mean: unclipped, about a third of the draws would change sign.
        var table = WeightSpec.Build(positive.Json, 20, 30, recurrent: false, new Xoshiro256StarStar(3), "w");
        Assert.Equal(500, table.Count);
        Assert.All(table.Weight, w => Assert.True(w >= 0));
        Assert.Contains(table.Weight, w => w == 0);
        var negative = WeightSpec.Build(Weights.FixedTotalNumber(500, Weight.Normal(-0.01, 0.02, keepSign: true)).Json, 20, 30, false, new Xoshiro256StarStar(3), "w");
        Assert.All(negative.Weight, w => Assert.True(w <= 0));
        var bounded = WeightSpec.Build(Weights.FixedTotalNumber(500, Weight.Normal(0, 1, min: -0.5, max: 0.25)).Json, 20, 30, false, new Xoshiro256StarStar(3), "w");
        Assert.All(bounded.Weight, w => Assert.InRange(w, -0.5f, 0.25f));
        Assert.Contains(bounded.Weight, w => w == 0.25f);
    }

    [Fact]
    public void Bad_descriptions_are_refused_naming_the_place()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkBuilder.Parse("""{"dt": 0.001, "layers": [{"name": "a", "type": "LIF", "size": 2, "sise": 3}]}""", "n.json"));
        Assert.Contains("n.json", e.Message);
        Assert.Contains("sise", e.Message);
        e = Assert.Throws<NetworkSpecException>(() => NetworkBuilder.Parse("""{"dt": 0.001, "layers": [{"name": "a", "type": "LIF"}]}""", "n.json"));
        Assert.Contains("size", e.Message);
        Assert.Contains("no layer 'x'", Assert.Throws<ArgumentException>(() => new NetworkBuilder().Connect("x", "y", Weights.OneToOne(1))).Message);
        Assert.Contains("unknown layer type 'LIFF'", Assert.Throws<ArgumentException>(() => new NetworkBuilder().Layer("a", "LIFF", 3)).Message);
        var built = Small().Build();
        Assert.Throws<InvalidOperationException>(() => built.Connect("pop", "readout"));
    }
}
