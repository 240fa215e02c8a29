using EventSpike.Actors.Hosting;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;
using Xunit;
using static EventSpike.Routing.Tests.NetworkSpecs;

namespace EventSpike.Actors.Tests;

/// <summary>Open-ended, source-driven runs: a live source fed from a test thread on the wall clock, ended by end-of-stream.</summary>
public class LiveSourceTests
{
    private const int Channels = 8;

    private static CompiledNetwork Network() => NetworkCompiler.Compile(new NetworkSpec("live", 1e-4, 1.0, 4,
        [Layer("sensor", "PoissonSource", Channels, """{"rate": 0}"""), Layer("out", "LIF", Channels, """{"refractory": 0.001}""")],
        [Connect("sensor", "out", 0.0003, """{"generator":"one_to_one","weight":0.03}""")]));

    /// <summary>Deterministic events: on steps 0, 7, 14, … a channel that walks over the sensor.</summary>
    private static List<(long Step, int Channel)> Events(long steps) =>
        Enumerable.Range(0, (int)(steps / 7)).Select(i => ((long)i * 7, i * 3 % Channels)).ToList();

    /// <summary>Feeds <paramref name="live"/> window by window, a few ms apart, then ends the stream at <paramref name="endStep"/>.</summary>
    private static Task Feed(LiveSpikeSource live, List<(long Step, int Channel)> events, int windowSteps, long endStep, int pauseMs) => Task.Run(async () =>
    {
        for (long start = 0; start < endStep; start += windowSteps)
        {
            if (pauseMs > 0) await Task.Delay(pauseMs);
            foreach (var e in events.Where(e => e.Step >= start && e.Step < start + windowSteps)) live.Push(e.Step, e.Channel);
            live.Advance(Math.Min(start + windowSteps, endStep));
        }
        live.End();
    });

    private static async Task<(RunResult Result, CollectingSink Sink, LiveSpikeSource Live)> RunLive(int pauseMs)
    {
        var net = Network();
        var open = net.WithPlan(WindowPlan.Open(net.Plan.WindowSteps));
        var live = new LiveSpikeSource(Channels);
        var endStep = 37L * net.Plan.WindowSteps - 5; // the stream ends inside window 36
        var sink = new CollectingSink();
        var feeding = Feed(live, Events(endStep), net.Plan.WindowSteps, endStep, pauseMs);
        var result = await LocalRunner.RunAsync(open, sink, new RunOptions(Threads: 1) { Backends = [live, null], WatchdogSeconds = 20 });
        await feeding;
        return (result, sink, live);
    }

    [Fact]
    public async Task A_live_source_pushed_from_a_test_thread_runs_through_the_actors_until_end_of_stream()
    {
        var (result, sink, live) = await RunLive(pauseMs: 2);
        Assert.True(result.Succeeded, result.Failure);
        var net = Network();
        var endStep = 37L * net.Plan.WindowSteps - 5;
        // The run ends with the window in which the stream ended, not before, not after.
        Assert.Equal(37L * net.Plan.WindowSteps, result.Completed!.Steps);
        Assert.Equal(37, result.Completed.Windows);
        // Every event pushed is a spike of the source at its step, none dropped, none invented.
        Assert.Equal(Events(endStep), sink.Spikes.Where(s => s.Layer == 0).Select(s => (s.Step, s.Neuron)).ToList());
        Assert.Equal(0, live.Dropped);
        // The target fired (weight 30 mV on a 15 mV gap) and nothing was recorded past the end.
        Assert.True(sink.Spikes.Count(s => s.Layer == 1) > 10);
        Assert.True(sink.Spikes.Max(s => s.Step) < result.Completed.Steps);
        Assert.True(sink.Completed);
        Assert.NotNull(result.Completed.SourceLag);
        Assert.True(result.Completed.SourceLag!.Value.Max >= result.Completed.SourceLag.Value.Mean);
    }

