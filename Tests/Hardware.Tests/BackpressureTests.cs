using System.Diagnostics;
using EventSpike.Hardware.Streaming;
using Xunit;

namespace EventSpike.Hardware.Tests;

/// <summary>Each policy against a network that cannot keep up (a layer taking 4 ms a window) and a sensor that pushes 60 windows at once.</summary>
public class BackpressureTests
{
    private const int Windows = 60;
    private const int PerWindow = 5;

    /// <summary>Feeds <see cref="PerWindow"/> events into each of <see cref="Windows"/> windows as fast as it can, then ends the stream.</summary>
    private static async Task<(Actors.Runtime.RunResult Result, StreamRuns.Spikes Sink, SensorWindowSource Source, double FeedSeconds)> Run(BackpressurePolicy policy)
    {
        var w = StreamRuns.Network().Plan.WindowSteps;
        var source = new SensorWindowSource(StreamRuns.Channels, w, policy, backlog: 2);
        var sink = new StreamRuns.Spikes();
        var run = StreamRuns.Run(source, new SlowLayer(TimeSpan.FromMilliseconds(4)), sink);
        var clock = Stopwatch.StartNew();
        await Task.Run(() =>
        {
            for (var k = 0; k < Windows; k++)
            {
                source.Advance(k * w);
                for (var i = 0; i < PerWindow; i++) source.Offer(k * w + i, (k + i) % StreamRuns.Channels, Stopwatch.GetTimestamp());
            }
            source.Advance(Windows * w);
            source.End();
        });
        var feedSeconds = clock.Elapsed.TotalSeconds;
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Succeeded, result.Failure);
        return (result, sink, source, feedSeconds);
    }

    [Fact]
    public async Task Block_makes_the_sensor_wait_and_loses_nothing()
    {
        var (result, sink, source, feedSeconds) = await Run(BackpressurePolicy.Block);
        Assert.Equal(0, source.Dropped);
        Assert.Equal(Windows * PerWindow, sink.Input.Count);
        Assert.Equal(Windows, result.Completed!.Windows);
        // The feeder was held back: 60 windows at 4 ms cannot be taken in much less than 0.2 s.
        Assert.True(feedSeconds > 0.1, $"the feeder ran free ({feedSeconds:0.000} s)");
        Assert.True(source.Latency.Windows > 0);
    }

    [Fact]
    public async Task Drop_newest_keeps_the_first_windows_and_counts_what_it_drops()
    {
        var (result, sink, source, _) = await Run(BackpressurePolicy.DropNewest);
        Assert.True(source.Dropped > 0);
        Assert.Equal(Windows * PerWindow, sink.Input.Count + source.Dropped);
        Assert.True(result.Completed!.Windows < Windows);
        // The first window's events went through, at their steps.
        Assert.Contains((0L, 0), sink.Input);
    }

    [Fact]
    public async Task Drop_oldest_keeps_the_newest_windows_and_counts_what_it_drops()
    {
        var (result, sink, source, _) = await Run(BackpressurePolicy.DropOldest);
        Assert.True(source.Dropped > 0);
        Assert.Equal(Windows * PerWindow, sink.Input.Count + source.Dropped);
        Assert.True(result.Completed!.Windows < Windows);
        // The last window's events went through: the last event (step offset 4 of its window, channel (59+4)%8) is there.
        var w = StreamRuns.Network().Plan.WindowSteps;
        Assert.Contains(sink.Input, s => s.Step % w == PerWindow - 1 && s.Neuron == (Windows - 1 + PerWindow - 1) % StreamRuns.Channels);
        Assert.Equal(result.Completed.Windows, sink.Input.Max(s => s.Step) / w + 1);
    }

    [Fact]
    public async Task Merge_folds_late_windows_into_the_next_and_loses_nothing()
    {
        var (result, sink, source, _) = await Run(BackpressurePolicy.Merge);
        Assert.Equal(0, source.Dropped);
        Assert.Equal(Windows * PerWindow, sink.Input.Count);
        Assert.True(source.WindowsShed > 0);
        Assert.Equal(Windows - source.WindowsShed, result.Completed!.Windows);
    }
}
