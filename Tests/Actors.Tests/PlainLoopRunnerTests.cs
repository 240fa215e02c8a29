using EventSpike.Actors.Runtime;
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
}
