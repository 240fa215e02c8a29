namespace EventSpike.Neurons.Series;

/// <summary>
/// Collects per-step samples of consecutive windows into a <see cref="TSContinuous"/> (a recorded
/// state variable or a continuous output). Row i of a window starting at step s is stamped
/// t0 + (s + i)·dt, the step's start (the inverse of <see cref="SeriesWindows.ToSampleWindow"/>), or
/// t0 + (s + i + 1)·dt with <c>stampAtStepEnd</c> (the value after integrating the step).
/// The series spans [first stamp, t0 + end step·dt] (plus one dt with <c>stampAtStepEnd</c>).
/// </summary>
public sealed class TSContinuousBuilder(double dt, int numChannels, double t0 = 0, string name = "unnamed", bool stampAtStepEnd = false)
{
    private readonly List<double> _times = new();
    private readonly List<double> _samples = new();
    private long? _firstStep;
    private long _endStep;

    /// <summary>Number of sample rows added so far.</summary>
    public int Count => _times.Count;

    /// <summary>Adds <paramref name="steps"/> rows of <c>numChannels</c> values (row-major) for steps from <paramref name="startStep"/>.</summary>
    public void AddWindow(long startStep, int steps, ReadOnlySpan<double> samples)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps));
        if (samples.Length != (long)steps * numChannels)
            throw new ArgumentException($"{samples.Length} values do not make {steps} rows of {numChannels}", nameof(samples));
        if (_firstStep is not null && startStep < _endStep)
            throw new ArgumentException($"window starting at step {startStep} overlaps the previous one (ended at {_endStep})");
        _firstStep ??= startStep;
        var shift = stampAtStepEnd ? 1 : 0;
        for (var i = 0; i < steps; i++) _times.Add(t0 + (startStep + i + shift) * dt);
        foreach (var v in samples) _samples.Add(v);
        _endStep = startStep + steps;
    }

    /// <summary>The recording so far; t_stop = t0 + endStep·dt (default: the end of the last window).</summary>
    public TSContinuous Build(long? endStep = null)
    {
        var shift = stampAtStepEnd ? 1 : 0;
        var first = _firstStep ?? 0;
        var end = Math.Max(endStep ?? _endStep, first) + shift;
        var tStart = _times.Count > 0 ? _times[0] : t0 + first * dt;
        return new TSContinuous(_times.ToArray(), _samples.ToArray(), numChannels, false, tStart, Math.Max(t0 + end * dt, tStart),
            name, null, "linear", true);
    }
}
