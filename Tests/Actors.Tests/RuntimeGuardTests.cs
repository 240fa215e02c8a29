using System.Diagnostics;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

public class RuntimeGuardTests
{
    private static CompiledNetwork Chain(SlowModel slow, double duration, double window) => NetworkCompiler.Compile(new NetworkSpec(
        "guard", 1e-4, duration, 1,
        [
            Layer("src", "PoissonSource", 8, """{"rate": 2000}"""),
            Layer("slow", "Slow", 8) with { Prebuilt = slow },
            Layer("out", "LIF", 8, Relay),
        ],
        [Connect("src", "slow", 0), Connect("slow", "out", 0, """{"generator":"one_to_one","weight":5000}""")],
        null, window));

    [Fact]
    public async Task A_stalled_run_names_the_layer_and_window_within_a_second_of_the_watchdog()
    {
        // "slow" hangs for 20 s in step 150 (window 1 of 100-step windows).
        var network = Chain(new SlowModel(8, 1e-4, step => step == 150 ? TimeSpan.FromSeconds(20) : TimeSpan.Zero), 0.05, 0.01);
        var clock = Stopwatch.StartNew();
        var result = await LocalRunner.RunAsync(network, new CollectingSink(), new RunOptions { WatchdogSeconds = 0.5 });
        Assert.False(result.Succeeded);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 8.0); // fails long before the 20 s hang ends (5 s go to stopping the system)
        Assert.Contains("stalled", result.Failure);
        Assert.Matches(@"layer 'slow' \(akka://eventspike/user/layers-\d+/layer-1-\d+\) is still computing window 1 \(steps 100–199\)", result.Failure);
        Assert.Contains("layer 'out'", result.Failure);
        Assert.Contains("waits for window 1 of layer 'slow'", result.Failure);
    }

    [Fact]
    public async Task A_slow_layer_holds_back_its_senders_so_no_queue_grows_past_the_credit()
    {
        // 5-step windows; "slow" sleeps 1 ms a step while "src" is nearly free.
        var network = Chain(new SlowModel(8, 1e-4, _ => TimeSpan.FromMilliseconds(1)), 0.02, 0.0005);
        Assert.Equal(40, network.Plan.WindowCount);
        foreach (var credit in new[] { 1, 2, 4 })
        {
            var result = await LocalRunner.RunAsync(network, new CollectingSink(), new RunOptions(Credit: credit));
            Assert.True(result.Succeeded, result.Failure);
            Assert.InRange(result.Completed!.Layers[1].MaxQueued, 1, credit);
        }
    }
}
