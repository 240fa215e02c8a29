using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

/// <summary>The plain loop (bench <c>--plain</c>) against the contract and against the actor runtime.</summary>
public class PlainLoopRunnerTests
{
    [Theory]
    [InlineData(63)]   // within the 64 windows the loop once kept
    [InlineData(100)]  // past them: the sender's window must still be there
    [InlineData(150)]
    public async Task A_connection_delayed_by_many_windows_loses_no_spike(int delayWindows)
    {
        // A relay layer fires in the step its input arrives: its spikes are the source's, shifted by the delay.
        const int windowSteps = 10;
        var delaySteps = delayWindows * windowSteps + 3;
        NetworkSpec Spec() => new("long-delay", 1e-4, 0.2, 5,
            [Layer("src", "PoissonSource", 4, """{"rate": 300}"""), Layer("relay", "LIF", 4, Relay)],
            [Connect("src", "relay", delaySteps * 1e-4, """{"generator":"one_to_one","weight":5000}""")],
            null, windowSteps * 1e-4);
        var net = NetworkCompiler.Compile(Spec());
        Assert.Equal(windowSteps, net.Plan.WindowSteps);

        var loop = new CollectingSink();
        PlainLoopRunner.Run(net, loop);
        var total = net.Plan.TotalSteps;
        var expected = loop.Spikes.Where(s => s.Layer == 0).Select(s => (s.Step + delaySteps, s.Neuron)).Where(s => s.Item1 < total).Distinct().ToList();
        var relay = loop.Spikes.Where(s => s.Layer == 1).Select(s => (s.Step, s.Neuron)).ToList();
        Assert.True(expected.Count > 50, $"only {expected.Count} source spikes reach the relay in time");
        Assert.Equal(expected, relay);

        var actors = new CollectingSink();
        var result = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec()), actors, new RunOptions());
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(actors.Spikes, loop.Spikes);
    }

    /// <summary>
    /// Four like-sized layers in a ring (<see cref="Spec"/>): on a pool of two the plain loop runs
    /// the layers of a window side by side (one region per window, no layer split), and gives the one-thread loop's and
    /// the actors' spikes.
    /// </summary>
    [Fact]
    public async Task Layers_run_side_by_side_give_the_one_thread_spikes()
    {
        var net = NetworkCompiler.Compile(Spec());
        Assert.Equal(5, net.Plan.WindowSteps);
        Assert.True(LayerParallelism.SideBySide(net, 2));

        var one = new CollectingSink();
        PlainLoopRunner.Run(net, one, new KernelPool(1));
        Assert.True(one.Spikes.Select(s => s.Layer).Distinct().Count() == 4 && one.Spikes.Count > 500, $"{one.Spikes.Count} spikes");
        using var pool = new KernelPool(2);
        var two = new CollectingSink();
        PlainLoopRunner.Run(NetworkCompiler.Compile(Spec()), two, pool);
        Assert.Equal(one.Spikes, two.Spikes);
        Assert.Equal(net.Plan.WindowCount, pool.Statistics.Regions + pool.Statistics.SerialRuns); // one region per window

        var actors = new CollectingSink();
        var result = await LocalRunner.RunAsync(NetworkCompiler.Compile(Spec()), actors, new RunOptions(Threads: 2));
        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(one.Spikes, actors.Spikes);
    }

    /// <summary>Layers side by side are grouped by size, largest first, each to the least loaded group.</summary>
    [Fact]
    public void Side_by_side_layers_are_grouped_largest_first_onto_the_least_loaded_worker()
    {
        var net = NetworkCompiler.Compile(Spec());
        var groups = LayerParallelism.Groups(net, 2);
        // a 1500 → 0; b 1400 → 1; c 1300 → 1 (1400 < 1500); d 1200 → 0 (1500 < 2700).
        Assert.Equal([[0, 3], [1, 2]], groups);
        Assert.Equal([[0], [1], [2], [3]], LayerParallelism.Groups(net, 4));
        Assert.Equal([[0, 1, 2, 3]], LayerParallelism.Groups(net, 1));
    }

    /// <summary>
    /// Under the actors on two threads each side-by-side layer computes every window on one and the same thread, and the
    /// two groups on two different threads: a layer that moved between cores every window ran a third slower.
    /// </summary>
    [Fact]
    public async Task Side_by_side_layers_under_the_actors_keep_one_thread_each()
    {
        var net = NetworkCompiler.Compile(Spec());
        var backends = net.Layers.Select(l => new ThreadRecordingBackend(new EngineBackend(net.CreateEngine(l.Id)))).ToList();
        var actors = new CollectingSink();
        var result = await LocalRunner.RunAsync(net, actors, new RunOptions(Threads: 2) { Backends = backends });
        Assert.True(result.Succeeded, result.Failure);
        Assert.All(backends, b => Assert.Equal(net.Plan.WindowCount, b.Windows));
        Assert.All(backends, b => Assert.Single(b.Threads));
        var groups = LayerParallelism.Groups(net, 2);
        var threadOf = backends.Select(b => b.Threads.Single()).ToArray();
        Assert.All(groups, g => Assert.Single(g.Select(l => threadOf[l]).Distinct()));
        Assert.NotEqual(threadOf[groups[0][0]], threadOf[groups[1][0]]);

        var one = new CollectingSink();
        PlainLoopRunner.Run(NetworkCompiler.Compile(Spec()), one, new KernelPool(1));
        Assert.Equal(one.Spikes, actors.Spikes);
    }

    /// <summary>Four like-sized layers in a ring with per-synapse delays of at least a window (5 steps).</summary>
    private static NetworkSpec Spec()
    {
        const string Lif = """{"v_init": [-0.07, -0.052], "v_rest": -0.065, "v_reset": -0.065, "drive_rate": 6000, "drive_weight": 0.004}""";
        static ConnectionSpec Ring(string from, string to, double mean) =>
            new(from, to, Json("""{"generator":"fixed_total_number","n":20000,"weight":{"mean":0.01,"std":0.004,"keep_sign":true}}"""), 0, "exc")
                { DelayDistribution = Json($$"""{"mean":{{mean}},"std":0.0005,"min":0.0005}""") };
        return new("side-by-side", 1e-4, 0.05, 9,
            [Layer("a", "iaf_psc_exp", 1500, Lif), Layer("b", "iaf_psc_exp", 1400, Lif), Layer("c", "iaf_psc_exp", 1300, Lif), Layer("d", "iaf_psc_exp", 1200, Lif)],
            [Ring("a", "b", 0.0015), Ring("b", "c", 0.002), Ring("c", "d", 0.0015), Ring("d", "a", 0.001), Ring("a", "a", 0.0015)]);
    }

    /// <summary>An in-place backend that notes the threads its windows are computed on.</summary>
    private sealed class ThreadRecordingBackend(IWindowBackend inner) : DelegatingBackend(inner)
    {
        public HashSet<int> Threads { get; } = [];

        public int Windows { get; private set; }

        public override ValueTask<WindowResult> ComputeAsync(int layer, long startStep, int steps)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            Windows++;
            return Inner.ComputeAsync(layer, startStep, steps);
        }
    }
}
