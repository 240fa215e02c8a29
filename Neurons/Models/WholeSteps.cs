namespace EventSpike.Neurons.Models;

/// <summary>A span of time as whole steps, as a run's duration is counted: exact to 1e-6 of a step, else rounded down.</summary>
public static class WholeSteps
{
    public static long Of(double seconds, double dt)
    {
        var ratio = seconds / dt;
        return Math.Abs(ratio - Math.Round(ratio)) <= 1e-6 ? (long)Math.Round(ratio) : (long)Math.Floor(ratio);
    }
}
