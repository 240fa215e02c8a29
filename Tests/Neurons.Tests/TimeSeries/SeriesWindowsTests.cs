using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Neurons.Tests.Series.SeriesAssert;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>TSEvent ⇄ spike rows and TSContinuous ⇄ sample windows, exact at window boundaries.</summary>
public class SeriesWindowsTests
{
    private static readonly TSEvent Input = new([0.0, 0.1, 0.1, 0.25, 0.3, 0.4, 0.999], [2, 1, 0, 3, 1, 1, 0], numChannels: 4, tStop: 1);

    [Fact]
    public void Events_go_to_the_floor_step_ascending_within_a_step()
    {
        var w = SeriesWindows.ToSpikeRows(Input, 0.1, 0, 4);
        Assert.Equal(0, w.StartStep);
        Assert.Equal(4, w.Steps);
        Assert.Equal([0, 1, 3, 4, 5], w.StepPtr); // 0.3 is step 3 although 0.3/0.1 < 3 in floating point
        Assert.Equal([2, 0, 1, 3, 1], w.Neurons);
        Assert.Equal([0, 1], w.At(1).ToArray());
        var next = SeriesWindows.ToSpikeRows(Input, 0.1, 4, 6);
        Assert.Equal([0, 1, 1, 1, 1, 1, 2], next.StepPtr); // 0.4 opens the second window, 0.999 is step 9
        Assert.Equal([1, 0], next.Neurons);
        Assert.Equal(Input.Count, w.Count + next.Count);
    }

    [Fact]
    public void Windows_partition_the_events_like_the_raster()
    {
        var raster = Input.Raster(0.1, tStart: 0, numTimesteps: 10, addEvents: true);
        foreach (var size in new[] { 1, 2, 3, 7, 10 })
        {
            var counts = new int[10, 4];
            for (var start = 0; start < 10; start += size)
            {
                var w = SeriesWindows.ToSpikeRows(Input, 0.1, start, Math.Min(size, 10 - start));
                for (var i = 0; i < w.Steps; i++)
                    foreach (var n in w.At(i)) counts[start + i, n]++;
            }
            Matrix(raster, counts);
        }
    }

    [Fact]
    public void Time_origin_and_periodic_inputs()
    {
        var w = SeriesWindows.ToSpikeRows(Input, 0.1, 0, 2, t0: 0.25);
        Assert.Equal([0, 2, 3], w.StepPtr); // 0.25 and 0.3 are step 0 from t0 = 0.25; 0.4 is step 1
        Assert.Equal([1, 3, 1], w.Neurons);
        var periodic = new TSEvent([0.05], [1], periodic: true, tStart: 0, tStop: 0.2);
        var p = SeriesWindows.ToSpikeRows(periodic, 0.1, 10, 4);
        Assert.Equal([0, 1, 1, 2, 2], p.StepPtr);
        Assert.Equal([1, 1], p.Neurons);
    }

    [Fact]
    public void Recorded_spikes_are_stamped_at_the_end_of_their_step()
    {
        var b = new TSEventBuilder(0.1, 4, name: "layer");
        var w0 = SeriesWindows.ToSpikeRows(Input, 0.1, 0, 4);
        var w1 = SeriesWindows.ToSpikeRows(Input, 0.1, 4, 6);
        b.AddWindow(w0);
        b.AddWindow(w1);
        var rec = b.Build();
        Values([0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 1.0], rec.Times, 1e-12);
        Assert.Equal([2, 0, 1, 3, 1, 1, 0], rec.Channels);
        Assert.Equal(0, rec.TStart);
        Assert.Equal(1.0, rec.TStop);
        Assert.Equal(4, rec.NumChannels);
        Assert.Equal("layer", rec.Name);
        // Fed back, each spike lands one step later than the step that produced it.
        var again = SeriesWindows.ToSpikeRows(rec, 0.1, 1, 10);
        Assert.Equal(w0.StepPtr.Concat(w1.StepPtr.Skip(1).Select(x => x + w0.Count)), again.StepPtr);
        Assert.Equal(w0.Neurons.Concat(w1.Neurons), again.Neurons);
        Assert.Throws<ArgumentException>(() => b.AddWindow(w0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TSEventBuilder(0.1, 2).AddWindow(0, [0, 1], [3]));
    }

    [Fact]
    public void Continuous_windows_sample_each_step_start()
    {
        var ts = new TSContinuous([0.0, 1], new double[,] { { 0, 10 }, { 1, 20 } });
        var w = SeriesWindows.ToSampleWindow(ts, 0.25, 1, 5);
        Values([0.25, 12.5, 0.5, 15, 0.75, 17.5, 1, 20, 0, 0], w);
        var raw = SeriesWindows.ToSampleWindow(ts, 0.25, 4, 2, nanToZero: false);
        Values([1, 20, double.NaN, double.NaN], raw);

        var b = new TSContinuousBuilder(0.25, 2);
        b.AddWindow(0, 3, SeriesWindows.ToSampleWindow(ts, 0.25, 0, 3));
        b.AddWindow(3, 2, SeriesWindows.ToSampleWindow(ts, 0.25, 3, 2));
        var rec = b.Build();
        Values([0, 0.25, 0.5, 0.75, 1], rec.Times);
        Assert.Equal(1.25, rec.TStop);
        Values(SeriesWindows.ToSampleWindow(ts, 0.25, 0, 5), SeriesWindows.ToSampleWindow(rec, 0.25, 0, 5));
        var end = new TSContinuousBuilder(0.25, 1, stampAtStepEnd: true);
        end.AddWindow(0, 2, [5.0, 6]);
        Values([0.25, 0.5], end.Build().Times);
    }

    [Fact]
    public void Step_rule_and_step_count()
    {
        Assert.Equal(3, StepRule.StepOf(0.3, 0, 0.1));
        Assert.Equal(2, StepRule.StepOf(0.2999, 0, 0.1));
        Assert.Equal(-1, StepRule.StepOf(-0.05, 0, 0.1));
        Assert.Equal(10, StepRule.StepCount(1.0, 0.1));
        Assert.Equal(3, StepRule.StepCount(0.35, 0.1));
    }
}
