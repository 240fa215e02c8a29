using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Neurons.Tests.Series.SeriesAssert;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>Rockpool 1.0.7 tests/test_timeseries.py, TSContinuous part, with concrete values.</summary>
public class TSContinuousTests
{
    private static TSContinuous Col(double[] t, params double[] v) => new(t, v);

    [Fact]
    public void Construction_rules()
    {
        var one = new TSContinuous([0.0], [0.0]);
        Assert.Equal(1, one.NumChannels);
        Assert.Throws<ArgumentException>(() => new TSContinuous([0.0, 1, 2], [0.0]));
        Assert.Throws<ArgumentException>(() => new TSContinuous([1.0, 0], [0.0, 1]));
        Assert.Throws<ArgumentException>(() => new TSContinuous([0.0, 1], [0.0, 1], tStart: 0.5));
        Assert.Throws<ArgumentException>(() => new TSContinuous([0.0, 1], [0.0, 1], tStop: 0.5));
        Assert.Throws<ArgumentException>(() => new TSContinuous([0.0, 1], [0.0, 1], interpKind: "cubic"));
        var ts = new TSContinuous([1.0, 2], [3.0, 4]);
        Assert.Equal(1, ts.TStart);
        Assert.Equal(2, ts.TStop);
        Assert.Equal(1, ts.Duration);
        Assert.Throws<ArgumentException>(() => ts.TStart = 1.5);
        Assert.Throws<ArgumentException>(() => ts.TStop = 1.5);
        ts.TStop = 5;
        Assert.Equal(5, ts.TStop);
        var empty = new TSContinuous([], new double[0, 0], numChannels: 3);
        Assert.True(empty.IsEmpty);
        Assert.Equal(3, empty.NumChannels);
        Assert.Equal(0, empty.TStart);
        Assert.Equal(0, empty.TStop);
        Assert.True(new TSContinuous().IsEmpty);
        // A single time with k samples is one row of k channels.
        var single = new TSContinuous([2.0], [3.0, 2]);
        Assert.Equal(2, single.NumChannels);
        Assert.Equal(1, single.Count);
    }

    [Fact]
    public void Operators_with_scalars_series_and_arrays()
    {
        var ts = Col([0, 1, 2, 3], 1, 2, 3, 4);
        var ts2 = Col([1, 2, 3, 4], 5, 6, 7, 8);
        ts = ts + 1;
        Values([2, 3, 4, 5], ts.SampleData.ToArray());
        ts += 5;
        Values([7, 8, 9, 10], ts.SampleData.ToArray());
        // ts2 resampled at 0..3 is [NaN, 5, 6, 7]; a NaN counts as 0 for +.
        Values([7, 13, 15, 17], (ts + ts2).SampleData.ToArray());
        Values([7, 3, 3, 3], (ts - ts2).SampleData.ToArray());
        Values([6.3, 7.2, 8.1, 9], (ts * 0.9).SampleData.ToArray(), 1e-12);
        Values([3.5, 4, 4.5, 5], (ts / 2.0).SampleData.ToArray());
        Values([double.NaN, 40, 54, 70], (ts * ts2).SampleData.ToArray());
        Values([double.NaN, 8 / 5.0, 9 / 6.0, 10 / 7.0], (ts / ts2).SampleData.ToArray(), 1e-15);
        Values([2, 2, 3, 3], ts.FloorDivide(3).SampleData.ToArray());
        Values([double.NaN, 1, 1, 1], ts.FloorDivide(ts2).SampleData.ToArray());
        Values([49, 64, 81, 100], ts.Power(2).SampleData.ToArray());
        // Reflected forms.
        Values([3, 2, 1, 0], (10 - ts).SampleData.ToArray());
        Values([10, 8.75, 70 / 9.0, 7], (70.0 / ts).SampleData.ToArray(), 1e-12);
        Values([14, 16, 18, 20], (ts * new double[] { 2 }).SampleData.ToArray());
        Values([2, 1, 1, 1], TSContinuous.FloorDivide(14.5, ts).SampleData.ToArray());
        Values([128, 256, 512, 1024], TSContinuous.Power(2, ts).SampleData.ToArray());
        Values([-7, -8, -9, -10], (-ts).SampleData.ToArray());
        Values([7, 8, 9, 10], (-ts).Abs().SampleData.ToArray());
        // The operands are unchanged.
        Values([5, 6, 7, 8], ts2.SampleData.ToArray());
    }

