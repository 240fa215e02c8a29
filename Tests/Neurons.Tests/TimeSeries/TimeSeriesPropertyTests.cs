using CsCheck;
using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;
using Xunit;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>Invariants of the time series, checked on random series (CsCheck).</summary>
public class TimeSeriesPropertyTests
{
    /// <summary>A random event series on a grid of 1/16 s (exact in binary), 0..40 events, 1..5 channels, in [0, 10].</summary>
    private static readonly Gen<TSEvent> GenEvents =
        Gen.Select(Gen.Int[0, 160].Array[0, 40], Gen.Int[1, 5], Gen.Int[0, int.MaxValue]).Select((ticks, n, seed) =>
        {
            var rng = new System.Random(seed);
            var times = ticks.Order().Select(k => k / 16.0).ToArray();
            var chans = times.Select(_ => rng.Next(n)).ToArray();
            return new TSEvent(times, chans, tStart: 0, tStop: 10, numChannels: n);
        });

    private static readonly Gen<double> GenTime = Gen.Int[0, 160].Select(k => k / 16.0);

    [Fact]
    public void Clip_ab_then_bc_equals_clip_ac()
    {
        Gen.Select(GenEvents, GenTime, GenTime, GenTime).Sample((ts, x, y, z) =>
        {
            var s = new[] { x, y, z }.Order().ToArray();
            var ab = ts.Clip(s[0], s[1]);
            var bc = ts.Clip(s[1], s[2]);
            var ac = ts.Clip(s[0], s[2]);
            Assert.Equal(ac.Times, ab.Times.Concat(bc.Times));
            Assert.Equal(ac.Channels, ab.Channels.Concat(bc.Channels));
        });
    }

    [Fact]
    public void Raster_counts_sum_to_the_events_in_range()
    {
        Gen.Select(GenEvents, Gen.Int[1, 40].Select(k => k / 32.0), GenTime).Sample((ts, dt, t0) =>
        {
            var r = ts.Raster(dt, tStart: t0, addEvents: true);
            var inRange = ts.Times.Count(t => t >= t0 && t <= ts.TStop);
            Assert.Equal(inRange, r.Cast<int>().Sum());
            var mask = ts.RasterMask(dt, tStart: t0);
            Assert.Equal(r.Cast<int>().Count(v => v > 0), mask.Cast<bool>().Count(v => v));
        });
    }

    [Fact]
    public void Raster_with_num_timesteps_matches_the_window_rows()
    {
        Gen.Select(GenEvents, Gen.Int[1, 40].Select(k => k / 32.0), Gen.Int[0, 50], Gen.Int[1, 13]).Sample((ts, dt, steps, window) =>
        {
            var r = ts.Raster(dt, tStart: 0, numTimesteps: steps, addEvents: true);
            var total = 0;
            for (var start = 0; start < steps; start += window)
            {
                var w = SeriesWindows.ToSpikeRows(ts, dt, start, Math.Min(window, steps - start));
                for (var i = 0; i < w.Steps; i++)
                    foreach (var n in w.At(i))
                    {
                        Assert.True(r[start + i, n] > 0);
                        total++;
                    }
            }
            Assert.Equal(r.Cast<int>().Sum(), total);
        });
    }

    [Fact]
    public void Delay_then_undelay_is_the_identity()
    {
        Gen.Select(GenEvents, Gen.Int[-800, 800].Select(k => k / 8.0)).Sample((ts, x) =>
        {
            var back = ts.Delay(x).Delay(-x);
            Assert.Equal(ts.Times, back.Times);
            Assert.Equal(ts.Channels, back.Channels);
            Assert.Equal(ts.TStart, back.TStart);
            Assert.Equal(ts.TStop, back.TStop);
        });
        // With arbitrary doubles the round trip is exact to rounding.
        Gen.Select(Gen.Double[-1e3, 1e3], Gen.Double[-1e3, 1e3]).Sample((t, x) =>
        {
            var ts = new TSContinuous([t], [1.0]);
            Assert.Equal(t, ts.Delay(x).Delay(-x).TStart, 1e-9);
        });
    }

    [Fact]
    public void Merge_is_a_stable_sort_of_both_series()
    {
        Gen.Select(GenEvents, GenEvents).Sample((a, b) =>
        {
            var m = a.Merge(b);
            var expected = a.Concat(b).Select((e, i) => (e.Time, e.Channel, i)).OrderBy(e => e.Time).ToArray();
            Assert.Equal(expected.Select(e => e.Time), m.Times);
            Assert.Equal(expected.Select(e => e.Channel), m.Channels);
            Assert.Equal(Math.Max(a.NumChannels, b.NumChannels), m.NumChannels);
            // Merging with an empty series changes nothing.
            Assert.Equal(a.Times, a.Merge(new TSEvent()).Times);
        });
    }

    [Fact]
    public void Npz_round_trips_any_event_series()
    {
        var dir = Directory.CreateTempSubdirectory("prop-npz").FullName;
        try
        {
            Gen.Select(GenEvents, Gen.Bool).Sample((ts, periodic) =>
            {
                ts.Periodic = periodic;
                var p = Path.Combine(dir, Guid.NewGuid() + ".npz"); // Sample runs on several threads
                ts.Save(p);
                var back = TSEvent.Load(p);
                Assert.Equal(ts.Times, back.Times);
                Assert.Equal(ts.Channels, back.Channels);
                Assert.Equal(ts.NumChannels, back.NumChannels);
                Assert.Equal(periodic, back.Periodic);
                var j = TSEvent.FromJson(ts.ToJson());
                Assert.Equal(ts.Times, j.Times);
            }, iter: 50);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Npy_round_trips_random_doubles_bit_for_bit()
    {
        Gen.Double.Array[0, 30].Sample(values =>
        {
            using var ms = new MemoryStream();
            Npy.Write(ms, NpyArray.Of(values));
            Assert.Equal(0, (ms.Length - values.Length * 8) % 64);
            ms.Position = 0;
            var back = (double[])Npy.Read(ms).Data;
            Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
        });
    }
}
