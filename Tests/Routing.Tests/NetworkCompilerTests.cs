using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Routing.Tests;

public class NetworkCompilerTests
{
    private static NetworkSpec Spec(IReadOnlyList<LayerSpec> layers, IReadOnlyList<ConnectionSpec> connections, double duration = 0.1, double? window = null) =>
        new("test", 1e-4, duration, 1, layers, connections, null, window);

    [Fact]
    public void Feed_forward_networks_use_the_default_window()
    {
        var net = NetworkCompiler.Compile(Spec(
            [Layer("a", "PoissonSource", 3), Layer("b", "LIF", 3)],
            [Connect("a", "b", 0)]));
        Assert.Equal(100, net.Plan.WindowSteps);
        Assert.Equal(1000, net.Plan.TotalSteps);
        Assert.Equal(10, net.Plan.WindowCount);
    }

    [Fact]
    public void A_cycle_between_layers_bounds_the_window_by_its_longest_delay_edge()
    {
        // a → b (0 ms) → a (0.5 ms): every cycle must contain a connection with delay ≥ W.
        var net = NetworkCompiler.Compile(Spec(
            [Layer("a", "LIF", 2), Layer("b", "LIF", 2)],
            [Connect("a", "b", 0), Connect("b", "a", 0.0005)]));
        Assert.Equal(5, net.Plan.WindowSteps);
    }

    [Fact]
    public void Self_connections_do_not_bound_the_window()
    {
        var net = NetworkCompiler.Compile(Spec([Layer("a", "LIF", 2)], [Connect("a", "a", 0.0002)]));
        Assert.Equal(100, net.Plan.WindowSteps);
        Assert.True(net.Connections[0].Recurrent);
        Assert.Equal(2, net.Connections[0].DelaySteps);
    }

    [Fact]
    public void A_zero_delay_cycle_is_refused_naming_its_layers()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(Spec(
            [Layer("a", "LIF", 2), Layer("b", "LIF", 2), Layer("c", "LIF", 2)],
            [Connect("a", "b", 0), Connect("b", "c", 0), Connect("c", "a", 0)])));
        Assert.Contains("zero-delay", e.Message);
        Assert.Contains("a → b → c → a", e.Message);
    }

    [Fact]
    public void A_zero_delay_self_connection_is_refused()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(Spec([Layer("a", "LIF", 2)], [Connect("a", "a", 0)])));
        Assert.Contains("at least one step", e.Message);
    }

    [Fact]
    public void Unknown_type_lists_the_known_ones()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(Spec([Layer("a", "LIFF", 2)], [])));
        Assert.Contains("unknown layer type 'LIFF'", e.Message);
        Assert.Contains("known: ", e.Message);
        Assert.Contains("PoissonSource", e.Message);
        Assert.Contains("RecLIFJax", e.Message);
    }

    [Fact]
    public void Unknown_layer_in_a_connection_is_named()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(Spec([Layer("a", "LIF", 2)], [Connect("a", "nowhere", 0)])));
        Assert.Contains("unknown layer 'nowhere'", e.Message);
    }

    [Fact]
    public void Weight_shape_must_match_the_layer_sizes()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(Spec(
            [Layer("a", "PoissonSource", 2), Layer("b", "LIF", 3)],
            [Connect("a", "b", 0, "[[1,2],[3,4]]")])));
        Assert.Contains("weights are 2×2, expected 2×3", e.Message);
    }

    [Fact]
    public void A_source_cannot_receive_spikes()
    {
        var e = Assert.Throws<NetworkSpecException>(() => NetworkCompiler.Compile(Spec(
            [Layer("a", "LIF", 2), Layer("b", "PoissonSource", 2)], [Connect("a", "b", 0)])));
        Assert.Contains("takes no input", e.Message);
    }

    [Fact]
    public void Duration_rounds_to_whole_steps_or_warns()
    {
        Assert.Equal(3, StepCount.For(0.3, 0.1, out var w1));
        Assert.Null(w1);
        Assert.Equal(3, StepCount.For(0.35, 0.1, out var w2));
        Assert.NotNull(w2);
    }

    [Fact]
    public void Connection_tables_are_seeded_by_the_network_seed()
    {
        NetworkSpec Make(ulong seed) => Spec([Layer("a", "LIF", 100)],
            [Connect("a", "a", 0.001, """{"generator":"bernoulli","p":0.2,"weight":1}""")]) with { Seed = seed };
        var a = NetworkCompiler.Compile(Make(1)).Connections[0].Synapses;
        var b = NetworkCompiler.Compile(Make(1)).Connections[0].Synapses;
        var c = NetworkCompiler.Compile(Make(2)).Connections[0].Synapses;
        Assert.Equal(a.Target, b.Target);
        Assert.NotEqual(a.Target, c.Target);
    }

    [Fact]
    public void Values_that_look_like_the_wrong_unit_are_warned_about_and_the_network_still_builds()
    {
        var net = NetworkCompiler.Compile(new NetworkSpec("units", 1e-4, 0.01, 1,
            [
                Layer("in", "PoissonSource", 3, """{"rate": 5000}"""),
                Layer("mv", "iaf_psc_exp", 3, """{"v_thresh": -55, "tau_mem": 20, "tau_syn_exc": 0.005}"""),
                Layer("ok", "LIF", 3, """{"v_thresh": -0.055, "tau_mem": 0.02}"""),
            ],
            [Connect("in", "mv", 0.00004, """{"generator":"one_to_one","weight":0.001}"""), Connect("in", "ok", 0.0001, """{"generator":"one_to_one","weight":0.001}""")]));
        var w = net.Warnings;
        Assert.Contains(w, x => x.Contains("'in': rate of 5000 Hz is a rate above 1 kHz"));
        Assert.Contains(w, x => x.Contains("'mv': v_thresh of 55 V is a potential above 1 V"));
        Assert.Contains(w, x => x.Contains("'mv': tau_mem of 20 s is a time constant of a second or more"));
        Assert.Contains(w, x => x.Contains("(in → mv): delay 4E-05 s is shorter than half a step"));
        Assert.DoesNotContain(w, x => x.Contains("'ok'") || x.Contains("tau_syn_exc") || x.Contains("(in → ok)"));
        Assert.Equal(4, w.Count);
    }
}
