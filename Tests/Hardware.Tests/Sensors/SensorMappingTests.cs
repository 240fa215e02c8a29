using EventSpike.Hardware.Sensors;
using Xunit;

namespace EventSpike.Hardware.Tests.Sensors;

public class SensorMappingTests
{
    [Fact]
    public void WholeSensorSplitPolarityNumbersOffThenOnRowMajor()
    {
        var m = new SensorMapping(4, 3);
        Assert.Equal(24, m.Channels);
        Assert.Equal(0, m.ChannelOf(new SensorEvent(0, 0, 0, false)));
        Assert.Equal(2 * 4 + 3, m.ChannelOf(new SensorEvent(0, 3, 2, false)));
        Assert.Equal(12 + 1 * 4 + 2, m.ChannelOf(new SensorEvent(0, 2, 1, true)));
    }

    [Fact]
    public void MergedPolarityGivesBothEventsOneChannel()
    {
        var m = new SensorMapping(4, 3, splitPolarity: false);
        Assert.Equal(12, m.Channels);
        Assert.Equal(m.ChannelOf(new SensorEvent(0, 2, 1, true)), m.ChannelOf(new SensorEvent(5, 2, 1, false)));
    }

    [Fact]
    public void CropDropsOutsideEventsAndShiftsTheOrigin()
    {
        var m = new SensorMapping(10, 10, crop: [2, 3, 6, 5], splitPolarity: false);
        Assert.Equal(8, m.Channels);
        Assert.Equal(0, m.ChannelOf(new SensorEvent(0, 2, 3, true)));
        Assert.Equal(7, m.ChannelOf(new SensorEvent(0, 5, 4, true)));
        Assert.Equal(-1, m.ChannelOf(new SensorEvent(0, 6, 4, true)));
        Assert.Equal(-1, m.ChannelOf(new SensorEvent(0, 1, 4, true)));
        Assert.Equal(-1, m.ChannelOf(new SensorEvent(0, 3, 5, true)));
    }

    [Fact]
    public void PoolingGroupsBlocksAndAPartialLastBlockCounts()
    {
        var m = new SensorMapping(5, 4, pool: [2, 2]);
        Assert.Equal((3, 2), (m.GridWidth, m.GridHeight));
        Assert.Equal(12, m.Channels);
        Assert.Equal(m.ChannelOf(new SensorEvent(0, 0, 0, false)), m.ChannelOf(new SensorEvent(0, 1, 1, false)));
        Assert.Equal(2, m.ChannelOf(new SensorEvent(0, 4, 0, false)));
        Assert.Equal(6 + 3 + 2, m.ChannelOf(new SensorEvent(0, 4, 3, true)));
    }

    [Fact]
    public void EveryChannelIsReachedExactlyInRange()
    {
        var m = new SensorMapping(34, 34, crop: [1, 1, 33, 33], pool: [4, 4]);
        var seen = new HashSet<int>();
        for (ushort x = 0; x < 34; x++)
        for (ushort y = 0; y < 34; y++)
        foreach (var p in new[] { false, true })
            if (m.ChannelOf(new SensorEvent(0, x, y, p)) is var c and >= 0) seen.Add(c);
        Assert.Equal(Enumerable.Range(0, m.Channels), seen.Order());
    }

    [Theory]
    [InlineData(0, 10, null, null)]
    [InlineData(10, 10, new[] { 5, 0, 5, 10 }, null)]
    [InlineData(10, 10, new[] { 0, 0, 11, 10 }, null)]
    [InlineData(10, 10, null, new[] { 0, 1 })]
    public void BadSizesCropsOrPoolsAreRefused(int w, int h, int[]? crop, int[]? pool) =>
        Assert.Throws<ArgumentException>(() => new SensorMapping(w, h, crop, pool));
}
