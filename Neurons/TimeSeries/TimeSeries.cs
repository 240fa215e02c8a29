using System.Collections.ObjectModel;

namespace EventSpike.Neurons.Series;

/// <summary>
/// Base of Rockpool 1.0.7's time series (<see cref="TSContinuous"/>, <see cref="TSEvent"/>): sample
/// or event times on a window [<see cref="TStart"/>, <see cref="TStop"/>], optionally periodic.
///
/// Rules (Rockpool's): times must be non-decreasing (ArgumentException otherwise; selections by
/// index or resampling at given times may keep the order they were asked in); <c>t_start</c>
/// defaults to the first time (0 when empty) and <c>t_stop</c> to the last (<c>t_start</c> when
/// empty); <c>t_start</c> above the first time or <c>t_stop</c> below the last is refused. A
/// periodic series repeats with period <see cref="Duration"/> from <see cref="TStart"/>:
/// t ↦ t_start + (t − t_start) mod duration. Operations return a new series unless
/// <c>inPlace</c> is set, in which case this series is changed and returned.
/// </summary>
public abstract class TimeSeries
{
    private protected double[] _times;
    private ReadOnlyCollection<double>? _timesView;
    private double _tStart;
    private double _tStop;

    private protected TimeSeries(double[] times, bool periodic, double? tStart, double? tStop, string name, bool requireSorted)
    {
        foreach (var t in times)
            if (!double.IsFinite(t)) throw new ArgumentException($"times must be finite, found {t}", nameof(times));
        if (requireSorted && !SeriesMath.IsSorted(times))
            throw new ArgumentException("times must be non-decreasing", nameof(times));
        _times = times;
        var (lo, hi) = Range(times);
        _tStart = tStart ?? (times.Length == 0 ? 0.0 : lo);
        _tStop = tStop ?? (times.Length == 0 ? _tStart : hi);
        if (double.IsNaN(_tStart) || double.IsNaN(_tStop)) throw new ArgumentException("t_start and t_stop must not be NaN");
        if (times.Length > 0 && _tStart > lo)
            throw new ArgumentException($"t_start ({_tStart}) must not be later than the first time ({lo})", nameof(tStart));
        if (times.Length > 0 && _tStop < hi)
            throw new ArgumentException($"t_stop ({_tStop}) must not be earlier than the last time ({hi})", nameof(tStop));
        if (_tStop < _tStart)
            throw new ArgumentException($"t_stop ({_tStop}) must not be earlier than t_start ({_tStart})", nameof(tStop));
        Periodic = periodic;
        Name = name;
    }

    /// <summary>The sample or event times (read-only view, no copy).</summary>
    public IReadOnlyList<double> Times => _timesView ??= Array.AsReadOnly(_times);

    /// <summary>The times as a span (no copy).</summary>
    public ReadOnlySpan<double> TimesSpan => _times;

    /// <summary>Start of the series; may not be set later than the first time.</summary>
    public double TStart
    {
        get => _tStart;
        set
        {
            if (_times.Length > 0 && value > Range(_times).Lo)
                throw new ArgumentException($"t_start ({value}) must not be later than the first time ({Range(_times).Lo})");
            if (value > _tStop) throw new ArgumentException($"t_start ({value}) must not be later than t_stop ({_tStop})");
            _tStart = value;
        }
    }

    /// <summary>Stop of the series; may not be set earlier than the last time.</summary>
    public double TStop
    {
        get => _tStop;
        set
        {
            if (_times.Length > 0 && value < Range(_times).Hi)
                throw new ArgumentException($"t_stop ({value}) must not be earlier than the last time ({Range(_times).Hi})");
            if (value < _tStart) throw new ArgumentException($"t_stop ({value}) must not be earlier than t_start ({_tStart})");
            _tStop = value;
        }
    }

    /// <summary><see cref="TStop"/> − <see cref="TStart"/>.</summary>
    public double Duration => _tStop - _tStart;

    /// <summary>The series repeats with period <see cref="Duration"/> starting at <see cref="TStart"/>.</summary>
    public bool Periodic { get; set; }

    /// <summary>A name for the series (Rockpool's default is "unnamed").</summary>
    public string Name { get; set; }

    /// <summary>Number of samples or events (Python's <c>len(ts)</c>).</summary>
    public int Count => _times.Length;

    /// <summary>True when there are no samples or events.</summary>
    public bool IsEmpty => _times.Length == 0;

    /// <summary>The <c>str_type</c> written to files: "TSContinuous" or "TSEvent".</summary>
    public abstract string TypeName { get; }

    /// <summary>
    /// Replaces the times: same count, non-decreasing; <see cref="TStart"/>/<see cref="TStop"/> widen to cover them.
    /// </summary>
    public void SetTimes(double[] times)
    {
        if (times.Length != _times.Length)
            throw new ArgumentException($"new times have {times.Length} entries, the series has {_times.Length}", nameof(times));
        foreach (var t in times)
            if (!double.IsFinite(t)) throw new ArgumentException($"times must be finite, found {t}", nameof(times));
        if (!SeriesMath.IsSorted(times)) throw new ArgumentException("times must be non-decreasing", nameof(times));
        _times = (double[])times.Clone();
        _timesView = null;
        if (times.Length > 0)
        {
            _tStart = Math.Min(_tStart, times[0]);
            _tStop = Math.Max(_tStop, times[^1]);
        }
        OnTimesChanged();
    }

