using System.Collections;

namespace EventSpike.Neurons.Series;

/// <summary>
/// Rockpool 1.0.7's <c>TSContinuous</c>: a signal of <see cref="NumChannels"/> channels sampled at
/// <see cref="TimeSeries.Times"/> (a T×C matrix, stored row-major) and interpolated in between.
///
/// Interpolation (<see cref="InterpKind"/>, default "linear"; also "previous"/"zero", "next",
/// "nearest") is scipy's <c>interp1d(bounds_error=False)</c>: NaN outside [first, last sample]; a
/// one-sample series gives its sample only at exactly that time; a query at a sample time returns
/// that sample exactly. A periodic series wraps the query time into its base period first.
/// </summary>
public sealed partial class TSContinuous : TimeSeries, IEnumerable<(double Time, double[] Sample)>
{
    private static readonly string[] Kinds = ["linear", "previous", "zero", "next", "nearest"];

    private double[] _samples; // T × C, row-major
    private int _channels;
    private int[]? _order;     // stable sort of the times when they are not sorted

    /// <summary>An empty series: no samples, no channels, t_start = t_stop = 0.</summary>
    public TSContinuous() : this([], [], 0, false, null, null, "unnamed", null, "linear", false) { }

    /// <summary>
    /// A series from times and a T×C sample matrix. With no samples the series is 0 × <paramref name="numChannels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Row count differs from the time count, times decrease, bad bounds or kind.</exception>
    public TSContinuous(double[]? times, double[,]? samples, int? numChannels = null, bool periodic = false,
        double? tStart = null, double? tStop = null, string name = "unnamed", string? units = null, string interpKind = "linear")
        : this((double[]?)times?.Clone() ?? [], Flatten(samples, times?.Length ?? 0, numChannels, out var c), c, periodic, tStart, tStop, name, units, interpKind, true) { }

    /// <summary>
    /// A one-channel series from a 1-D sample vector of length T (T×1); a single time with k samples
    /// is one sample of k channels (1×k), as NumPy's reshaping gives.
    /// </summary>
    public TSContinuous(double[] times, double[] samples, bool periodic = false, double? tStart = null, double? tStop = null,
        string name = "unnamed", string? units = null, string interpKind = "linear")
        : this((double[])times.Clone(), (double[])samples.Clone(), VectorChannels(times, samples), periodic, tStart, tStop, name, units, interpKind, true) { }

    internal TSContinuous(double[] times, double[] flatSamples, int numChannels, bool periodic, double? tStart, double? tStop,
        string name, string? units, string interpKind, bool requireSorted)
        : base(times, periodic, tStart, tStop, name, requireSorted)
    {
        if (numChannels < 0) throw new ArgumentException("num_channels must not be negative");
        if (flatSamples.Length != (long)times.Length * numChannels)
            throw new ArgumentException($"{flatSamples.Length} sample values do not make {times.Length} rows of {numChannels} channels");
        if (Array.IndexOf(Kinds, interpKind) < 0)
            throw new ArgumentException($"interp_kind '{interpKind}' is not supported (use {string.Join(", ", Kinds)})", nameof(interpKind));
        _samples = flatSamples;
        _channels = numChannels;
        Units = units;
        InterpKind = interpKind;
        OnTimesChanged();
    }

    /// <summary>Number of channels C (Rockpool's <c>num_channels</c>, alias <c>num_traces</c>).</summary>
    public int NumChannels => _channels;

    /// <summary>Alias of <see cref="NumChannels"/>.</summary>
    public int NumTraces => _channels;

    /// <summary>The samples as a new T×C matrix (a copy).</summary>
    public double[,] Samples
    {
        get
        {
            var m = new double[Count, _channels];
            for (var i = 0; i < Count; i++)
                for (var c = 0; c < _channels; c++) m[i, c] = _samples[i * _channels + c];
            return m;
        }
    }

    /// <summary>The samples row-major (row i is <c>[i*C, (i+1)*C)</c>), no copy.</summary>
    public ReadOnlySpan<double> SampleData => _samples;

