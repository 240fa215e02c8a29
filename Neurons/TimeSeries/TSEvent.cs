using System.Collections;
using System.Collections.ObjectModel;

namespace EventSpike.Neurons.Series;

/// <summary>
/// Rockpool 1.0.7's <c>TSEvent</c>: events at <see cref="TimeSeries.Times"/> on integer
/// <see cref="Channels"/> among <see cref="NumChannels"/>; simultaneous events are allowed.
///
/// Construction: no channels puts every event on channel 0; <see cref="NumChannels"/> defaults to
/// max(channel)+1 (0 when empty) and may not be smaller. A periodic series repeats with period
/// <see cref="TimeSeries.Duration"/>: an event at phase (t − t_start) mod duration occurs at
/// t_start + phase + k·duration for every k (an event exactly at t_stop is the phase-0 event of the
/// next period).
/// </summary>
public sealed partial class TSEvent : TimeSeries, IEnumerable<(double Time, int Channel)>
{
    private int[] _channels;
    private ReadOnlyCollection<int>? _channelsView;
    private int _numChannels;
    private bool? _sorted;

    /// <summary>An empty series: no events, no channels, t_start = t_stop = 0.</summary>
    public TSEvent() : this([], [], false, null, null, "unnamed", null, true) { }

    /// <summary>Events at <paramref name="times"/> on <paramref name="channels"/> (all on channel 0 when null).</summary>
    /// <exception cref="ArgumentException">Length mismatch, negative channel, decreasing times, bad bounds, or
    /// <paramref name="numChannels"/> below max(channel)+1.</exception>
    public TSEvent(double[]? times, int[]? channels = null, bool periodic = false, double? tStart = null, double? tStop = null,
        string name = "unnamed", int? numChannels = null)
        : this((double[]?)times?.Clone() ?? [], channels is null ? new int[times?.Length ?? 0] : (int[])channels.Clone(),
            periodic, tStart, tStop, name, numChannels, true) { }

    /// <summary>Events at <paramref name="times"/>, all on channel <paramref name="channel"/>.</summary>
    public TSEvent(double[] times, int channel, bool periodic = false, double? tStart = null, double? tStop = null,
        string name = "unnamed", int? numChannels = null)
        : this((double[])times.Clone(), Enumerable.Repeat(channel, times.Length).ToArray(), periodic, tStart, tStop, name, numChannels, true) { }

    internal TSEvent(double[] times, int[] channels, bool periodic, double? tStart, double? tStop, string name, int? numChannels,
        bool requireSorted)
        : base(times, periodic, tStart, tStop, name, requireSorted)
    {
        if (channels.Length != times.Length)
            throw new ArgumentException($"{channels.Length} channels for {times.Length} times", nameof(channels));
        var max = -1;
        foreach (var c in channels)
        {
            if (c < 0) throw new ArgumentException($"channel {c} is negative", nameof(channels));
            max = Math.Max(max, c);
        }
        if (numChannels is { } n && n < max + 1)
            throw new ArgumentException($"num_channels ({n}) must be at least max(channel)+1 = {max + 1}", nameof(numChannels));
        if (numChannels < 0) throw new ArgumentException("num_channels must not be negative", nameof(numChannels));
        _channels = channels;
        _numChannels = numChannels ?? max + 1;
    }

    /// <summary>The channel of each event (read-only view, no copy).</summary>
    public IReadOnlyList<int> Channels => _channelsView ??= Array.AsReadOnly(_channels);

    /// <summary>The channels as a span (no copy).</summary>
    public ReadOnlySpan<int> ChannelsSpan => _channels;

    /// <summary>Replaces the channels (same count, non-negative); NumChannels grows to cover them.</summary>
    public void SetChannels(int[] channels)
    {
        if (channels.Length != _channels.Length)
            throw new ArgumentException($"{channels.Length} channels for {_channels.Length} events", nameof(channels));
        if (channels.Any(c => c < 0)) throw new ArgumentException("channels must not be negative", nameof(channels));
        _channels = (int[])channels.Clone();
        _channelsView = null;
        if (channels.Length > 0) _numChannels = Math.Max(_numChannels, channels.Max() + 1);
    }

