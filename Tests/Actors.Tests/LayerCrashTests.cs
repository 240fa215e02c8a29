using System.Diagnostics;
using Akka.Actor;
using EventSpike.Actors.Checkpoints;
using EventSpike.Actors.Cluster;
using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using Xunit;

namespace EventSpike.Actors.Tests;

/// <summary>A layer that crashes, or a run that stalls before it starts, ends the run at once instead of hanging.</summary>
public class LayerCrashTests
{
    [Fact]
    public async Task A_layer_that_crashes_outside_its_computation_fails_the_run_at_once_naming_the_layer_and_the_error()
    {
        var net = LocalRunnerTests.Reservoir(5, duration: 0.05);
        var res = net.Layers.Single(l => l.Name == "res").Id;
        var factory = new LayerFactory(net);
        var backends = net.Layers.Select(l => l.Id == res ? new CrashingBackend(factory.Create(l.Id)) : (IWindowBackend?)null).ToList();
        var options = new RunOptions(Threads: 1)
        {
            Backends = backends, CheckpointStore = new CheckpointStore(CheckpointTests.TempDir()), CheckpointEveryWindows = 3, WatchdogSeconds = 20,
        };
        var clock = Stopwatch.StartNew();
        var result = await LocalRunner.RunAsync(net, new CollectingSink(), options).WaitAsync(TimeSpan.FromSeconds(40));
        Assert.False(result.Succeeded);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5); // the watchdog (20 s) never comes into it
        Assert.Contains("layer 'res' crashed", result.Failure);
        Assert.Contains("OutOfMemoryException: no room for the layer's state", result.Failure);
    }

    [Fact]
    public async Task A_watchdog_that_fires_while_the_layers_are_still_being_hosted_ends_the_run()
    {
        var net = LocalRunnerTests.Reservoir(5, duration: 0.05);
        var system = ActorSystem.Create("hosting-stall", LocalRunner.LoadConfig(1));
        try
        {
            // Hosting that never answers, as a node that died before it could build its layers.
            var never = new TaskCompletionSource<(IReadOnlyList<IActorRef>, IReadOnlyList<HostedNode>)>();
            var clock = Stopwatch.StartNew();
            var result = await LocalRunner.RunOnAsync(system, net, new CollectingSink(), new RunOptions(Threads: 1) { WatchdogSeconds = 1 },
                (_, _, _, _) => never.Task).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.False(result.Succeeded);
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 4);
            Assert.Contains("stalled: no window finished", result.Failure);
            Assert.Contains("the layers were still being set up", result.Failure);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