    [Fact]
    public void Nan_rules_differ_for_add_subtract_and_the_others()
    {
        var x = Col([0, 1, 2], double.NaN, 2, double.NaN);
        var y = Col([0, 1, 2], 3, double.NaN, double.NaN);
        Values([3, 2, double.NaN], (x + y).SampleData.ToArray());
        Values([-3, 2, double.NaN], (x - y).SampleData.ToArray());
        Values([3, -2, double.NaN], (y - x).SampleData.ToArray());
        Values([double.NaN, double.NaN, double.NaN], (x * y).SampleData.ToArray());
        Values([double.NaN, double.NaN, double.NaN], (x / y).SampleData.ToArray());
        Values([double.NaN, double.NaN, double.NaN], x.FloorDivide(y).SampleData.ToArray());
        Values([double.NaN, double.NaN, double.NaN], x.Power(y).SampleData.ToArray());
    }

    [Fact]
    public void Operators_broadcast_arrays_over_channels()
    {
        var ts = new TSContinuous([0.0, 1], new double[,] { { 1, 2 }, { 3, 4 } });
        Matrix(new double[,] { { 11, 22 }, { 13, 24 } }, (ts + new double[] { 10, 20 }).Samples);
        Matrix(new double[,] { { 2, 4 }, { 9, 12 } }, (ts * new double[,] { { 2 }, { 3 } }).Samples);
        Matrix(new double[,] { { 0, 0 }, { 0, 0 } }, (ts - ts).Samples);
        Assert.Throws<ArgumentException>(() => ts + new double[] { 1, 2, 3 });
        Assert.Throws<ArgumentException>(() => ts + new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var three = new TSContinuous([0.0, 1], new double[,] { { 1, 2, 3 }, { 3, 4, 5 } });
        Assert.Throws<ArgumentException>(() => ts + three);
    }

    [Fact]
    public void Interpolation_delay_contains_resample_merge_append_min_max()
    {
        var ts1 = Col([0, 1, 2], 0, 1, 2);
        Assert.Equal([0.0], ts1.Interpolate(0));
        Assert.Equal([2.0], ts1.Interpolate(2));
        Assert.Equal([1.5], ts1.Interpolate(1.5));

        var hold = new TSContinuous([0.0, 1, 2], [0.0, 1, 2], tStop: 2.1, interpKind: "previous");
        Assert.Equal([1.0], hold.Interpolate(1.5));
        Assert.Equal([2.0], hold.Interpolate(2));
        Assert.True(double.IsNaN(hold.Interpolate(2.1)[0])); // 1.0.7: NaN past the last sample
        Assert.Equal([2.0], new TSContinuous([0.0, 1, 2], [0.0, 1, 2], interpKind: "next").Interpolate(1.5));

        var ts2 = ts1.Delay(1);
        Assert.Equal(0, ts1.TStart);
        Assert.Equal(1, ts2.TStart);
        Assert.Equal(3, ts2.TStop);
        Values([1, 2, 3], ts2.Times);
        Assert.Equal(0, ts1.Delay(5).Delay(-5).TStart);

        Assert.True(ts1.Contains(0));
        Assert.False(ts1.Contains(-1));
        Assert.True(ts1.Contains([0.0, 1, 2]));
        Assert.False(ts1.Contains([0.0, 1, 2, 3]));
        Assert.True(new TSContinuous([0.0, 1], [0.0, 1], periodic: true).Contains(17));

        var rs = ts1.Resample([0.1, 1.1, 1.9]);
        Values([0.1, 1.1, 1.9], rs.SampleData.ToArray(), 1e-12);
        Assert.Equal(0.1, rs.TStart);
        Assert.Equal(1.9, rs.TStop);

        var other = Col([0, 1, 2], 1, 2, 3);
        var merged = ts1.Merge(other, removeDuplicates: true);
        Assert.Equal(3, merged.Count);
        Values([0, 1, 2], merged.SampleData.ToArray());
        Assert.Equal(3, ts1.Count);
        Assert.Equal(3, other.Count);
        var all = ts1.Merge(other, removeDuplicates: false);
        Values([0, 0, 1, 1, 2, 2], all.Times);
        Values([0, 1, 1, 2, 2, 3], all.SampleData.ToArray());

        var appended = ts1.AppendT(other);
        Values([0, 1, 2, 3, 4, 5], appended.Times); // offset = median spacing = 1
        Assert.Equal(2, ts1.AppendC(other).NumChannels);
        Assert.False(ts1.IsEmpty);
        Assert.True(new TSContinuous().IsEmpty);

        var clipped = ts1.Clip(0.5, 1.5);
        Values([0.5, 1, 1.5], clipped.Times);
        Values([0.5, 1, 1.5], clipped.SampleData.ToArray());

        Assert.Equal(0, ts1.Min);
        Assert.Equal(2, ts1.Max);
        var withNan = Col([0, 1, 2], double.NaN, -3, 5);
        Assert.Equal(-3, withNan.Min);
        Assert.Equal(5, withNan.Max);
        Assert.True(double.IsNaN(new TSContinuous().Max));

        var items = ts1.ToList();
        Assert.Equal([0.0, 1, 2], items.Select(e => e.Time));
        Assert.Equal([0.0, 1, 2], items.Select(e => e.Sample.Single()));
    }

    private static (double[] Times, double[,] Samples, TSContinuous Ts) Grid()
    {
        var times = Enumerable.Range(0, 6).Select(i => i * 0.1).ToArray();
        var samples = new double[6, 4];
        for (var i = 0; i < 6; i++)
            for (var c = 0; c < 4; c++) samples[i, c] = i + c;
        return (times, samples, new TSContinuous(times, samples));
    }

    [Fact]
    public void Indexing_by_time()
    {
        var (times, samples, ts) = Grid();
        var all = ts[TimeSlice.All];
        Values(times, all.Times);
        Matrix(samples, all.Samples);

        var s1 = ts[new TimeSlice(0.2, 0.5)];
        Values([times[2], times[3], times[4]], s1.Times);
        Matrix(Pick(samples, [2, 3, 4]), s1.Samples);

        var s2 = ts[new TimeSlice(0.1, 0.5, -0.2)];
        Values([times[3], times[1]], s2.Times);
        Matrix(Pick(samples, [3, 1]), s2.Samples);

        var s3 = ts[new[] { 0.5, 0, 0.1 }];
        Values([times[5], times[0], times[1]], s3.Times);
        Matrix(Pick(samples, [5, 0, 1]), s3.Samples);

        var s4 = ts[0.2];
        Values([times[2]], s4.Times);
        Matrix(Pick(samples, [2]), s4.Samples);
    }

    [Fact]
    public void Indexing_by_channel_and_both()
    {
        var (times, samples, ts) = Grid();
        Matrix(samples, ts[TimeIndex.All, ChannelIndex.All].Samples);
        var c1 = ts[TimeIndex.All, 1..3];
        Values(times, c1.Times);
        Matrix(Pick(samples, [0, 1, 2, 3, 4, 5], [1, 2]), c1.Samples);
        Matrix(Pick(samples, [0, 1, 2, 3, 4, 5], [3, 1]), ts[TimeSlice.All, new ChannelSlice(1, null, -2)].Samples);
        Matrix(Pick(samples, [0, 1, 2, 3, 4, 5], [2, 0, 3]), ts[TimeSlice.All, new[] { 2, 0, 3 }].Samples);
        Matrix(Pick(samples, [0, 1, 2, 3, 4, 5], [2]), ts[TimeSlice.All, 2].Samples);
        Matrix(Pick(samples, [0, 1, 2, 3, 4, 5], [3]), ts[TimeSlice.All, -1].Samples);
        var both = ts[TimeSlice.To(0.4), new[] { 3, 1 }];
        Values(times[..4], both.Times);
        Matrix(Pick(samples, [0, 1, 2, 3], [3, 1]), both.Samples);
        Assert.Throws<ArgumentOutOfRangeException>(() => ts[TimeSlice.All, 4]);
    }

    [Fact]
    public void Sampling_outside_range_empty_and_single()
    {
        var times = Enumerable.Range(1, 4).Select(i => i * 0.1).ToArray();
        var samples = new double[4, 2];
        for (var i = 0; i < 4; i++) { samples[i, 0] = i; samples[i, 1] = i + 2; }
        var ts = new TSContinuous(times, samples);
        Values([0, 2], ts.Interpolate(0.1), 1e-12);
        Values([1.5, 3.5], ts.Interpolate(0.25), 1e-12);
        Values([double.NaN, double.NaN], ts.Interpolate(0));
        Matrix(new double[,] { { double.NaN, double.NaN }, { 0, 2 }, { 1.5, 3.5 } }, ts.Interpolate([0, 0.1, 0.25]), 1e-12);

        var empty = new TSContinuous();
        Assert.Empty(empty.Interpolate(1));
        var e3 = empty.Interpolate([0, 1, 4]);
        Assert.Equal(3, e3.GetLength(0));
        Assert.Equal(0, e3.GetLength(1));

        var single = new TSContinuous([2.0], [3.0, 2]);
        Assert.Equal([3.0, 2], single.Interpolate(2));
        Values([double.NaN, double.NaN], single.Interpolate(0));
        var many = single.Interpolate([0, 2, 1, 3, 2, 4]);
        var nan = new[] { true, false, true, true, false, true };
        for (var i = 0; i < 6; i++)
            for (var c = 0; c < 2; c++) Assert.Equal(nan[i], double.IsNaN(many[i, c]));
        Assert.Equal(3, many[4, 0]);
        Assert.Equal(2, many[4, 1]);
    }

    [Fact]
    public void Periodic_series_wrap_the_query_time()
    {
        var ts = new TSContinuous([0.0, 1, 2], [0.0, 10, 0], periodic: true, tStop: 2);
        Values([5], ts.Interpolate(2.5));
        Values([5], ts.Interpolate(-1.5));
        Values([0], ts.Interpolate(4));
        var clipped = ts.Clip(1, 4);
        Values([1, 2, 3, 4], clipped.Times);
        Values([10, 0, 10, 0], clipped.SampleData.ToArray());
        Assert.False(clipped.Periodic);
    }

    [Fact]
    public void Clip_with_include_stop_sample_limits_and_channels()
    {
        var times = Enumerable.Range(1, 5).Select(i => i * 0.1).ToArray();
        var samples = new double[5, 2];
        for (var i = 0; i < 5; i++) { samples[i, 0] = i; samples[i, 1] = i + 2; }
        var ts = new TSContinuous(times, samples);
        var all = Enumerable.Range(0, 5).ToArray();

        var inc = ts.Clip(0.2, 0.4, includeStop: true);
        Values(times[1..4], inc.Times);
        Matrix(Pick(samples, [1, 2, 3]), inc.Samples);
        var exc = ts.Clip(0.2, 0.4, includeStop: false);
        Values(times[1..3], exc.Times);
        Matrix(Pick(samples, [1, 2]), exc.Samples);

        var limits = ts.Clip(0.2, 0.35, includeStop: true, sampleLimits: true);
        Values([0.2, 0.3, 0.35], limits.Times, 1e-12);
        Matrix(new double[,] { { 1, 3 }, { 2, 4 }, { 2.5, 4.5 } }, limits.Samples, 1e-9);
        Assert.Equal(0.2, limits.TStart);
        Assert.Equal(0.35, limits.TStop);
        // A limit that is not a sample time is inserted at the start too.
        Values([0.15, 0.2], ts.Clip(0.15, 0.2).Times);
        Values([0.5, 2.5], ts.Clip(0.15, 0.2).SampleData[..2].ToArray(), 1e-9);

        var beyond = ts.Clip(0.4, 0.6, sampleLimits: false);
        Values(times[3..], beyond.Times);
        Matrix(Pick(samples, [3, 4]), beyond.Samples);
        Assert.Equal(0.6, beyond.TStop);

        Matrix(Pick(samples, all, [1]), ts.Clip(channels: [1]).Samples);
        Matrix(Pick(samples, all, [1, 0]), ts.Clip(channels: [1, 0]).Samples);
        var chT = ts.Clip(0.2, 0.4, channels: [1], includeStop: true);
        Values(times[1..4], chT.Times);
        Matrix(Pick(samples, [1, 2, 3], [1]), chT.Samples);
        // Swapped bounds.
        Values(times[1..4], ts.Clip(0.4, 0.2).Times);

        var empty = new TSContinuous();
        var et = empty.Clip(0.2, 0.4, sampleLimits: false);
        Assert.True(et.IsEmpty);
        Assert.Equal(0.2, et.TStart);
        Assert.Equal(0.4, et.TStop);
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Clip(channels: [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Clip(2, 4, channels: [0]));
    }

    [Fact]
    public void In_place_operations_change_the_series()
    {
        var ts1 = Col([0, 1, 2], 0, 1, 2);
        Assert.Same(ts1, ts1.Delay(1, inPlace: true));
        Assert.Equal(1, ts1.TStart);
        ts1.Resample([0.125, 1.1, 1.9], inPlace: true);
        Assert.Equal(0.125, ts1.TStart);
        Assert.True(double.IsNaN(ts1.SampleAt(0, 0)));

        ts1 = Col([0, 1, 2], 0, 1, 2);
        var ts2 = Col([0, 1, 2], 1, 2, 3);
        ts1.Merge(ts2, removeDuplicates: true, inPlace: true);
        Assert.Equal(3, ts1.Count);
        var ts3 = ts1.Merge(ts2, removeDuplicates: false, inPlace: true);
        Assert.Same(ts1, ts3);
        Assert.Equal(6, ts1.Count);

        ts1 = Col([0, 1, 2], 0, 1, 2);
        ts1.AppendT(ts2, inPlace: true);
        Assert.Equal(6, ts1.Count);

        ts1 = Col([0, 1, 2], 0, 1, 2);
        ts1.AppendC(ts2, inPlace: true);
        Assert.Equal(2, ts1.NumChannels);
        ts1.Clip(0.5, 1.5, inPlace: true);
        Assert.Equal(0.5, ts1.TStart);
        Matrix(new double[,] { { 0.5, 1.5 }, { 1, 2 }, { 1.5, 2.5 } }, ts1.Samples);
        ts1.Delay(-ts1.TStart, inPlace: true);
        Assert.Equal(0, ts1.TStart);
        Values([0, 0.5, 1], ts1.Times);
    }

    private static readonly double[,] S = { { 1, 2, 3, 4, 5, 6 }, { 7, 8, 9, 0, 1, 2 } };

    [Fact]
    public void AppendC_resamples_the_other_and_keeps_bounds()
    {
        var a = new TSContinuous([1.0, 2], new double[,] { { 1, 2 }, { 7, 8 } }, tStart: -1, tStop: 2);
        var b = new TSContinuous([1.0], [3.0, 4], tStart: 0, tStop: 2);
        var ab = a.AppendC(b);
        Assert.Equal(-1, ab.TStart);
        Assert.Equal(2, ab.TStop);
        Values([1, 2], ab.Times);
        Matrix(new double[,] { { 1, 2, 3, 4 }, { 7, 8, double.NaN, double.NaN } }, ab.Samples);

        var empty = new TSContinuous();
        var ea = empty.AppendC(a);
        Assert.Equal(0, ea.TStart);
        Assert.Equal(0, ea.TStop);
        Assert.True(ea.IsEmpty);
        Assert.Equal(2, ea.NumChannels);
        var ae = a.AppendC(empty);
        Assert.Equal(-1, ae.TStart);
        Assert.Equal(2, ae.TStop);
        Matrix(a.Samples, ae.Samples);
    }

    [Fact]
    public void AppendT_bounds_times_and_default_offsets()
    {
        var a = new TSContinuous([1.0, 2], new double[,] { { S[0, 0], S[0, 1] }, { S[1, 0], S[1, 1] } }, tStart: -1, tStop: 3);
        var b = new TSContinuous([1.0], [S[0, 2], S[0, 3]], tStart: 0, tStop: 2);
        var c = new TSContinuous([1.0, 3], new double[,] { { S[0, 4], S[0, 5] }, { S[1, 4], S[1, 5] } }, tStart: 0, tStop: 3);
        var empty = new TSContinuous([], new double[0, 0], tStart: 1);

        var ab = a.AppendT(b);
        Assert.Equal(-1, ab.TStart);
        Assert.Equal(6, ab.TStop);
        Values([1, 2, 5], ab.Times);
        Matrix(new double[,] { { 1, 2 }, { 7, 8 }, { 3, 4 } }, ab.Samples);

        var ea = empty.AppendT(a);
        Assert.Equal(1, ea.TStart);
        Assert.Equal(a.Duration + 1, ea.TStop);
        Values([3, 4], ea.Times);
        Matrix(a.Samples, ea.Samples);

        var ae = a.AppendT(empty);
        Assert.Equal(-1, ae.TStart);
        Assert.Equal(3, ae.TStop);
        Values([1, 2], ae.Times);

        // b starts at 3 + median(a) = 4; c at b's shifted t_stop (6) + median(b) (none: 0).
        var abc = a.AppendT([b, c]);
        Values([1, 2, 5, 7, 9], abc.Times);
        Matrix(new double[,] { { 1, 2 }, { 7, 8 }, { 3, 4 }, { 5, 6 }, { 1, 2 } }, abc.Samples);
        Values([1, 2, 4.5], a.AppendT(b, offset: 0.5).Times);
    }

    [Fact]
    public void Merge_bounds_times_and_duplicates()
    {
        var a = new TSContinuous([1.0, 2], new double[,] { { 1, 2 }, { 7, 8 } }, tStart: -1, tStop: 3);
        var b = new TSContinuous([1.5], [3.0, 4], tStart: 0, tStop: 4);
        var c = new TSContinuous([2.0, 2.5], new double[,] { { 5, 6 }, { 1, 2 } }, tStart: -2, tStop: 3);
        var empty = new TSContinuous([], new double[0, 0], tStart: 1);

        var ab = a.Merge(b);
        Assert.Equal(-1, ab.TStart);
        Assert.Equal(4, ab.TStop);
        Values([1, 1.5, 2], ab.Times);
        Matrix(new double[,] { { 1, 2 }, { 3, 4 }, { 7, 8 } }, ab.Samples);

        var ea = empty.Merge(a);
        Assert.Equal(-1, ea.TStart);
        Assert.Equal(3, ea.TStop);
        Matrix(a.Samples, ea.Samples);
        var ae = a.Merge(empty);
        Assert.Equal(-1, ae.TStart);
        Assert.Equal(3, ae.TStop);
        Values([1, 2], ae.Times);

        var list = empty.Merge([a, b, c], removeDuplicates: true);
        Assert.Equal(2, list.NumChannels);
        Assert.Equal(-2, list.TStart);
        Assert.Equal(4, list.TStop);
        Values([1, 1.5, 2, 2.5], list.Times);
        Matrix(new double[,] { { 1, 2 }, { 3, 4 }, { 7, 8 }, { 1, 2 } }, list.Samples);

        var three = new TSContinuous([0.0], [1.0, 2, 3]);
        Assert.Throws<ArgumentException>(() => a.Merge(three));
    }
}