    /// <summary>Sample of row <paramref name="row"/>, channel <paramref name="channel"/>.</summary>
    public double SampleAt(int row, int channel) => _samples[row * _channels + channel];

    /// <summary>Replaces the samples: one row per time (a new channel count is allowed, as in Rockpool).</summary>
    public void SetSamples(double[,] samples)
    {
        if (samples.GetLength(0) != Count)
            throw new ArgumentException($"samples have {samples.GetLength(0)} rows, the series has {Count} times", nameof(samples));
        _samples = Flatten(samples, Count, null, out _channels);
    }

    /// <summary>Units of the samples (free text), or null.</summary>
    public string? Units { get; set; }

    /// <summary>The interpolation kind ("linear" by default).</summary>
    public string InterpKind { get; }

    /// <summary>Trial start times carried along for batching (Rockpool's optional <c>trial_start_times</c>), or null.</summary>
    public double[]? TrialStartTimes { get; set; }

    /// <summary>Loads a TSContinuous saved as <c>.npz</c> (by Rockpool or EventSpike).</summary>
    /// <exception cref="Numpy.NpyFormatException">Unreadable file, or a series of another type (key <c>str_type</c>).</exception>
    public static TSContinuous Load(string path) => (TSContinuous)SeriesFiles.Load(path, "TSContinuous");

    /// <summary>Reads a TSContinuous from its JSON form.</summary>
    public static new TSContinuous FromJson(string json) =>
        SeriesFiles.FromJson(json) as TSContinuous ?? throw new FormatException("the JSON holds another series type than TSContinuous");

    /// <inheritdoc/>
    public override string TypeName => "TSContinuous";

    /// <summary>Smallest sample, ignoring NaN (NaN when there is none).</summary>
    public double Min => Fold(Math.Min);

    /// <summary>Largest sample, ignoring NaN (NaN when there is none).</summary>
    public double Max => Fold(Math.Max);

    /// <summary>The value of every channel at time <paramref name="t"/> (Rockpool's <c>ts(t)</c>, one row).</summary>
    public double[] Interpolate(double t)
    {
        var row = new double[_channels];
        InterpolateInto(t, row);
        return row;
    }

    /// <summary>The values at each of <paramref name="times"/>: a k×C matrix (Rockpool's <c>ts([t…])</c>).</summary>
    public double[,] Interpolate(IReadOnlyList<double> times)
    {
        var m = new double[times.Count, _channels];
        var row = new double[_channels];
        for (var i = 0; i < times.Count; i++)
        {
            InterpolateInto(times[i], row);
            for (var c = 0; c < _channels; c++) m[i, c] = row[c];
        }
        return m;
    }

    /// <summary>Writes the values at <paramref name="t"/> into <paramref name="row"/> (length C).</summary>
    public void InterpolateInto(double t, Span<double> row)
    {
        if (row.Length != _channels) throw new ArgumentException($"row has {row.Length} entries, the series {_channels} channels");
        var n = Count;
        if (n == 0 || double.IsNaN(t)) { row.Fill(double.NaN); return; }
        t = ModuloPeriod(t);
        var first = TimeAt(0);
        var last = TimeAt(n - 1);
        if (t < first || t > last) { row.Fill(double.NaN); return; }
        var hi = LowerBound(t);
        if (TimeAt(hi) == t) { CopyRow(RowOf(hi), row); return; }
        var lo = hi - 1;
        int rlo = RowOf(lo), rhi = RowOf(hi);
        double t0 = TimeAt(lo), t1 = TimeAt(hi);
        switch (InterpKind)
        {
            case "previous" or "zero": CopyRow(rlo, row); break;
            case "next": CopyRow(rhi, row); break;
            case "nearest": CopyRow(t - t0 <= t1 - t ? rlo : rhi, row); break;
            default:
                var w = (t - t0) / (t1 - t0);
                for (var c = 0; c < _channels; c++)
                {
                    var y0 = _samples[rlo * _channels + c];
                    var y1 = _samples[rhi * _channels + c];
                    row[c] = y0 + (y1 - y0) * w;
                }
                break;
        }
    }

