using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

/// <summary>The window-backend seam: backends that compute elsewhere and late, live sources, one factory.</summary>
public class HostingTests
{
    private static IReadOnlyList<IWindowBackend?> Fresh(CompiledNetwork net, Func<int, IWindowBackend, IWindowBackend?> wrap)
    {
        var factory = new LayerFactory(net);
        return net.Layers.Select(l => wrap(l.Id, factory.Create(l.Id))).ToList();
    }

    [Fact]
    public async Task A_backend_that_completes_late_on_another_thread_gives_the_same_spikes_and_the_actor_stays_responsive()
    {
        var net = LocalRunnerTests.Reservoir(5, duration: 0.05);
        var reference = new CollectingSink();
        var plain = await LocalRunner.RunAsync(net, reference, new RunOptions(Threads: 1));
        Assert.True(plain.Succeeded, plain.Failure);

        SlowBackend? slow = null;
        var sink = new CollectingSink();
        var res = net.Layers.Single(l => l.Name == "res").Id;
        var backends = Fresh(net, (id, b) => id == res ? slow = new SlowBackend(b, TimeSpan.FromMilliseconds(3)) : null);
        var result = await LocalRunner.RunAsync(net, sink, new RunOptions(Threads: 1) { Backends = backends });

        Assert.True(result.Succeeded, result.Failure);
        Assert.True(reference.Spikes.Count > 100);
        Assert.Equal(reference.Spikes, sink.Spikes);
        // Computed away from the actor's thread, on more windows than one, while the actor handled other messages.
        Assert.NotEmpty(slow!.ComputeThreads);
        Assert.Empty(slow.ComputeThreads.Intersect(slow.CallerThreads));
        Assert.True(result.Completed!.Layers[res].ComputeSeconds >= net.Plan.WindowCount * 0.003 * 0.9);
        Assert.Equal(plain.Completed!.Layers.Select(l => l.Spikes), result.Completed.Layers.Select(l => l.Spikes));
    }

    [Fact]
    public async Task A_backend_that_fails_elsewhere_fails_the_run_naming_the_layer_and_window()
    {
        var net = LocalRunnerTests.Reservoir(5, duration: 0.05);
        var res = net.Layers.Single(l => l.Name == "res").Id;
        var failAt = net.Plan.StartOf(2);
        var backends = Fresh(net, (id, b) => id == res ? new SlowBackend(b, TimeSpan.FromMilliseconds(1), failAt) : null);
        var result = await LocalRunner.RunAsync(net, new CollectingSink(), new RunOptions(Threads: 1) { Backends = backends });
        Assert.False(result.Succeeded);
        Assert.Contains($"layer {res} failed in window 2", result.Failure);
        Assert.Contains("the device went away", result.Failure);
    }

    [Fact]
    public async Task Window_reports_count_synaptic_events_and_neuron_updates()
    {
        var net = NetworkCompiler.Compile(new NetworkSpec("counts", 1e-4, 0.05, 3,
            [Layer("input", "PoissonSource", 20, """{"rate": 200}"""), Layer("out", "LIF", 30, "{}"), Layer("slow", "LIF", 30, "{}") with { Dt = 3e-4 }],
            [
                Connect("input", "out", 0, """{"generator":"bernoulli","p":0.5,"weight":0.001}"""),
                Connect("input", "slow", 0, """{"generator":"bernoulli","p":0.2,"weight":0.001}"""),
            ]));
        var sink = new CollectingSink();
        var result = await LocalRunner.RunAsync(net, sink, new RunOptions(Threads: 1));
        Assert.True(result.Succeeded, result.Failure);
        var stats = result.Completed!.Layers;
        Assert.Equal(20L * 500, stats[0].NeuronUpdates);
        Assert.Equal(30L * 500, stats[1].NeuronUpdates);
        Assert.Equal(30L * (500 / 3), stats[2].NeuronUpdates);
        // Every input spike goes through its row of each table: the totals are the tables' row lengths summed over the spikes.
        var inputSpikes = sink.Spikes.Where(s => s.Layer == 0).ToList();
        Assert.True(inputSpikes.Count > 100);
        foreach (var c in net.Connections)
        {
            var rows = c.Synapses.RowStart;
            Assert.Equal(inputSpikes.Sum(s => (long)(rows[s.Neuron + 1] - rows[s.Neuron])), stats[c.To].SynapticEvents);
        }
    }

    [Fact]
    public void A_layer_asked_for_a_backend_that_cannot_run_it_is_refused_before_anything_runs()
    {
        BackendRegistry.Register(new PickyProvider());
        var spec = new NetworkSpec("picky", 1e-4, 0.01, 1,
            [Layer("input", "PoissonSource", 4, """{"rate": 40}"""), Layer("res", "LIF", 4, "{}") with { Backend = "picky" }],
            [Connect("input", "res", 0, """{"generator":"one_to_one","weight":1}""")]);
        var net = NetworkCompiler.Compile(spec);
        var e = Assert.Throws<BackendLimitException>(() => new LayerFactory(net).Validate());
        Assert.Contains("layer 'res' (LIF): backend 'picky' cannot run it: LIF is not on the chip", e.Message);
        var unknown = NetworkCompiler.Compile(spec with { Layers = [spec.Layers[0], spec.Layers[1] with { Backend = "nowhere" }] });
        Assert.Contains("unknown backend 'nowhere'", Assert.Throws<BackendLimitException>(() => new LayerFactory(unknown).Validate()).Message);
    }

    /// <summary>A backend another assembly would register: it runs no model but says why.</summary>
    private sealed class PickyProvider : IBackendProvider
    {
        public string Name => "picky";

        public string? CannotRun(CompiledLayer layer) => $"{layer.Model.ClassName} is not on the chip";

        public IWindowBackend Create(CompiledNetwork network, int layer, Neurons.Kernels.KernelPool? pool) => throw new InvalidOperationException();
    }
}
