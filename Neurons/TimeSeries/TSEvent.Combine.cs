namespace EventSpike.Neurons.Series;

public sealed partial class TSEvent
{
    /// <summary>
    /// Adds <paramref name="other"/>'s channels after these: its channels are shifted by NumChannels.
    /// Bounds become the union; events are sorted by time (stable, this series first).
    /// </summary>
    public TSEvent AppendC(TSEvent other, bool inPlace = false) => AppendC([other], inPlace);

    /// <summary>Appends several series' channels; each is shifted by the channel count of everything before it.</summary>
    public TSEvent AppendC(IEnumerable<TSEvent> others, bool inPlace = false)
    {
        var parts = new List<(TSEvent S, int Shift)> { (this, 0) };
        var total = _numChannels;
        foreach (var o in others)
        {
            parts.Add((o, total));
            total += o._numChannels;
        }
        return Result(Combine(parts, total, false), inPlace);
    }

    /// <summary>
    /// Appends <paramref name="other"/> in time: delayed so that its t_start lands at this t_stop +
    /// <paramref name="offset"/>, then merged (see <see cref="Merge(TSEvent, double, bool, bool)"/>).
    /// </summary>
    public TSEvent AppendT(TSEvent other, double offset = 0, bool removeDuplicates = false, bool inPlace = false) =>
        AppendT([other], [offset], removeDuplicates, inPlace);

    /// <summary>
    /// Appends several series one after the other: the first starts at this t_stop + offsets[0], each
    /// later one at the previous one's shifted t_stop + offsets[i] (one offset is used for all; none means 0).
    /// </summary>
    public TSEvent AppendT(IReadOnlyList<TSEvent> others, IReadOnlyList<double>? offsets = null, bool removeDuplicates = false,
        bool inPlace = false)
    {
        if (offsets is not null && offsets.Count != 1 && offsets.Count != others.Count)
            throw new ArgumentException($"{offsets.Count} offsets for {others.Count} series", nameof(offsets));
        var stop = TStop;
        var shifted = new List<TSEvent>();
        for (var i = 0; i < others.Count; i++)
        {
            var off = offsets is null ? 0 : offsets[offsets.Count == 1 ? 0 : i];
            var s = others[i].Delay(stop + off - others[i].TStart);
            shifted.Add(s);
            stop = s.TStop;
        }
        return Merge(shifted, null, removeDuplicates, inPlace);
    }

    /// <summary>
    /// Merges <paramref name="other"/>, delayed by <paramref name="delay"/>, into this series:
    /// NumChannels is the larger, bounds the union, events sorted by time (stable, this series first);
    /// <paramref name="removeDuplicates"/> drops repeated (time, channel) pairs.
    /// </summary>
    public TSEvent Merge(TSEvent other, double delay = 0, bool removeDuplicates = false, bool inPlace = false) =>
        Merge([other], [delay], removeDuplicates, inPlace);

    /// <summary>Merges several series, series i delayed by delays[i] (one delay is used for all; none means 0).</summary>
    public TSEvent Merge(IReadOnlyList<TSEvent> others, IReadOnlyList<double>? delays = null, bool removeDuplicates = false,
        bool inPlace = false)
    {
        if (delays is not null && delays.Count != 1 && delays.Count != others.Count)
            throw new ArgumentException($"{delays.Count} delays for {others.Count} series", nameof(delays));
        var parts = new List<(TSEvent S, int Shift)> { (this, 0) };
        var n = _numChannels;
        for (var i = 0; i < others.Count; i++)
        {
            var d = delays is null ? 0 : delays[delays.Count == 1 ? 0 : i];
            parts.Add((d == 0 ? others[i] : others[i].Delay(d), 0));
            n = Math.Max(n, others[i]._numChannels);
        }
        return Result(Combine(parts, n, removeDuplicates), inPlace);
    }

    private TSEvent Combine(List<(TSEvent S, int Shift)> parts, int numChannels, bool removeDuplicates)
    {
        var times = new List<double>();
        var chans = new List<int>();
        double lo = TStart, hi = TStop;
        foreach (var (s, shift) in parts)
        {
            lo = Math.Min(lo, s.TStart);
            hi = Math.Max(hi, s.TStop);
            times.AddRange(s._times);
            foreach (var c in s._channels) chans.Add(c + shift);
        }
        var order = SeriesMath.StableOrder(times);
        var t = new List<double>(order.Length);
        var c2 = new List<int>(order.Length);
        var seen = removeDuplicates ? new HashSet<(double, int)>() : null;
        foreach (var k in order)
        {
            if (seen is not null && !seen.Add((times[k], chans[k]))) continue;
            t.Add(times[k]);
            c2.Add(chans[k]);
        }
        return new TSEvent(t.ToArray(), c2.ToArray(), Periodic, lo, hi, Name, numChannels, false);
    }
}
