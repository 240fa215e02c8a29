using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Neurons.Tests.Series.SeriesAssert;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>The times/samples/channels setters and print.</summary>
public class SettersAndPrintTests
{
    [Fact]
    public void Times_setter_keeps_length_and_order_and_widens_bounds()
    {
        var ts = new TSContinuous([1.0, 2], [5.0, 6]);
        ts.SetTimes([0.5, 3]);
        Assert.Equal(0.5, ts.TStart);
        Assert.Equal(3, ts.TStop);
        Values([5.5], ts.Interpolate(1.75));
        Assert.Throws<ArgumentException>(() => ts.SetTimes([1.0]));
        Assert.Throws<ArgumentException>(() => ts.SetTimes([2.0, 1]));
    }

    [Fact]
    public void Samples_and_channels_setters()
    {
        var ts = new TSContinuous([0.0, 1], [0.0, 1]);
        ts.SetSamples(new double[,] { { 0, 10 }, { 2, 20 } });
        Assert.Equal(2, ts.NumChannels);
        Values([1, 15], ts.Interpolate(0.5));
        Assert.Throws<ArgumentException>(() => ts.SetSamples(new double[3, 1]));

        var ev = new TSEvent([1.0, 2], [0, 1]);
        ev.SetChannels([4, 0]);
        Assert.Equal([4, 0], ev.Channels);
        Assert.Equal(5, ev.NumChannels);
        Assert.Throws<ArgumentException>(() => ev.SetChannels([1]));
    }

    [Fact]
    public void Print_shortens_long_series()
    {
        var ts = new TSEvent(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), 1, name: "spk");
        var lines = ts.Print().TrimEnd('\n').Split('\n');
        Assert.Equal("TSEvent 'spk' from 0 to 11: 12 events on 2 channels", lines[0]);
        Assert.Equal(["0:\t1", "1:\t1", "2:\t1", "3:\t1", "...", "8:\t1", "9:\t1", "10:\t1", "11:\t1"], lines[1..]);
        Assert.Equal(13, ts.Print(full: true).TrimEnd('\n').Split('\n').Length);
        var c = new TSContinuous([0.0, 0.5], new double[,] { { 1, 2 }, { 3, 4.5 } });
        Assert.EndsWith("0:\t[1, 2]\n0.5:\t[3, 4.5]\n", c.Print());
    }
}
