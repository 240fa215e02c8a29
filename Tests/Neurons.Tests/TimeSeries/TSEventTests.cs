using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Neurons.Tests.Series.SeriesAssert;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>Rockpool 1.0.7 tests/test_timeseries.py, TSEvent part, with concrete values.</summary>
public class TSEventTests
{
    private static readonly double[] T = [1, 3, 4, 5, 7];
    private static readonly int[] C = [0, 0, 1, 2, 1];
    private static TSEvent Ts() => new(T, C, tStop: 8);

    // The three series of the append/merge tests (Rockpool 1.0.7's values).
    private static TSEvent A() => new([1.0, 2], [2, 0], tStart: -1, tStop: 2);
    private static TSEvent B() => new([0.0, 1, 4], [1, 1, 0], tStart: 0, tStop: 6);
    private static TSEvent Cc() => new([1.0], [0], tStart: 0, tStop: 2, numChannels: 5);

    [Fact]
    public void Construction_rules()
    {
        var ts = Ts();
        Assert.Equal(1, ts.TStart); // defaults to the first event
        Assert.Equal(3, ts.NumChannels);
        Assert.Equal(5, ts.Count);
        Assert.Equal([0, 0], new TSEvent([1.0, 2]).Channels);
        Assert.Equal([3, 3], new TSEvent([1.0, 2], 3).Channels);
        Assert.Equal(4, new TSEvent([1.0, 2], 3).NumChannels);
        Assert.Throws<ArgumentException>(() => new TSEvent(T, C, numChannels: 2));
        Assert.Throws<ArgumentException>(() => new TSEvent([2.0, 1], [0, 0]));
        Assert.Throws<ArgumentException>(() => new TSEvent([1.0, 2], [0]));
        Assert.Throws<ArgumentException>(() => new TSEvent([1.0, 2], [0, -1]));
        Assert.Throws<ArgumentException>(() => new TSEvent(T, C, tStop: 6));
        Assert.Throws<ArgumentException>(() => new TSEvent(T, C, tStart: 2));
        Assert.Equal(7, new TSEvent(T, C).TStop); // 1.0.7: t_stop defaults to the last event
        var simultaneous = new TSEvent([1.0, 1, 1], [0, 0, 1]);
        Assert.Equal(3, simultaneous.Count);
        Assert.Throws<ArgumentException>(() => ts.NumChannels = 2);
        ts.NumChannels = 6;
        Assert.Equal(6, ts.NumChannels);
    }

    [Fact]
    public void Empty_series_have_no_channels()
    {
        Assert.Equal(0, new TSEvent([], []).NumChannels);
        Assert.Equal(0, new TSEvent(null, null).NumChannels);
        Assert.Equal(0, new TSEvent().NumChannels);
        Assert.True(new TSEvent().IsEmpty);
        Assert.Equal(2, new TSEvent([], [], numChannels: 2).NumChannels);
    }

