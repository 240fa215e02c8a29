namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// KerasSpiking's DtScheduler: at the start of every training batch, step = epoch·steps_per_epoch + batch
/// and dt ← schedule(step); the value persists after training. With verbose, each epoch start writes
/// "DtScheduler epoch={epoch} dt={dt:.4f}". Schedules as Keras's: <see cref="ExponentialDecay"/>
/// (dt₀·rate^(step/decay_steps)) and <see cref="PiecewiseConstant"/> (values[0] for step ≤ b[0],
/// values[i] for b[i−1] &lt; step ≤ b[i], the last value beyond).
/// </summary>
public sealed class DtScheduler(DtVariable dt, Func<long, double> schedule, TextWriter? verbose = null)
{
    public DtVariable Dt { get; } = dt;

    /// <summary>Called by the trainer at the start of each batch.</summary>
    public void OnBatchStart(int epoch, int batch, int stepsPerEpoch)
    {
        Dt.Value = schedule((long)epoch * stepsPerEpoch + batch);
        if (batch == 0) verbose?.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"DtScheduler epoch={epoch} dt={Dt.Value:0.0000}"));
    }

    public static Func<long, double> ExponentialDecay(double initial, double decaySteps, double rate) =>
        step => initial * Math.Pow(rate, step / decaySteps);

    public static Func<long, double> PiecewiseConstant(IReadOnlyList<long> boundaries, IReadOnlyList<double> values)
    {
        if (values.Count != boundaries.Count + 1) throw new ArgumentException($"{boundaries.Count} boundaries need {boundaries.Count + 1} values, got {values.Count}");
        return step =>
        {
            for (var i = 0; i < boundaries.Count; i++)
                if (step <= boundaries[i]) return values[i];
            return values[^1];
        };
    }
}