    /// <summary>Number of channels; may not be set below max(channel)+1.</summary>
    public int NumChannels
    {
        get => _numChannels;
        set
        {
            var max = _channels.Length == 0 ? -1 : _channels.Max();
            if (value < max + 1) throw new ArgumentException($"num_channels ({value}) must be at least max(channel)+1 = {max + 1}");
            _numChannels = value;
        }
    }

    /// <summary>Loads a TSEvent saved as <c>.npz</c> (by Rockpool or EventSpike).</summary>
    /// <exception cref="Numpy.NpyFormatException">Unreadable file, or a series of another type (key <c>str_type</c>).</exception>
    public static TSEvent Load(string path) => (TSEvent)SeriesFiles.Load(path, "TSEvent");

    /// <summary>Reads a TSEvent from its JSON form.</summary>
    public static new TSEvent FromJson(string json) =>
        SeriesFiles.FromJson(json) as TSEvent ?? throw new FormatException("the JSON holds another series type than TSEvent");

    /// <inheritdoc/>
    public override string TypeName => "TSEvent";

    /// <summary>
    /// Rockpool's <c>ts(t_start, t_stop, channels, include_stop)</c>: the events with t in
    /// [t_start, t_stop) (t_stop included when <paramref name="includeStop"/>, or when
    /// <paramref name="tStop"/> is null), on <paramref name="channels"/> if given. Bounds in the wrong
    /// order are swapped; a periodic series is repeated over the window. Sorted by time (stable).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel is not in 0..NumChannels−1 (IndexError).</exception>
    public (double[] Times, int[] Channels) EventsIn(double? tStart = null, double? tStop = null, int[]? channels = null,
        bool includeStop = false)
    {
        var (a, b, inc) = Window(tStart, tStop, includeStop);
        var keep = ChannelFilter(channels);
        var times = new List<double>();
        var chans = new List<int>();
        foreach (var (t, c) in Occurrences(a, b))
        {
            if (t < a || t > b || (t == b && !inc)) continue;
            if (keep is not null && !keep.Contains(c)) continue;
            times.Add(t);
            chans.Add(c);
        }
        return (times.ToArray(), chans.ToArray());
    }

    /// <summary>The event at index <paramref name="index"/> (negative counts from the end) as a series; indexes events, not times.</summary>
    public TSEvent this[int index] => this[[index]];

    /// <summary>The events at <paramref name="indices"/>, in that order (Rockpool keeps the order even when times then decrease).</summary>
    public TSEvent this[int[] indices]
    {
        get
        {
            var idx = indices.Select(i => SeriesMath.PyIndex(i, Count, "event")).ToArray();
            return Subset(idx);
        }
    }

    /// <summary>The events in <paramref name="range"/> (Python's <c>ts[a:b]</c>).</summary>
    public TSEvent this[Range range]
    {
        get
        {
            var (offset, length) = range.GetOffsetAndLength(Count);
            return Subset(Enumerable.Range(offset, length).ToArray());
        }
    }

    /// <summary>
    /// Keeps the events of <see cref="EventsIn"/>; the result takes the given bounds (else this series')
    /// and keeps <see cref="NumChannels"/>. With <paramref name="remapChannels"/>, the surviving channels
    /// are renumbered densely in sorted order ([1, 3, 6] → [0, 1, 2]) and NumChannels becomes the number
    /// of distinct requested channels. The result stays periodic only when no bound was given.
    /// </summary>
    public TSEvent Clip(double? tStart = null, double? tStop = null, int[]? channels = null, bool includeStop = false,
        bool remapChannels = false, bool inPlace = false)
    {
        var (times, chans) = EventsIn(tStart, tStop, channels, includeStop);
        var (a, b, _) = Window(tStart, tStop, includeStop);
        var n = _numChannels;
        if (remapChannels)
        {
            var used = chans.Distinct().Order().ToArray();
            for (var i = 0; i < chans.Length; i++) chans[i] = Array.BinarySearch(used, chans[i]);
            n = channels is null ? _numChannels : channels.Distinct().Count();
        }
        var bounded = tStart is not null || tStop is not null;
        return Result(new TSEvent(times, chans, Periodic && !bounded, a, b, Name, n, false), inPlace);
    }

