using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Runtime;
using EventSpike.Routing.Messages;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>Several local runs on one actor system (as <c>bench --warmup</c> does): each as a run on a system of its own.</summary>
public class SharedSystemTests
{
    [Fact]
    public async Task Runs_one_after_another_on_one_system_give_the_spikes_of_fresh_runs_and_stop_their_actors()
    {
        var options = new RunOptions(Threads: 2);
        var networks = new[] { LocalRunnerTests.Reservoir(5), LocalRunnerTests.Reservoir(6, 0.0005), LocalRunnerTests.Reservoir(5) };
        var fresh = new List<List<(long, int, int)>>();
        foreach (var net in networks)
        {
            var sink = new CollectingSink();
            Assert.True((await LocalRunner.RunAsync(net, sink, options)).Succeeded);
            fresh.Add(sink.Spikes);
        }
        Assert.NotEqual(fresh[0], fresh[1]);

        var system = LocalRunner.CreateSystem(options);
        try
        {
            for (var i = 0; i < networks.Length; i++)
            {
                var factory = new LayerFactory(networks[i]);
                var backends = networks[i].Layers.Select(l => new DisposalCounting(factory.Create(l.Id))).ToList();
                var sink = new CollectingSink();
                var result = await LocalRunner.RunAsync(system, networks[i], sink, options with { Backends = backends });
                Assert.True(result.Succeeded, result.Failure);
                Assert.True(sink.Completed);
                Assert.Equal(fresh[i], sink.Spikes);
                // The run's layer actors have stopped (their backends disposed) before the next run starts; the system is still up.
                Assert.All(backends, b => Assert.Equal(1, b.Disposed));
                Assert.False(system.WhenTerminated.IsCompleted);
            }
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>A backend that counts how often it was disposed.</summary>
    private sealed class DisposalCounting(IWindowBackend inner) : DelegatingBackend(inner)
    {
        public int Disposed { get; private set; }

        public override void Dispose()
        {
            Disposed++;
            Inner.Dispose();
        }
    }
}
