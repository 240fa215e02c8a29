using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

/// <summary>
/// Per-synapse delays with sharded layers (each shard its own actor, as on several cluster nodes) and windows of
/// several steps: spikes of one target step now come from several source steps and shards, yet the run gives the
/// unsharded spikes, bit for bit.
/// </summary>
public class DelayedShardingTests
{
    private static NetworkSpec Spec(ulong seed) => new("delayed", 1e-4, 0.1, seed,
    [
        Layer("input", "PoissonSource", 300, """{"rate": 60}"""),
        Layer("a", "iaf_psc_exp", 5000, """{"v_init": [-0.07, -0.052], "v_rest": -0.065, "v_reset": -0.065, "tau_syn_exc": 0.002, "tau_syn_inh": 0.002}"""),
        Layer("b", "iaf_psc_exp", 2500, """{"v_init": [-0.07, -0.052], "v_rest": -0.065, "v_reset": -0.065}"""),
    ],
    [
        new("input", "a", Json("""{"generator":"bernoulli","p":0.1,"weight":{"mean":0.02,"std":0.01,"keep_sign":true}}"""), 0, "exc")
            { DelayDistribution = Json("""{"low":0.0001,"high":0.0008}""") },
        new("a", "a", Json("""{"generator":"fixed_total_number","n":100000,"weight":{"mean":0.004,"std":0.002,"keep_sign":true}}"""), 0, "exc")
            { DelayDistribution = Json("""{"mean":0.0015,"std":0.00075}""") },
        new("a", "b", Json("""{"generator":"fixed_total_number","n":150000,"weight":{"mean":0.006,"std":0.003}}"""), 0, "exc")
            { DelayDistribution = Json("""{"mean":0.002,"std":0.001,"min":0.0006}""") },
        new("b", "a", Json("""{"generator":"bernoulli","p":0.01,"weight":{"mean":-0.01,"std":0.003}}"""), 0.0015, "inh"),
    ]);

    [Fact]
    public async Task A_sharded_run_with_per_synapse_delays_gives_the_unsharded_spikes()
    {
        var wholeNet = NetworkCompiler.Compile(Spec(5));
        Assert.Equal(15, wholeNet.Plan.WindowSteps); // the cycle a → b → a closes through b → a (1.5 ms); a → b arrives within 6 to ~50 steps
        var reference = new CollectingSink();
        var whole = await LocalRunner.RunAsync(wholeNet, reference, new RunOptions(Threads: 1));
        Assert.True(whole.Succeeded, whole.Failure);
        Assert.True(reference.Spikes.Count(s => s.Layer == 1) > 300, $"layer a fired {reference.Spikes.Count(s => s.Layer == 1)} spikes");
        Assert.True(reference.Spikes.Count(s => s.Layer == 2) > 100, $"layer b fired {reference.Spikes.Count(s => s.Layer == 2)} spikes");

        foreach (var (shardSize, threads) in new[] { (2048, 2), (1024, 1) })
        {
            var sink = new CollectingSink();
            var result = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec(5), shardSize: shardSize), sink, new RunOptions(Threads: threads));
            Assert.True(result.Succeeded, result.Failure);
            Assert.Equal(reference.Spikes, sink.Spikes);
        }
        // Potentials and currents keep every rounding of every sum: the end states of the shards are the whole layers', bit for bit.
        var fresh = NetworkCompiler.Compile(Spec(5));
        var wholeEngines = fresh.Layers.Select(l => fresh.CreateEngine(l.Id)).ToList();
        Assert.True((await LocalRunner.RunAsync(fresh, new CollectingSink(), new RunOptions(Threads: 1) { Backends = Backends(wholeEngines) })).Succeeded);
        var net = NetworkCompiler.Compile(Spec(5), shardSize: 1024);
        var engines = net.Layers.Select(l => net.CreateEngine(l.Id)).ToList();
        Assert.True((await LocalRunner.RunAsync(net, new CollectingSink(), new RunOptions(Threads: 2) { Backends = Backends(engines) })).Succeeded);
        foreach (var layer in new[] { 1, 2 })
            foreach (var name in new[] { "v_mem", "i_exc", "i_inh" })
            {
                var expected = wholeEngines[layer].Model.GetState(name);
                var shards = net.ShardsOf(layer).SelectMany(s => engines[s.Id].Model.GetState(name)).ToArray();
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), shards.Select(BitConverter.DoubleToInt64Bits));
            }

        var plain = new CollectingSink();
        PlainLoopRunner.Run(NetworkCompiler.Compile(Spec(5), shardSize: 2048), plain);
        Assert.Equal(reference.Spikes, plain.Spikes);
    }

    private static List<EventSpike.Actors.Hosting.IWindowBackend?> Backends(IEnumerable<EventSpike.Neurons.Runtime.LayerEngine> engines) =>
        engines.Select(e => (EventSpike.Actors.Hosting.IWindowBackend?)new EventSpike.Actors.Hosting.EngineBackend(e)).ToList();
}
