namespace EventSpike.Neurons.Series;

/// <summary>
/// Conversions between time series and the step windows of the runtime (no actors involved).
///
/// Clock: step k covers [t0 + k·dt, t0 + (k+1)·dt), t0 being the time of step 0 (the run's start;
/// Rockpool rasterises a layer's input from the layer's current time the same way).
/// Events: an event at time t enters step <see cref="StepRule.StepOf"/>(t, t0, dt) =
/// ⌊(t − t0)/dt⌋; the step of each event does not depend on the window, so consecutive windows
/// partition the events exactly (none lost or doubled at a boundary). Spikes produced in step k are
/// stamped (k+1)·dt (<see cref="TSEventBuilder"/>). Continuous signals: the sample for step k is the
/// series' value at the step's start time t0 + k·dt (<see cref="TSContinuousBuilder"/> is the inverse).
/// </summary>
public static class SeriesWindows
{
    /// <summary>
    /// The events of <paramref name="series"/> that fall in steps [<paramref name="startStep"/>,
    /// <paramref name="startStep"/> + <paramref name="steps"/>), as CSR rows by step with neuron = channel,
    /// ascending within a step. A periodic series is repeated.
    /// </summary>
    public static SpikeRows ToSpikeRows(TSEvent series, double dt, long startStep, int steps, double t0 = 0)
    {
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentException($"dt must be positive, got {dt}", nameof(dt));
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must not be negative");
        var lo = t0 + startStep * dt;
        var hi = t0 + (startStep + steps) * dt;
        var margin = 2 * dt;
        var picked = new List<(int Offset, int Neuron)>();
        foreach (var (t, c) in Candidates(series, lo - margin, hi + margin))
        {
            var k = StepRule.StepOf(t, t0, dt) - startStep;
            if (k >= 0 && k < steps) picked.Add(((int)k, c));
        }
        picked.Sort();
        var ptr = new int[steps + 1];
        foreach (var (o, _) in picked) ptr[o + 1]++;
        for (var i = 0; i < steps; i++) ptr[i + 1] += ptr[i];
        return new SpikeRows(startStep, steps, ptr, picked.Select(p => p.Neuron).ToArray());
    }

    /// <summary>
    /// The values of <paramref name="series"/> at the start of each step of the window: a
    /// <paramref name="steps"/>×C array, row-major. With <paramref name="nanToZero"/> (Rockpool's rule for
    /// layer inputs) a value the series does not define (NaN) is 0.
    /// </summary>
    public static double[] ToSampleWindow(TSContinuous series, double dt, long startStep, int steps, double t0 = 0,
        bool nanToZero = true)
    {
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentException($"dt must be positive, got {dt}", nameof(dt));
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must not be negative");
        var c = series.NumChannels;
        var result = new double[steps * c];
        for (var i = 0; i < steps; i++)
        {
            var row = result.AsSpan(i * c, c);
            series.InterpolateInto(t0 + (startStep + i) * dt, row);
            if (nanToZero)
                for (var j = 0; j < c; j++)
                    if (double.IsNaN(row[j])) row[j] = 0;
        }
        return result;
    }

    private static IEnumerable<(double T, int C)> Candidates(TSEvent s, double lo, double hi)
    {
        if (s.Periodic && s.Duration > 0)
        {
            foreach (var e in s.Occurrences(lo, hi))
                if (e.T >= lo && e.T <= hi) yield return e;
            yield break;
        }
        var times = s.Times;
        var chans = s.Channels;
        if (!s.IsSorted)
        {
            for (var i = 0; i < times.Count; i++) yield return (times[i], chans[i]);
            yield break;
        }
        // Binary search for the first time ≥ lo, then walk until hi.
        int a = 0, b = times.Count;
        while (a < b)
        {
            var m = (a + b) >>> 1;
            if (times[m] < lo) a = m + 1; else b = m;
        }
        for (var i = a; i < times.Count && times[i] <= hi; i++) yield return (times[i], chans[i]);
    }
}
