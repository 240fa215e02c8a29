using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Routing.Tests;

public class WindowPlanTests
{
    [Fact]
    public void Windows_cover_the_run_exactly_with_a_short_last_one()
    {
        var plan = new WindowPlan(1005, 100);
        Assert.Equal(11, plan.WindowCount);
        Assert.Equal(5, plan.StepsIn(10));
        Assert.Equal(1005, Enumerable.Range(0, 11).Sum(w => plan.StepsIn(w)));
    }

    [Theory]
    [InlineData(0, 0, 0)]      // zero delay: the same window
    [InlineData(3, 0, 3)]
    [InlineData(3, 1, 3)]      // delay < W: still the same window
    [InlineData(3, 9, 3)]
    [InlineData(3, 10, 2)]     // delay = W: the previous one
    [InlineData(3, 32, 0)]     // 3W + 2: steps up to 39 − 32 = 7 → window 0
    [InlineData(0, 10, -1)]    // nothing can reach window 0 yet
    public void Required_sender_window_follows_the_delay(long window, int delay, long expected)
    {
        var plan = new WindowPlan(1000, 10);
        Assert.Equal(expected, plan.RequiredSenderWindow(window, delay));
    }
}