    /// <summary>A deep copy.</summary>
    public abstract TimeSeries Copy();

    /// <summary>Shifts the times, <see cref="TStart"/> and <see cref="TStop"/> by <paramref name="offset"/> (there is no start_at_zero in 1.0.7: use <c>Delay(-TStart)</c>).</summary>
    public virtual TimeSeries Delay(double offset, bool inPlace = false)
    {
        if (!double.IsFinite(offset)) throw new ArgumentException($"offset must be finite, found {offset}", nameof(offset));
        var target = inPlace ? this : Copy();
        var t = target._times;
        var shifted = new double[t.Length];
        for (var i = 0; i < t.Length; i++) shifted[i] = t[i] + offset;
        target._times = shifted;
        target._timesView = null;
        target._tStart += offset;
        target._tStop += offset;
        target.OnTimesChanged();
        return target;
    }

    /// <summary>True when the series is periodic, or <paramref name="t"/> lies in [<see cref="TStart"/>, <see cref="TStop"/>].</summary>
    public bool Contains(double t) => Periodic || (_tStart <= t && t <= _tStop);

    /// <summary>True when the series is periodic, or every time lies in [<see cref="TStart"/>, <see cref="TStop"/>].</summary>
    public bool Contains(IEnumerable<double> times) => Periodic || times.All(t => _tStart <= t && t <= _tStop);

    /// <summary>Writes the series as a NumPy <c>.npz</c> with Rockpool's keys (see <see cref="SeriesFiles"/>).</summary>
    public void Save(string path) => SeriesFiles.Save(this, path);

    /// <summary>The series as one JSON object (see <see cref="SeriesFiles"/>).</summary>
    public string ToJson() => SeriesFiles.ToJson(this);

    /// <summary>
    /// Loads a series saved by Rockpool or EventSpike: the <c>str_type</c> key picks the type.
    /// Rockpool's <c>load_ts_from_file(path, expected_type)</c>.
    /// </summary>
    /// <exception cref="Numpy.NpyFormatException">The file is not a readable series, or not of <paramref name="expectedType"/>.</exception>
    public static TimeSeries Load(string path, string? expectedType = null) => SeriesFiles.Load(path, expectedType);

    /// <summary>Loads a series from an <c>.npz</c>'s bytes; <paramref name="source"/> names it in errors.</summary>
    public static TimeSeries Load(Stream stream, string source, string? expectedType = null) =>
        SeriesFiles.FromArrays(Numpy.Npz.Read(stream, source), source, expectedType);

    /// <summary>Reads a series from its JSON form (<see cref="ToJson"/>); the <c>str_type</c> member picks the type.</summary>
    public static TimeSeries FromJson(string json) => SeriesFiles.FromJson(json);

    /// <summary>
    /// Rockpool's <c>print(full, num_first, num_last, limit_shorten)</c>, returned as text: a header line,
    /// then one line per sample or event; with more than <paramref name="limitShorten"/> entries and not
    /// <paramref name="full"/>, only the first <paramref name="numFirst"/> and last <paramref name="numLast"/>.
    /// </summary>
    public string Print(bool full = false, int numFirst = 4, int numLast = 4, int limitShorten = 10)
    {
        var sb = new System.Text.StringBuilder(ToString()).Append('\n');
        var n = Count;
        var shorten = !full && n > limitShorten;
        for (var i = 0; i < n; i++)
        {
            if (shorten && i == numFirst)
            {
                sb.Append("...\n");
                i = Math.Max(i, n - numLast) - 1;
                continue;
            }
            sb.Append(FormatEntry(i)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One line of <see cref="Print"/> for entry <paramref name="i"/>.</summary>
    private protected abstract string FormatEntry(int i);

    /// <summary>Maps <paramref name="t"/> into the base period when periodic (Rockpool's <c>_modulo_period</c>).</summary>
    public double ModuloPeriod(double t) =>
        Periodic && Duration > 0 ? _tStart + SeriesMath.Mod(t - _tStart, Duration) : t;

    /// <summary>Called when the times change (subclasses rebuild caches).</summary>
    private protected virtual void OnTimesChanged() { }

    private protected void SetBounds(double tStart, double tStop)
    {
        _tStart = tStart;
        _tStop = tStop;
    }

    private protected void CopyBaseFrom(TimeSeries other)
    {
        _times = other._times;
        _timesView = null;
        _tStart = other._tStart;
        _tStop = other._tStop;
        Periodic = other.Periodic;
        Name = other.Name;
    }

    private protected static (double Lo, double Hi) Range(double[] times)
    {
        if (times.Length == 0) return (0, 0);
        double lo = times[0], hi = times[0];
        foreach (var t in times)
        {
            if (t < lo) lo = t;
            if (t > hi) hi = t;
        }
        return (lo, hi);
    }
}