    /// <summary>Renumbers channels: channel c becomes <c>channelMap[c]</c>; the map must have NumChannels entries.</summary>
    public TSEvent RemapChannels(int[] channelMap, bool inPlace = false)
    {
        if (channelMap.Length != _numChannels)
            throw new ArgumentException($"channel_map has {channelMap.Length} entries, the series has {_numChannels} channels", nameof(channelMap));
        if (channelMap.Any(c => c < 0)) throw new ArgumentException("channel_map entries must not be negative", nameof(channelMap));
        var chans = Array.ConvertAll(_channels, c => channelMap[c]);
        var n = Math.Max(_numChannels, chans.Length == 0 ? 0 : chans.Max() + 1);
        return Result(new TSEvent((double[])_times.Clone(), chans, Periodic, TStart, TStop, Name, n, false), inPlace);
    }

    /// <inheritdoc/>
    public override TSEvent Copy() =>
        new((double[])_times.Clone(), (int[])_channels.Clone(), Periodic, TStart, TStop, Name, _numChannels, false);

    private protected override string FormatEntry(int i) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_times[i]}:\t{_channels[i]}");

    /// <summary>True when the times are non-decreasing (false only for series built by reordering events).</summary>
    internal bool IsSorted => _sorted ??= SeriesMath.IsSorted(_times);

    private protected override void OnTimesChanged() => _sorted = null;

    /// <inheritdoc/>
    public override TSEvent Delay(double offset, bool inPlace = false) => (TSEvent)base.Delay(offset, inPlace);

    /// <summary>Yields (time, channel) for every event.</summary>
    public IEnumerator<(double Time, int Channel)> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return (_times[i], _channels[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"{(Periodic ? "Periodic " : "")}TSEvent '{Name}' from {TStart} to {TStop}: {Count} events on {_numChannels} channels";

    /// <summary>
    /// Every event occurrence (repeated when periodic) with time in [lo − ε, hi + ε] for a small
    /// margin; callers filter exactly. Sorted by time (stable) when the series is.
    /// </summary>
    internal IEnumerable<(double T, int C)> Occurrences(double lo, double hi)
    {
        if (!Periodic || Duration <= 0)
        {
            for (var i = 0; i < Count; i++) yield return (_times[i], _channels[i]);
            yield break;
        }
        var d = Duration;
        var kMin = (long)Math.Floor((lo - TStart) / d) - 1;
        var kMax = (long)Math.Ceiling((hi - TStart) / d) + 1;
        var phases = new (double P, int C)[Count];
        for (var i = 0; i < Count; i++) phases[i] = (SeriesMath.Mod(_times[i] - TStart, d), _channels[i]);
        var sorted = phases.Select((p, i) => (p, i)).OrderBy(x => x.p.P).ThenBy(x => x.i).Select(x => x.p).ToArray();
        for (var k = kMin; k <= kMax; k++)
            foreach (var (p, c) in sorted)
                yield return (TStart + k * d + p, c);
    }

    private (double A, double B, bool IncludeStop) Window(double? tStart, double? tStop, bool includeStop)
    {
        var a = tStart ?? TStart;
        var b = tStop ?? TStop;
        if (a > b) (a, b) = (b, a);
        return (a, b, includeStop || tStop is null);
    }

    private HashSet<int>? ChannelFilter(int[]? channels)
    {
        if (channels is null) return null;
        foreach (var c in channels)
            if (c < 0 || c >= _numChannels)
                throw new ArgumentOutOfRangeException(nameof(channels), c, $"channel {c} is not in 0..{_numChannels - 1}");
        return [.. channels];
    }

    private TSEvent Subset(int[] idx) => new(idx.Select(i => _times[i]).ToArray(), idx.Select(i => _channels[i]).ToArray(),
        Periodic, TStart, TStop, Name, _numChannels, false);

    private TSEvent Result(TSEvent r, bool inPlace)
    {
        if (!inPlace) return r;
        CopyBaseFrom(r);
        _channels = r._channels;
        _channelsView = null;
        _numChannels = r._numChannels;
        _sorted = null;
        return this;
    }
}
