using System.Text.Json;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

public class MultiRateTests
{
    private const string Lif = """{"tau_mem": 0.02, "tau_syn": 0.005, "v_thresh": 1, "v_reset": 0, "v_rest": 0, "refractory": 0.001}""";

    [Fact]
    public async Task A_layer_at_twice_the_network_dt_behaves_as_if_run_alone_at_its_own_dt()
    {
        // Network clock 0.1 ms: a Poisson source at the clock's rate feeding a LIF that steps every 0.2 ms.
        var fast = NetworkCompiler.Compile(new NetworkSpec("multi", 1e-4, 0.2, 7,
            [Layer("src", "PoissonSource", 20, """{"rate": 400}"""), Layer("lif", "LIF", 20, Lif) with { Dt = 2e-4 }],
            [Connect("src", "lif", 0, """{"generator":"bernoulli","p":0.5,"weight":0.3}""")], null, 0.0015));
        Assert.Equal(2, fast.Layers[1].StepMultiple);
        Assert.Equal(0, fast.Plan.WindowSteps % 2);
        var sink = new CollectingSink();
        Assert.True((await LocalRunner.RunAsync(fast, sink, new RunOptions())).Succeeded);
        var source = sink.Spikes.Where(s => s.Layer == 0).ToList();
        var lif = sink.Spikes.Where(s => s.Layer == 1).ToList();
        Assert.True(lif.Count > 20);
        Assert.All(lif, s => Assert.Equal(1, s.Step % 2)); // a slow layer emits at the last base step of its own step

        // The same LIF alone at dt 0.2 ms, fed the source's events at their steps' start times (Rockpool's raster rule).
        var events = new TSEvent(source.Select(s => s.Step * 1e-4).ToArray(), source.Select(s => s.Neuron).ToArray(), numChannels: 20);
        var alone = NetworkCompiler.Compile(new NetworkSpec("alone", 2e-4, 0.2, 7,
            [new LayerSpec("src", "EventReplay", 20, new Dictionary<string, JsonElement>()) { Prebuilt = new EventReplay(events, 20, 2e-4) },
             Layer("lif", "LIF", 20, Lif)],
            [Connect("src", "lif", 0, """{"generator":"bernoulli","p":0.5,"weight":0.3}""")]));
        var reference = new CollectingSink();
        Assert.True((await LocalRunner.RunAsync(alone, reference, new RunOptions())).Succeeded);
        var expected = reference.Spikes.Where(s => s.Layer == 1).Select(s => ((s.Step + 1) * 2 - 1, s.Neuron)).ToList();
        Assert.Equal(expected, lif.Select(s => (s.Step, s.Neuron)).ToList());
    }

    [Fact]
    public void A_layer_dt_that_is_not_a_multiple_is_refused()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(new NetworkSpec("bad", 1e-4, 0.1, 1,
            [Layer("lif", "LIF", 2, Lif) with { Dt = 1.5e-4 }], [])));
        Assert.Contains("dt 0.00015 s is not a whole multiple of the network's dt 0.0001 s", e.Message);
    }
}
