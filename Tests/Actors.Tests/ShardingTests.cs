using System.Globalization;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

/// <summary>
/// A layer split into neuron-range shards (each its own actor, as on several cluster nodes) gives
/// exactly the spikes of the whole layer: same draws, same synapses, every sum in the same order.
/// </summary>
public class ShardingTests
{
    /// <summary>
    /// Two large layers with random initial potentials, per-neuron time constants, normal and mixed-sign
    /// weights (so the order of every sum matters), recurrence within and between them.
    /// </summary>
    private static NetworkSpec Spec(ulong seed)
    {
        var tau = "[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => (0.015 + 0.00001 * (i % 700)).ToString("R", CultureInfo.InvariantCulture))) + "]";
        return new NetworkSpec("sharded", 1e-4, 0.15, seed,
        [
            Layer("input", "PoissonSource", 300, """{"rate": 60}"""),
            Layer("a", "LIF", 5000, $$"""{"v_init": [-0.065, -0.052], "tau_mem": {{tau}}, "refractory": 0.002}"""),
            Layer("b", "iaf_psc_exp", 2500, """{"v_init": [-0.07, -0.052]}"""),
        ],
        [
            Connect("input", "a", 0, """{"generator":"bernoulli","p":0.1,"weight":{"mean":0.004,"std":0.002}}"""),
            Connect("a", "a", 0.001, """{"generator":"bernoulli","p":0.02,"weight":{"mean":0.0012,"std":0.0006},"exc_fraction":0.8,"weight_inh":{"mean":-0.004,"std":0.001}}"""),
            Connect("a", "b", 0.0012, """{"generator":"fixed_indegree","indegree":120,"weight":{"low":50,"high":150}}"""),
            Connect("b", "a", 0.0015, """{"generator":"bernoulli","p":0.01,"weight":{"mean":-0.002,"std":0.001}}"""),
            Connect("b", "b", 0.002, """{"generator":"bernoulli","p":0.01,"weight":{"low":-80,"high":40}}"""),
        ]);
    }

    [Fact]
    public void Large_layers_become_block_aligned_shards_with_their_connections_split_by_target_range()
    {
        var whole = NetworkCompiler.Compile(Spec(3));
        var net = NetworkCompiler.Compile(Spec(3), shardSize: 2048);
        Assert.False(whole.Sharded);
        Assert.True(net.Sharded);
        Assert.Equal(["input", "a[0:1024]", "a[1024:3072]", "a[3072:5000]", "b[0:1024]", "b[1024:2500]"], net.Layers.Select(l => l.Name));
        Assert.Equal([0, 1, 1, 1, 2, 2], net.Layers.Select(l => l.OriginId));
        Assert.Equal([0, 0, 1024, 3072, 0, 1024], net.Layers.Select(l => l.Offset));
        Assert.Equal(whole.FileLayers.Select(l => l.Name), net.FileLayers.Select(l => l.Name));
        // Every synapse of the whole network is in exactly one target shard's table.
        Assert.Equal(whole.SynapseCount, net.SynapseCount);
        // a's recurrence goes by message between all 3×3 shard pairs, so the window is at most its delay (10 steps).
        Assert.Equal(9, net.Connections.Count(c => c.Id == 1));
        Assert.All(net.Connections.Where(c => c.Id == 1), c => Assert.False(c.Recurrent));
        Assert.True(net.Plan.WindowSteps <= 10);
        Assert.Contains(1, net.ConsumersOf(1)); // a shard feeds itself by message
        // The shards' initial potentials are the whole layer's.
        var v = whole.Layers[1].Model.GetState("v_mem");
        var shards = net.ShardsOf(1).SelectMany(s => s.Model.GetState("v_mem")).ToArray();
        Assert.Equal(v, shards);
    }

    [Fact]
    public async Task A_sharded_run_gives_exactly_the_spikes_of_the_unsharded_run()
    {
        var reference = new CollectingSink();
        var whole = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec(7)), reference, new RunOptions(Threads: 2));
        Assert.True(whole.Succeeded, whole.Failure);
        Assert.True(reference.Spikes.Count(s => s.Layer == 1) > 500, $"layer a fired {reference.Spikes.Count(s => s.Layer == 1)} spikes");
        Assert.True(reference.Spikes.Count(s => s.Layer == 2) > 100, $"layer b fired {reference.Spikes.Count(s => s.Layer == 2)} spikes");
        Assert.Contains(reference.Spikes, s => s.Layer == 1 && s.Neuron >= 3072);

        foreach (var (shardSize, threads) in new[] { (2048, 2), (1024, 1) })
        {
            var net = NetworkCompiler.Compile(Spec(7), shardSize: shardSize);
            var sink = new CollectingSink();
            var result = await LocalRunner.RunAsync(net, sink, new RunOptions(Threads: threads));
            Assert.True(result.Succeeded, result.Failure);
            Assert.Equal(reference.Spikes, sink.Spikes);
            Assert.Equal(whole.Completed!.Layers.Sum(l => l.Spikes), result.Completed!.Layers.Sum(l => l.Spikes));
        }

        var plain = new CollectingSink();
        PlainLoopRunner.Run(NetworkCompiler.Compile(Spec(7), shardSize: 2048), plain);
        Assert.Equal(reference.Spikes, plain.Spikes);
    }

    [Fact]
    public async Task Shards_end_with_the_whole_layers_state_to_the_last_bit()
    {
        // Potentials and currents keep every rounding of every sum, so this sees any change in the
        // order synaptic input is added in (spikes alone would rarely show one).
        var wholeNet = NetworkCompiler.Compile(Spec(9));
        var wholeEngines = wholeNet.Layers.Select(l => wholeNet.CreateEngine(l.Id)).ToList();
        var result = await LocalRunner.RunAsync(wholeNet, new CollectingSink(), new RunOptions(Threads: 2) { Backends = wholeEngines.Select(e => (EventSpike.Actors.Hosting.IWindowBackend?)new EventSpike.Actors.Hosting.EngineBackend(e)).ToList() });
        Assert.True(result.Succeeded, result.Failure);
        var net = NetworkCompiler.Compile(Spec(9), shardSize: 2048);
        var engines = net.Layers.Select(l => net.CreateEngine(l.Id)).ToList();
        result = await LocalRunner.RunAsync(net, new CollectingSink(), new RunOptions(Threads: 2) { Backends = engines.Select(e => (EventSpike.Actors.Hosting.IWindowBackend?)new EventSpike.Actors.Hosting.EngineBackend(e)).ToList() });
        Assert.True(result.Succeeded, result.Failure);
        foreach (var (layer, variables) in new[] { (1, new[] { "v_mem", "i_syn" }), (2, new[] { "v_mem", "i_exc" }) })
            foreach (var name in variables)
            {
                var expected = wholeEngines[layer].Model.GetState(name);
                var shards = net.ShardsOf(layer).SelectMany(s => engines[s.Id].Model.GetState(name)).ToArray();
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), shards.Select(BitConverter.DoubleToInt64Bits));
            }
    }

    [Fact]
    public async Task Spikes_of_several_source_shards_are_summed_in_the_whole_layers_neuron_order()
    {
        // 2,048 identical neurons fire together; a target sums +1 (neuron 0), −1 (neuron 1) and 1e-20
        // (neuron 2,047, in the second shard) in one step: in neuron order that is 1e-20, in any order
        // that starts with the second shard it is 0. Sums of few similar float weights are exact in
        // either order, so this is what tells.
        var rows = Enumerable.Range(0, 2048).Select(i => i switch { 0 => "[1,0]", 1 => "[-1,0]", 2047 => "[1e-20,0]", _ => "[0,0]" });
        var spec = new NetworkSpec("order", 1e-4, 0.05, 1,
        [
            Layer("src", "LIF", 2048, """{"bias": 0.03}"""),
            Layer("dst", "LIF", 2, """{"v_thresh": 1e9}"""),
        ],
        [new ConnectionSpec("src", "dst", Json("[" + string.Join(",", rows) + "]"), 0.0005, null)]);
        async Task<double[]> Current(int shardSize)
        {
            var net = NetworkCompiler.Compile(spec, shardSize: shardSize);
            var engines = net.Layers.Select(l => net.CreateEngine(l.Id)).ToList();
            var sink = new CollectingSink();
            var result = await LocalRunner.RunAsync(net, sink, new RunOptions(Threads: 1) { Backends = engines.Select(e => (EventSpike.Actors.Hosting.IWindowBackend?)new EventSpike.Actors.Hosting.EngineBackend(e)).ToList() });
            Assert.True(result.Succeeded, result.Failure);
            Assert.Contains(sink.Spikes, s => s.Layer == 0 && s.Neuron == 2047);
            return engines[^1].Model.GetState("i_syn");
        }
        var whole = await Current(0);
        Assert.NotEqual(0.0, whole[0]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole[0]), BitConverter.DoubleToInt64Bits((await Current(1024))[0]));
    }

    [Fact]
    public async Task A_sharded_run_resumed_from_a_checkpoint_gives_the_uninterrupted_spikes()
    {
        var reference = new CollectingSink();
        Assert.True((await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec(5)), reference, new RunOptions(Threads: 2))).Succeeded);
        var store = new Checkpoints.CheckpointStore(CheckpointTests.TempDir());
        var withCheckpoints = new CollectingSink();
        var result = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec(5), shardSize: 2048), withCheckpoints,
            new RunOptions(Threads: 2) { CheckpointStore = store, CheckpointEveryWindows = 7 });
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(reference.Spikes, withCheckpoints.Spikes);
        var checkpoint = store.Newest()!.Value.Checkpoint;
        Assert.Equal(6, checkpoint.Layers.Length); // one part per shard
        var resumed = new CollectingSink();
        resumed.Spikes.AddRange(withCheckpoints.Spikes.Take((int)checkpoint.JournalBytes));
        var again = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec(5), shardSize: 2048), resumed, new RunOptions { Resume = checkpoint });
        Assert.True(again.Succeeded, again.Failure);
        Assert.Equal(reference.Spikes, resumed.Spikes);
    }

    [Fact]
    public void A_node_builds_only_the_connections_into_the_layers_it_hosts_and_those_are_the_whole_networks()
    {
        var whole = NetworkCompiler.Compile(Spec(2), shardSize: 2048);
        var part = NetworkCompiler.Compile(Spec(2), shardSize: 2048, buildInto: new HashSet<string> { "b" });
        Assert.Equal(whole.Plan, part.Plan);
        Assert.Equal(whole.Connections.Count, part.Connections.Count);
        for (var i = 0; i < whole.Connections.Count; i++)
        {
            var (w, p) = (whole.Connections[i], part.Connections[i]);
            Assert.Equal((w.From, w.To, w.DelaySteps, w.SourceOffset), (p.From, p.To, p.DelaySteps, p.SourceOffset));
            if (whole.Layers[w.To].OriginId == 2)
            {
                Assert.True(p.Synapses.Count > 0);
                Assert.Equal(w.Synapses.RowStart, p.Synapses.RowStart);
                Assert.Equal(w.Synapses.Target, p.Synapses.Target);
                Assert.Equal(w.Synapses.Weight, p.Synapses.Weight);
            }
            else Assert.Equal(0, p.Synapses.Count);
        }
    }

    [Fact]
    public void Pinned_and_small_layers_stay_whole_and_a_probe_of_a_sharded_layer_runs_per_shard()
    {
        var spec = Spec(1);
        spec = spec with
        {
            Layers = spec.Layers.Select(l => l.Name == "b" ? l with { Node = "1" } : l).ToList(),
            Probes = [new ProbeSpec("a", "v_mem", [4999, 0, 1500, 1024], null), new ProbeSpec("b", "v_mem", [7], null)],
        };
        var net = NetworkCompiler.Compile(spec, shardSize: 1024);
        Assert.Equal(["input", "a[0:1024]", "a[1024:2048]", "a[2048:3072]", "a[3072:4096]", "a[4096:5000]", "b"], net.Layers.Select(l => l.Name));
        Assert.Equal([1, 2], net.FileProbes.Select(p => p.Layer)); // file layers
        // a's probe: neurons 0 (shard 1), 1024 and 1500 (shard 2), 4999 (shard 5), each numbered in its shard.
        Assert.Equal([1, 2, 5, 6], net.Probes.Select(p => p.Layer));
        Assert.Equal([[0], [476, 0], [903], [7]], net.Probes.Select(p => p.Probe.Neurons));
        Assert.Equal([[1], [2, 3], [0], [0]], net.Probes.Select(p => p.Columns!));
        Assert.Equal([0, 0, 0, 1], net.Probes.Select(p => p.FileProbe));
    }

    /// <summary>Keeps the probe samples a run hands its sink.</summary>
    private sealed class ProbeSink : Recording.ISpikeSink
    {
        public Dictionary<int, List<(long Step, double[] Values)>> Samples { get; } = new();

        public void Write(long step, int layer, ReadOnlySpan<int> neurons)
        {
        }

        public void WriteProbe(int probe, ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
        {
            if (!Samples.TryGetValue(probe, out var list)) Samples[probe] = list = new();
            var width = steps.Length == 0 ? 0 : values.Length / steps.Length;
            for (var i = 0; i < steps.Length; i++) list.Add((steps[i], values.Slice(i * width, width).ToArray()));
        }

        public void Complete()
        {
        }
    }

    [Fact]
    public async Task A_probe_of_a_sharded_layer_records_what_the_whole_layer_records()
    {
        var spec = Spec(4) with
        {
            Probes = [new ProbeSpec("a", "v_mem", [4999, 0, 1500, 1024, 3071], 0.0005), new ProbeSpec("b", "i_exc", null, 0.002)],
        };
        var whole = new ProbeSink();
        Assert.True((await LocalRunner.RunAsync(NetworkCompiler.Compile(spec), whole, new RunOptions(Threads: 2))).Succeeded);
        var sharded = new ProbeSink();
        var result = await LocalRunner.RunAsync(NetworkCompiler.Compile(spec, shardSize: 1024), sharded, new RunOptions(Threads: 2));
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal([0, 1], sharded.Samples.Keys.Order());
        Assert.Equal(300, whole.Samples[0].Count); // 0.15 s every 0.5 ms
        foreach (var probe in new[] { 0, 1 })
        {
            Assert.Equal(whole.Samples[probe].Select(s => s.Step), sharded.Samples[probe].Select(s => s.Step));
            Assert.Equal(whole.Samples[probe].SelectMany(s => s.Values), sharded.Samples[probe].SelectMany(s => s.Values));
        }
    }
}