    /// <summary>
    /// The series sampled at <paramref name="times"/> (kept in the order given), optionally a subset of
    /// channels in the given order. The result spans [min(times), max(times)].
    /// </summary>
    public TSContinuous Resample(IReadOnlyList<double> times, int[]? channels = null, bool inPlace = false)
    {
        var chans = ResolveChannels(channels);
        var t = times.ToArray();
        var flat = new double[t.Length * chans.Length];
        var row = new double[_channels];
        for (var i = 0; i < t.Length; i++)
        {
            InterpolateInto(t[i], row);
            for (var c = 0; c < chans.Length; c++) flat[i * chans.Length + c] = row[chans[c]];
        }
        var (lo, hi) = t.Length == 0 ? (TStart, TStart) : Range(t);
        var r = new TSContinuous(t, flat, chans.Length, Periodic, lo, hi, Name, Units, InterpKind, false);
        return Result(r, inPlace);
    }

    /// <summary>
    /// The samples in [<paramref name="tStart"/>, <paramref name="tStop"/>), plus one exactly at
    /// <paramref name="tStop"/> when <paramref name="includeStop"/> (forced when <paramref name="tStop"/> is null).
    /// Bounds in the wrong order are swapped; a periodic series is first repeated over the window.
    /// With <paramref name="sampleLimits"/>, an interpolated sample is inserted at t_start (and at t_stop
    /// when it is included) where none exists, if that time can be interpolated. The result takes the
    /// requested bounds (and stays periodic only when no bound was given).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel is not in 0..C−1 (Rockpool's IndexError).</exception>
    public TSContinuous Clip(double? tStart = null, double? tStop = null, int[]? channels = null,
        bool includeStop = true, bool sampleLimits = true, bool inPlace = false)
    {
        var chans = ResolveChannels(channels);
        if (tStop is null) includeStop = true;
        var a = tStart ?? TStart;
        var b = tStop ?? TStop;
        if (a > b) (a, b) = (b, a);
        var bounded = tStart is not null || tStop is not null;
        var picked = new List<(double T, int Row)>();
        if (Periodic && Duration > 0 && bounded)
        {
            foreach (var (t, row) in Replicate(a, b))
                if (t < b || (includeStop && t == b)) picked.Add((t, row));
        }
        else
        {
            for (var i = 0; i < Count; i++)
            {
                var t = _times[i];
                if (t >= a && (t < b || (includeStop && t == b))) picked.Add((t, i));
            }
        }
        var times = new List<double>(picked.Count + 2);
        var flat = new List<double>((picked.Count + 2) * chans.Length);
        var buffer = new double[_channels];
        if (sampleLimits && !picked.Any(p => p.T == a) && CanInterpolate(a)) AddInterpolated(a);
        foreach (var (t, row) in picked)
        {
            times.Add(t);
            foreach (var c in chans) flat.Add(_samples[row * _channels + c]);
        }
        if (sampleLimits && includeStop && b != a && !picked.Any(p => p.T == b) && CanInterpolate(b)) AddInterpolated(b);
        var r = new TSContinuous(times.ToArray(), flat.ToArray(), chans.Length, Periodic && !bounded, a, b, Name, Units, InterpKind, false);
        r.TrialStartTimes = TrialStartTimes;
        return Result(r, inPlace);

        void AddInterpolated(double t)
        {
            InterpolateInto(t, buffer);
            times.Add(t);
            foreach (var c in chans) flat.Add(buffer[c]);
        }
    }

    /// <inheritdoc/>
    public override TSContinuous Copy()
    {
        var r = new TSContinuous((double[])_times.Clone(), (double[])_samples.Clone(), _channels, Periodic, TStart, TStop,
            Name, Units, InterpKind, false);
        r.TrialStartTimes = (double[]?)TrialStartTimes?.Clone();
        return r;
    }

    /// <inheritdoc/>
    public override TSContinuous Delay(double offset, bool inPlace = false) => (TSContinuous)base.Delay(offset, inPlace);

