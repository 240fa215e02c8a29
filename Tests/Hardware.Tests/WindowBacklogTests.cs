using EventSpike.Hardware.Streaming;
using Xunit;

namespace EventSpike.Hardware.Tests;

public class WindowBacklogTests
{
    [Fact]
    public void Take_gives_a_window_s_events_in_step_then_channel_order_and_keeps_the_rest()
    {
        var backlog = new WindowBacklog(windowSteps: 4, BackpressurePolicy.Block, capacity: 8);
        var random = new Random(5);
        var offered = new List<(long Step, int Channel, long Arrived)>();
        for (var i = 0; i < 500; i++)
        {
            var e = ((long)random.Next(12), random.Next(50), (long)random.Next(1, 1_000_000));
            offered.Add(e);
            backlog.Add(e.Item1, e.Item2, e.Item3);
        }
        for (var start = 0L; start < 12; start += 4)
        {
            var (stepPtr, channels, last) = backlog.Take(start, 4);
            var expected = offered.Where(e => e.Step >= start && e.Step < start + 4).OrderBy(e => e.Step).ThenBy(e => e.Channel).ToList();
            Assert.Equal(expected.Select(e => e.Channel), channels);
            Assert.Equal(Enumerable.Range(0, 5).Select(k => expected.Count(e => e.Step < start + k)), stepPtr);
            Assert.Equal(expected.Max(e => e.Arrived), last);
            Assert.Equal(start + 4, backlog.GivenStep);
        }
        var (emptyPtr, none, noArrival) = backlog.Take(12, 4);
        Assert.Equal(new int[5], emptyPtr);
        Assert.Empty(none);
        Assert.Equal(0, noArrival);
    }
}
