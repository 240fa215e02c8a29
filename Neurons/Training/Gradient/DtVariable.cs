namespace EventSpike.Neurons.Training.Gradient;

/// <summary>dt as a shared mutable value (KerasSpiking's dt Variable): layers read it at every call, so a <see cref="DtScheduler"/> can change it between batches.</summary>
public sealed class DtVariable(double value)
{
    private double _value = Check(value);

    public double Value
    {
        get => _value;
        set => _value = Check(value);
    }

    private static double Check(double dt) => dt > 0 && double.IsFinite(dt) ? dt : throw new ArgumentException($"dt must be a positive number of seconds, got {dt}");
}