    /// <summary>Yields (time, sample row) for every sample (Rockpool's iteration).</summary>
    public IEnumerator<(double Time, double[] Sample)> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return (_times[i], _samples.AsSpan(i * _channels, _channels).ToArray());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"{(Periodic ? "Periodic " : "")}TSContinuous '{Name}' from {TStart} to {TStop}: {Count} samples × {_channels} channels";

    private protected override string FormatEntry(int i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{_times[i]}:\t[{string.Join(", ", _samples.AsSpan(i * _channels, _channels).ToArray())}]");

    private protected override void OnTimesChanged()
    {
        _order = SeriesMath.IsSorted(_times) ? null : SeriesMath.StableOrder(_times);
    }

    private double TimeAt(int k) => _order is null ? _times[k] : _times[_order[k]];
    private int RowOf(int k) => _order is null ? k : _order[k];

    /// <summary>First sorted position whose time is ≥ t.</summary>
    private int LowerBound(double t)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (TimeAt(mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void CopyRow(int r, Span<double> dest) => _samples.AsSpan(r * _channels, _channels).CopyTo(dest);

    private bool CanInterpolate(double t) =>
        Count > 0 && (Periodic && Duration > 0 || (t >= TimeAt(0) && t <= TimeAt(Count - 1)));

    /// <summary>Sample (time, row) pairs of the periodic repetition that fall in [a, b], sorted by time (stable).</summary>
    private List<(double T, int Row)> Replicate(double a, double b)
    {
        var d = Duration;
        var list = new List<(double T, int Row)>();
        var kMin = (long)Math.Floor((a - TStart) / d) - 1;
        var kMax = (long)Math.Ceiling((b - TStart) / d);
        // A sample exactly at t_stop is the next period's t_start: skipped when one exists there.
        var hasStart = Array.IndexOf(_times, TStart) >= 0;
        for (var k = kMin; k <= kMax; k++)
            for (var i = 0; i < Count; i++)
            {
                if (hasStart && _times[i] == TStop) continue;
                var t = TStart + SeriesMath.Mod(_times[i] - TStart, d) + k * d;
                if (t >= a && t <= b) list.Add((t, i));
            }
        return list.OrderBy(p => p.T).ToList();
    }

    private int[] ResolveChannels(int[]? channels)
    {
        if (channels is null) return Enumerable.Range(0, _channels).ToArray();
        var r = new int[channels.Length];
        for (var i = 0; i < r.Length; i++) r[i] = SeriesMath.PyIndex(channels[i], _channels, "channel");
        return r;
    }

    private TSContinuous Result(TSContinuous r, bool inPlace)
    {
        if (!inPlace) return r;
        CopyBaseFrom(r);
        _samples = r._samples;
        _channels = r._channels;
        TrialStartTimes = r.TrialStartTimes;
        OnTimesChanged();
        return this;
    }

    private double Fold(Func<double, double, double> f)
    {
        var acc = double.NaN;
        foreach (var v in _samples)
            if (!double.IsNaN(v)) acc = double.IsNaN(acc) ? v : f(acc, v);
        return acc;
    }

    private static double[] Flatten(double[,]? m, int rows, int? numChannels, out int channels)
    {
        if (m is null || m.Length == 0 && m.GetLength(0) == 0)
        {
            channels = numChannels ?? m?.GetLength(1) ?? 0;
            if (rows != 0) throw new ArgumentException($"{rows} times but no samples");
            return [];
        }
        if (m.GetLength(0) != rows)
            throw new ArgumentException($"samples have {m.GetLength(0)} rows, times have {rows} entries");
        channels = m.GetLength(1);
        if (numChannels is not null && numChannels != channels)
            throw new ArgumentException($"num_channels is {numChannels}, the samples have {channels} columns");
        var flat = new double[m.Length];
        var k = 0;
        foreach (var v in m) flat[k++] = v; // a rectangular array enumerates row-major
        return flat;
    }

    private static int VectorChannels(double[] times, double[] samples)
    {
        if (samples.Length == times.Length) return times.Length == 0 ? 0 : 1;
        if (times.Length == 1) return samples.Length;
        throw new ArgumentException($"{samples.Length} samples do not match {times.Length} times", nameof(samples));
    }
}
