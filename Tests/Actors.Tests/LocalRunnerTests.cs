using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

public class LocalRunnerTests
{
    internal static CompiledNetwork Reservoir(ulong seed, double? window = null, double duration = 0.2) => NetworkCompiler.Compile(new NetworkSpec(
        "mini", 1e-4, duration, seed,
        [
            Layer("input", "PoissonSource", 50, """{"rate": 40}"""),
            Layer("res", "LIF", 200, """{"v_init": [-0.065, -0.055], "refractory": 0.002}"""),
            Layer("out", "LIF", 5, """{"refractory": 0.002}"""),
        ],
        [
            Connect("input", "res", 0, """{"generator":"bernoulli","p":0.2,"weight":{"mean":0.012,"std":0.002}}"""),
            Connect("res", "res", 0.0013, """{"generator":"bernoulli","p":0.1,"weight":0.002,"exc_fraction":0.8,"weight_inh":-0.008}"""),
            Connect("res", "out", 0.0007, """{"generator":"bernoulli","p":0.3,"weight":0.003}"""),
            Connect("out", "res", 0.002, """{"generator":"bernoulli","p":0.3,"weight":-0.001}"""),
        ], null, window));

    /// <summary>The same network evolved layer by layer in a plain loop, one step at a time.</summary>
    private static List<(long, int, int)> PlainLoop(CompiledNetwork net)
    {
        var engines = net.Layers.Select(l => net.CreateEngine(l.Id, 4096)).ToArray();
        var spikes = new List<(long, int, int)>();
        var history = net.Layers.Select(_ => new List<(long Step, int Neuron)>()).ToArray();
        var builder = new SpikeWindowBuilder();
        for (long t = 0; t < net.Plan.TotalSteps; t++)
        {
            // Layers in an order where zero-delay senders come first (input, res, out here).
            foreach (var layer in net.Layers)
            {
                var incoming = net.IncomingOf(layer.Id);
                for (var p = 0; p < incoming.Count; p++)
                {
                    var c = incoming[p];
                    if (c.Recurrent) continue;
                    var sourceStep = t - c.DelaySteps;
                    if (sourceStep < 0) continue;
                    var fired = history[c.From].Where(s => s.Step == sourceStep).Select(s => s.Neuron).ToArray();
                    engines[layer.Id].Deliver(p, sourceStep, [0, fired.Length], fired);
                }
                engines[layer.Id].Evolve(1, builder);
                foreach (var n in builder.ToNeurons())
                {
                    history[layer.Id].Add((t, n));
                }
            }
            foreach (var layer in net.Layers)
                spikes.AddRange(history[layer.Id].Where(s => s.Step == t).Select(s => (t, layer.Id, s.Neuron)));
        }
        return spikes;
    }

    [Fact]
    public async Task Actors_give_the_same_spikes_as_a_plain_loop_for_any_window_and_thread_count()
    {
        var reference = PlainLoop(Reservoir(5));
        Assert.Contains(reference, s => s.Item2 == 2); // the readout fires
        foreach (var (window, threads) in new[] { ((double?)null, 1), (0.0005, 2), (0.0001, 3) })
        {
            var net = Reservoir(5, window);
            var sink = new CollectingSink();
            var result = await LocalRunner.RunAsync(net, sink, new RunOptions(Threads: threads));
            Assert.True(result.Succeeded, result.Failure);
            Assert.True(sink.Completed);
            Assert.Equal(reference, sink.Spikes);
            Assert.Equal(2000, result.Completed!.Steps);
            for (var l = 0; l < 3; l++)
                Assert.Equal(reference.Count(s => s.Item2 == l), result.Completed.Layers[l].Spikes);
        }
    }

    [Fact]
    public async Task The_run_ends_after_exactly_round_duration_over_dt_steps()
    {
        var net = Reservoir(1, duration: 0.12345); // 1234.5 steps: ⌊⌋ with a warning
        Assert.Equal(1234, net.Plan.TotalSteps);
        Assert.Single(net.Warnings);
        var sink = new CollectingSink();
        var steps = new List<long>();
        var result = await LocalRunner.RunAsync(net, sink, new RunOptions(Progress: s => { lock (steps) steps.Add(s); }));
        Assert.Equal(1234, result.Completed!.Steps);
        Assert.True(sink.Spikes.Max(s => s.Step) < 1234);
        Assert.Equal(1234, steps[^1]);
        Assert.Equal(steps.OrderBy(s => s), steps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]   // W − 1
    [InlineData(10)]  // W
    [InlineData(32)]  // 3W + 2
    public async Task A_spike_sent_in_window_w_arrives_at_the_step_the_delay_says(int delaySteps)
    {
        // A relay layer fires in the step its input arrives: its spikes are the source's, shifted by the delay.
        var net = NetworkCompiler.Compile(new NetworkSpec("delay", 1e-4, 0.02, 3,
            [Layer("src", "PoissonSource", 4, """{"rate": 300}"""), Layer("relay", "LIF", 4, Relay)],
            [Connect("src", "relay", delaySteps * 1e-4, """{"generator":"one_to_one","weight":5000}""")],
            null, 0.001));
        Assert.Equal(10, net.Plan.WindowSteps);
        var sink = new CollectingSink();
        var result = await LocalRunner.RunAsync(net, sink, new RunOptions());
        Assert.True(result.Succeeded);
        var source = sink.Spikes.Where(s => s.Layer == 0).Select(s => (s.Step + delaySteps, s.Neuron)).Where(s => s.Item1 < 200).Distinct().ToList();
        var relay = sink.Spikes.Where(s => s.Layer == 1).Select(s => (s.Step, s.Neuron)).ToList();
        Assert.True(source.Count > 10);
        Assert.Equal(source, relay);
    }
}