    [Fact]
    public async Task A_live_run_gives_the_same_spikes_however_late_its_events_come()
    {
        var (fast, fastSink, _) = await RunLive(pauseMs: 0);
        var (slow, slowSink, _) = await RunLive(pauseMs: 3);
        Assert.True(fast.Succeeded && slow.Succeeded, fast.Failure ?? slow.Failure);
        Assert.Equal(fastSink.Spikes, slowSink.Spikes);
        Assert.Equal(fast.Completed!.Steps, slow.Completed!.Steps);
    }

    [Fact]
    public async Task An_event_for_a_window_already_given_is_dropped_and_counted()
    {
        var live = new LiveSpikeSource(2);
        live.Push(3, 1);
        live.Advance(10);
        var first = await live.ComputeAsync(0, 0, 10);
        Assert.Equal([3L], new[] { 3L }.Where(_ => first.Output is Routing.Messages.SpikeBatch { Count: 1 }));
        live.Push(5, 0);
        Assert.Equal(1, live.Dropped);
        var pending = live.ComputeAsync(0, 10, 10);
        Assert.False(pending.IsCompleted);
        live.End();
        var last = await pending;
        Assert.Equal(10, last.StreamEnd);
        Assert.True(last.ReleasedAt > 0);
    }

    [Fact]
    public async Task An_open_ended_run_fed_by_a_recording_ends_at_its_t_stop_with_the_spikes_of_a_run_of_that_duration()
    {
        var times = Enumerable.Range(0, 60).Select(i => 0.0005 + i * 0.00173).ToArray();
        var series = new Neurons.Series.TSEvent(times, times.Select((_, i) => i * 5 % Channels).ToArray(), tStop: 0.1234, numChannels: Channels);
        NetworkSpec Spec(double duration)
        {
            var net = Network();
            return new NetworkSpec("replay", 1e-4, duration, 4,
                [Layer("sensor", "EventReplay", Channels) with { Prebuilt = new Neurons.Models.EventReplay(series, Channels, 1e-4) },
                 Layer("out", "LIF", Channels, """{"refractory": 0.001}""")],
                [Connect("sensor", "out", 0.0003, """{"generator":"one_to_one","weight":0.03}""")]);
        }
        var fixedNet = NetworkCompiler.Compile(Spec(0.1234));
        var fixedSink = new CollectingSink();
        var fixedRun = await LocalRunner.RunAsync(fixedNet, fixedSink, new RunOptions(Threads: 1));
        var openNet = NetworkCompiler.Compile(Spec(1));
        var openSink = new CollectingSink();
        var openRun = await LocalRunner.RunAsync(openNet.WithPlan(WindowPlan.Open(openNet.Plan.WindowSteps)), openSink, new RunOptions(Threads: 1));
        Assert.True(fixedRun.Succeeded && openRun.Succeeded, fixedRun.Failure ?? openRun.Failure);
        // t_stop = 1234 steps: the open run ends with the window holding step 1233, and up to there the spikes are the same.
        var w = openNet.Plan.WindowSteps;
        Assert.Equal((1233 / w + 1) * w, openRun.Completed!.Steps);
        Assert.Equal(60, openSink.Spikes.Count(s => s.Layer == 0));
        Assert.Equal(fixedSink.Spikes, openSink.Spikes.Where(s => s.Step < 1234).ToList());
    }

    [Fact]
    public async Task An_open_ended_run_whose_source_never_ends_stops_cleanly_on_an_interrupt()
    {
        var net = Network();
        var live = new LiveSpikeSource(Channels);
        live.Push(2, 1);
        live.Advance(5 * net.Plan.WindowSteps);
        var sink = new CollectingSink();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var result = await LocalRunner.RunAsync(net.WithPlan(WindowPlan.Open(net.Plan.WindowSteps)), sink,
            new RunOptions(Threads: 1) { Backends = [live, null] }, cancel.Token);
        Assert.True(result.Interrupted);
        Assert.True(sink.Completed);
        Assert.Contains((2L, 0, 1), sink.Spikes);
        Assert.True(sink.Spikes.Max(s => s.Step) < 5 * net.Plan.WindowSteps);
    }
}