    [Fact]
    public void Selecting_events_by_window_and_channel()
    {
        var ts = Ts();
        var (t, c) = ts.EventsIn();
        Assert.Equal(T, t);
        Assert.Equal(C, c);
        Sel([5.0, 7], [2, 1], ts.EventsIn(5));
        Sel([1.0, 3, 4], [0, 0, 1], ts.EventsIn(null, 5));
        Sel([3.0, 4], [0, 1], ts.EventsIn(2, 5));
        Sel([3.0, 4, 5], [0, 1, 2], ts.EventsIn(2, 5, includeStop: true));
        Sel([3.0, 4], [0, 1], ts.EventsIn(5, 2)); // swapped bounds
        Assert.Empty(ts.EventsIn(8, 9).Times);
        Sel([1.0, 3, 5], [0, 0, 2], ts.EventsIn(channels: [0, 2]));
        Sel([1.0, 3], [0, 0], ts.EventsIn(channels: [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ts.EventsIn(channels: [4]));
        Sel([3.0, 5], [0, 2], ts.EventsIn(2, 6, channels: [0, 2]));

        var empty = new TSEvent();
        Assert.Empty(empty.EventsIn(2, 5).Times);
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.EventsIn(2, 5, channels: [4]));
    }

    private static void Sel(double[] times, int[] channels, (double[] Times, int[] Channels) actual)
    {
        Assert.Equal(times, actual.Times);
        Assert.Equal(channels, actual.Channels);
    }

    [Fact]
    public void Periodic_selection_repeats_the_events()
    {
        var ts = new TSEvent([0.5, 1.5], [0, 1], periodic: true, tStart: 0, tStop: 2);
        Sel([3.5, 4.5, 5.5], [1, 0, 1], ts.EventsIn(3, 6));
        Sel([-0.5], [1], ts.EventsIn(-1, 0));
    }

    [Fact]
    public void Indexing_selects_events()
    {
        var ts = Ts();
        Events(ts[2], [4], [1]);
        Events(ts[2..5], [4, 5, 7], [1, 2, 1]);
        Events(ts[[4, 0, 1]], [7, 1, 3], [1, 0, 0]);
        Events(ts[-1], [7], [1]);
        Assert.Equal(3, ts[2].NumChannels);
        Assert.Equal(8, ts[2].TStop);
        var empty = new TSEvent();
        Assert.Throws<ArgumentOutOfRangeException>(() => empty[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => empty[[0, 1]]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ts[5]);
    }

    [Fact]
    public void Raster_shapes_and_rows()
    {
        var ts = new TSEvent([0.0, 30], 0, numChannels: 4);
        var r = ts.Raster(dt: 1);
        Assert.Equal(31, r.GetLength(0)); // floor(30/1) + 1: the end point is included
        Assert.Equal(4, r.GetLength(1));
        Assert.Equal(1, r[0, 0]);
        Assert.Equal(1, r[30, 0]);
        Assert.Equal(2, r.Cast<int>().Sum());
        Assert.Equal(5, new TSEvent([0.0, 30], 0, numChannels: 5).Raster(1).GetLength(1));

        var two = new TSEvent([0.0, 1], 0, tStop: 2);
        Matrix(new[,] { { 1 }, { 1 }, { 0 } }, two.Raster(0.9));
        Matrix(new[,] { { 1 }, { 0 } }, two.Raster(1.1));
        Matrix(new[,] { { 2 }, { 0 } }, two.Raster(1.1, addEvents: true));
        Assert.Equal(new[,] { { true }, { false } }, two.RasterMask(1.1));

        var empty = new TSEvent().Raster(0.1);
        Assert.Equal(1, empty.GetLength(0));
        Assert.Equal(0, empty.GetLength(1));
    }

    [Fact]
    public void Raster_with_num_timesteps_channels_and_float_steps()
    {
        var ts = new TSEvent([0.0, 0.5, 1.0, 1.0], [0, 1, 0, 0], tStop: 2);
        Matrix(new[,] { { 1, 0 }, { 0, 1 } }, ts.Raster(0.5, numTimesteps: 2)); // [0, 1): the events at 1.0 are out
        var full = ts.Raster(0.5, addEvents: true);
        Assert.Equal(5, full.GetLength(0));
        Assert.Equal(2, full[2, 0]);
        Matrix(new[,] { { 1, 0 }, { 0, 0 }, { 1, 0 }, { 0, 0 }, { 0, 0 } }, ts.Raster(0.5, channels: [0, 7]));
        Matrix(new[,] { { 0 }, { 1 } }, ts.Raster(0.5, tStart: 0.5, numTimesteps: 2, channels: [0]));
        // 0.3 / 0.1 = 2.9999999999999996 in floating point: the event still goes to step 3.
        var r = new TSEvent([0.3], 0, tStart: 0).Raster(0.1);
        Assert.Equal(4, r.GetLength(0));
        Assert.Equal(1, r[3, 0]);
        Assert.Equal(new[] { new[] { 0 }, new[] { 1 } }, new TSEvent([1.0], 0, tStart: 0).XRaster(1).ToArray());
    }

    [Fact]
    public void Periodic_raster_repeats_and_is_end_inclusive()
    {
        double[] t = [0, 1, 2, 3, 4, 5, 6];
        int[] c = [0, 1, 0, 1, 0, 1, 0];
        var periodic = new TSEvent(t, c, periodic: true);
        var r = periodic.Raster(dt: 1, tStart: 0, tStop: 8);
        Assert.Equal(9, r.GetLength(0));
        Assert.Equal(2, r.GetLength(1));
        var alt = new int[9, 2];
        for (var i = 0; i < 9; i++) alt[i, i % 2] = 1; // period 6: step 6 is the event at 0 again, 7 the one at 1
        Matrix(alt, r);

        var flat = new TSEvent(t, c, periodic: false).Raster(dt: 1, tStart: 0, tStop: 8);
        for (var i = 7; i < 9; i++) { alt[i, 0] = 0; alt[i, 1] = 0; }
        Matrix(alt, flat);

        // With t_stop 7 the period is 7: steps 7, 8, 9 repeat steps 0, 1, 2.
        var seven = new TSEvent(t, c, periodic: true, tStop: 7).Raster(dt: 1, tStart: 0, numTimesteps: 10);
        Assert.Equal(new[] { 1, 0 }, new[] { seven[7, 0], seven[7, 1] });
        Assert.Equal(new[] { 0, 1 }, new[] { seven[8, 0], seven[8, 1] });
        Assert.Equal(new[] { 1, 0 }, new[] { seven[9, 0], seven[9, 1] });
    }

    [Fact]
    public void Clip_and_remap()
    {
        var ts = Ts();
        Events(ts.Clip(2, 4), [3], [0]);
        Assert.Equal(3, ts.Clip(2, 4).NumChannels);
        Assert.Equal(2, ts.Clip(2, 4).TStart);
        Assert.Equal(4, ts.Clip(2, 4).TStop);
        var remapped = ts.Clip(4, 6, remapChannels: true);
        Events(remapped, [4, 5], [0, 1]);
        Assert.Equal(3, remapped.NumChannels);
        Assert.True(ts.Clip(8, 9).IsEmpty);
        Events(ts.Clip(channels: [0, 1]), [1, 3, 4, 7], [0, 0, 1, 1]);
        Events(ts.Clip(2, 6, channels: [0, 2]), [3, 5], [0, 2]);
        var sub = ts.Clip(channels: [2, 1], remapChannels: true);
        Events(sub, [4, 5, 7], [0, 1, 0]);
        Assert.Equal(2, sub.NumChannels);

        var empty = new TSEvent([], [], numChannels: 2);
        Assert.True(empty.Clip(2, 3).IsEmpty);
        Assert.Equal(2, empty.Clip(2, 3).NumChannels);
        Assert.Equal(2, empty.Clip(2, 3).TStart);
        Assert.Equal(3, empty.Clip(2, 3).TStop);
        Assert.True(empty.Clip(channels: [0]).IsEmpty);
        Assert.Equal(2, empty.Clip(channels: [0]).NumChannels);
        Assert.Equal(0, empty.Clip(channels: [0]).TStart);
        Assert.Equal(0, empty.Clip(channels: [0]).TStop);
        Assert.Equal(2, empty.Clip(2, 3, channels: [0]).NumChannels);
        Assert.Equal(1, empty.Clip(2, 3, channels: [0], remapChannels: true).NumChannels);

        Events(ts.RemapChannels([2, 0, 1]), T, [2, 2, 0, 1, 0]);
        Assert.Equal(5, ts.RemapChannels([4, 0, 1]).NumChannels);
        Assert.Throws<ArgumentException>(() => ts.RemapChannels([0, 1]));
        ts.Clip(3, 5, inPlace: true);
        Events(ts, [3, 4], [0, 1]);
    }

    [Fact]
    public void AppendC_shifts_channels()
    {
        var ac = A().AppendC(Cc());
        Assert.Equal(8, ac.NumChannels);
        Assert.Equal(-1, ac.TStart);
        Assert.Equal(2, ac.TStop);
        Events(ac, [1, 1, 2], [2, 3, 0]);

        var empty = new TSEvent();
        var ea = empty.AppendC(A());
        Assert.Equal(-1, ea.TStart);
        Assert.Equal(2, ea.TStop);
        Assert.Equal(3, ea.NumChannels);
        Events(ea, [1, 2], [2, 0]);
        var ae = A().AppendC(empty);
        Assert.Equal(3, ae.NumChannels);
        Events(ae, [1, 2], [2, 0]);

        var all = empty.AppendC([A(), B(), Cc()]);
        Assert.Equal(10, all.NumChannels);
        Assert.Equal(-1, all.TStart);
        Assert.Equal(6, all.TStop);
        Events(all, [0, 1, 1, 1, 2, 4], [4, 2, 4, 5, 0, 3]);
    }

    [Fact]
    public void AppendT_chains_series_with_offsets()
    {
        var ac = A().AppendT(Cc());
        Assert.Equal(5, ac.NumChannels);
        Assert.Equal(-1, ac.TStart);
        Assert.Equal(4, ac.TStop);
        Events(ac, [1, 2, 3], [2, 0, 0]);

        var empty = new TSEvent();
        var ea = empty.AppendT(A());
        Assert.Equal(0, ea.TStart);
        Assert.Equal(A().Duration, ea.TStop);
        Events(ea, [2, 3], [2, 0]);
        var ae = A().AppendT(empty);
        Assert.Equal(-1, ae.TStart);
        Assert.Equal(2, ae.TStop);
        Events(ae, [1, 2], [2, 0]);

        var all = empty.AppendT([A(), B(), Cc()], offsets: [3, 2, 1]);
        Assert.Equal(5, all.NumChannels);
        Assert.Equal(0, all.TStart);
        Assert.Equal(17, all.TStop);
        Events(all, [5, 6, 8, 9, 12, 16], [2, 0, 1, 1, 0, 0]);

        // The same with A ending at 3 (later Rockpool tests): everything moves by one more.
        var a3 = new TSEvent([1.0, 2], [2, 0], tStart: -1, tStop: 3);
        var all3 = empty.AppendT([a3, B(), Cc()], offsets: [3, 2, 1]);
        Assert.Equal(18, all3.TStop);
        Events(all3, [5, 6, 9, 10, 13, 17], [2, 0, 1, 1, 0, 0]);
    }

    [Fact]
    public void Merge_with_delays_and_duplicates()
    {
        var ac = A().Merge(Cc());
        Assert.Equal(5, ac.NumChannels);
        Assert.Equal(-1, ac.TStart);
        Assert.Equal(2, ac.TStop);
        Events(ac, [1, 1, 2], [2, 0, 0]);

        var empty = new TSEvent();
        var ea = empty.Merge(A());
        Assert.Equal(-1, ea.TStart);
        Assert.Equal(2, ea.TStop);
        Assert.Equal(3, ea.NumChannels);
        Events(ea, [1, 2], [2, 0]);

        var all = empty.Merge([A(), B(), Cc()], delays: [3, 2, 1]);
        Assert.Equal(5, all.NumChannels);
        Assert.Equal(0, all.TStart);
        Assert.Equal(8, all.TStop);
        Events(all, [2, 2, 3, 4, 5, 6], [1, 0, 1, 2, 0, 0]);

        var x = new TSEvent([1.0, 2], [0, 1]);
        var y = new TSEvent([1.0, 2], [0, 0]);
        Events(x.Merge(y), [1, 1, 2, 2], [0, 0, 1, 0]);
        Events(x.Merge(y, removeDuplicates: true), [1, 2, 2], [0, 1, 0]);
        Events(x.Merge(y, delay: 0.5), [1, 1.5, 2, 2.5], [0, 0, 1, 0]);
    }

    [Fact]
    public void Delay_copy_and_iteration()
    {
        var ts = new TSEvent([2.0, 4, 6], [0, 1, 0], tStop: 7);
        Assert.Equal(2, ts.TStart);
        var d = ts.Delay(1);
        Assert.Equal(3, d.TStart);
        Assert.Equal(8, d.TStop);
        Assert.Equal(2, ts.TStart);
        ts.Delay(1, inPlace: true);
        Assert.Equal(3, ts.TStart);
        var zero = ts.Delay(-ts.TStart);
        Assert.Equal(0, zero.TStart);
        Events(zero, [0, 2, 4], [0, 1, 0]);
        var copy = ts.Copy();
        copy.Delay(10, inPlace: true);
        Assert.Equal(3, ts.TStart);
        Assert.Equal(new[] { (3.0, 0), (5.0, 1), (7.0, 0) }, ts.ToArray());
    }
}
