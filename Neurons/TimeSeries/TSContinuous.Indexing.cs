namespace EventSpike.Neurons.Series;

public sealed partial class TSContinuous
{
    /// <summary>Rockpool's <c>ts[time_idx]</c>: see <see cref="this[TimeIndex, ChannelIndex]"/>.</summary>
    public TSContinuous this[TimeIndex time] => this[time, ChannelIndex.All];

    /// <summary>
    /// Rockpool's <c>ts[time_idx, channel_idx]</c>. A time or list of times resamples there; a slice
    /// without a step clips (<c>sampleLimits: false</c>, t_stop included only when not given); a slice
    /// with a step samples <c>arange(a, b, |step|)</c> within [t_start, t_stop), reversed for a
    /// negative step. The channel index selects and orders channels.
    /// </summary>
    public TSContinuous this[TimeIndex time, ChannelIndex channels]
    {
        get
        {
            int[]? chans;
            try
            {
                chans = channels.Resolve(_channels);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentOutOfRangeException(e.Message, e);
            }
            if (time.Times is { } ts) return Resample(ts, chans);
            var s = time.Slice;
            if (s.Step is null) return Clip(s.Start, s.Stop, chans, includeStop: s.Stop is null, sampleLimits: false);
            var step = s.Step.Value;
            if (step == 0 || !double.IsFinite(step)) throw new ArgumentException("slice step must be finite and non-zero");
            var a = s.Start ?? TStart;
            var b = s.Stop ?? TStop;
            var abs = Math.Abs(step);
            var n = Math.Max(0, (long)Math.Ceiling((b - a) / abs));
            var delta = (a + abs) - a; // NumPy's arange fills start + i·((start + step) − start)
            var grid = new List<double>();
            for (long i = 0; i < n; i++)
            {
                var t = i == 0 ? a : a + i * delta;
                if (t >= TStart && t < TStop) grid.Add(t);
            }
            if (step < 0) grid.Reverse();
            return Resample(grid, chans);
        }
    }
}
