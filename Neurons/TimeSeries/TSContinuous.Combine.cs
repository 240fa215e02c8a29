namespace EventSpike.Neurons.Series;

public sealed partial class TSContinuous
{
    /// <summary>
    /// Interleaves <paramref name="other"/>'s samples with these by time (stable: this series first).
    /// Channel counts must match (a series without samples takes the other's). With
    /// <paramref name="removeDuplicates"/>, the other's samples at times already present are dropped.
    /// t_start/t_stop become the union of both.
    /// </summary>
    public TSContinuous Merge(TSContinuous other, bool removeDuplicates = true, bool inPlace = false) =>
        Merge([other], removeDuplicates, inPlace);

    /// <summary>Merges each of <paramref name="others"/> in turn (see <see cref="Merge(TSContinuous, bool, bool)"/>).</summary>
    public TSContinuous Merge(IEnumerable<TSContinuous> others, bool removeDuplicates = true, bool inPlace = false)
    {
        var times = new List<double>(_times);
        var rows = new List<double>(_samples);
        var channels = _channels;
        double lo = TStart, hi = TStop;
        foreach (var o in others)
        {
            lo = Math.Min(lo, o.TStart);
            hi = Math.Max(hi, o.TStop);
            if (o.Count == 0) continue;
            if (times.Count == 0) channels = o._channels;
            else if (o._channels != channels)
                throw new ArgumentException($"cannot merge a series of {o._channels} channels into one of {channels}");
            var present = removeDuplicates ? new HashSet<double>(times) : null;
            for (var i = 0; i < o.Count; i++)
            {
                if (present is not null && present.Contains(o._times[i])) continue;
                times.Add(o._times[i]);
                rows.AddRange(o._samples.AsSpan(i * channels, channels));
            }
        }
        var order = SeriesMath.StableOrder(times);
        var t = new double[order.Length];
        var flat = new double[order.Length * channels];
        for (var k = 0; k < order.Length; k++)
        {
            t[k] = times[order[k]];
            for (var c = 0; c < channels; c++) flat[k * channels + c] = rows[order[k] * channels + c];
        }
        var r = new TSContinuous(t, flat, channels, Periodic, lo, hi, Name, Units, InterpKind, false);
        r.TrialStartTimes = TrialStartTimes;
        return Result(r, inPlace);
    }

    /// <summary>
    /// Adds <paramref name="other"/>'s channels after these: it is resampled at this series' times
    /// (NaN outside its range). Times and bounds stay this series'.
    /// </summary>
    public TSContinuous AppendC(TSContinuous other, bool inPlace = false)
    {
        var add = other.Resample(_times);
        var c = _channels + add._channels;
        var flat = new double[Count * c];
        for (var i = 0; i < Count; i++)
        {
            _samples.AsSpan(i * _channels, _channels).CopyTo(flat.AsSpan(i * c));
            add._samples.AsSpan(i * add._channels, add._channels).CopyTo(flat.AsSpan(i * c + _channels));
        }
        var r = new TSContinuous((double[])_times.Clone(), flat, c, Periodic, TStart, TStop, Name, Units, InterpKind, false);
        r.TrialStartTimes = TrialStartTimes;
        return Result(r, inPlace);
    }

    /// <summary>
    /// Appends <paramref name="other"/> in time: it is delayed so that its t_start lands at this series'
    /// t_stop + <paramref name="offset"/>, then merged without removing duplicates. The default offset is
    /// the median sample spacing of this series (0 with fewer than two samples).
    /// </summary>
    public TSContinuous AppendT(TSContinuous other, double? offset = null, bool inPlace = false) =>
        AppendT([other], offset is null ? null : [offset.Value], inPlace);

    /// <summary>
    /// Appends several series one after the other: series i starts at the (shifted) t_stop of the one
    /// before plus <c>offsets[i]</c> (one value is used for all). A missing offset is the median sample
    /// spacing of the series before. Series without samples are skipped (they add no time).
    /// </summary>
    public TSContinuous AppendT(IReadOnlyList<TSContinuous> others, IReadOnlyList<double>? offsets = null, bool inPlace = false)
    {
        if (offsets is not null && offsets.Count != 1 && offsets.Count != others.Count)
            throw new ArgumentException($"{offsets.Count} offsets for {others.Count} series", nameof(offsets));
        var stop = TStop;
        var spacing = SeriesMath.MedianSpacing(_times);
        var shifted = new List<TSContinuous>();
        for (var i = 0; i < others.Count; i++)
        {
            var o = others[i];
            if (o.IsEmpty) continue;
            var off = offsets is null ? spacing : offsets[offsets.Count == 1 ? 0 : i];
            var s = o.Delay(stop + off - o.TStart);
            shifted.Add(s);
            stop = s.TStop;
            spacing = SeriesMath.MedianSpacing(o._times);
        }
        return Merge(shifted, removeDuplicates: false, inPlace: inPlace);
    }
}
