namespace EventSpike.Neurons.Series;

/// <summary>
/// Which clock step a time belongs to: Rockpool's raster rule, step = ⌊(t − t0)/dt⌋, so an event
/// between two step boundaries goes to the preceding step (CONTRACT, "Time conventions").
///
/// Floating-point noise is absorbed at the boundaries: a quotient within <see cref="Tolerance"/>
/// (relative, at least absolute 1e-9) of a whole number is that number, so 0.3 s at dt = 0.1 s is
/// step 3 although 0.3/0.1 = 2.9999999999999996, and a spike stamped (k+1)·dt is read back in step
/// k+1. Every conversion in this namespace uses this one function, so a partition of the steps into
/// windows partitions the events: none is lost or counted twice at a window boundary.
/// </summary>
public static class StepRule
{
    /// <summary>Relative tolerance for snapping a quotient to a whole step.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The step of time <paramref name="t"/> on a clock of step <paramref name="dt"/> whose step 0 starts at <paramref name="t0"/>.</summary>
    public static long StepOf(double t, double t0, double dt)
    {
        var x = (t - t0) / dt;
        var r = Math.Round(x);
        if (Math.Abs(x - r) <= Tolerance * Math.Max(1.0, Math.Abs(x))) return (long)r;
        return (long)Math.Floor(x);
    }

    /// <summary>
    /// Number of steps of a run of <paramref name="duration"/> at <paramref name="dt"/>:
    /// round(D/dt) when D/dt is within 1e-6 of a whole number, else ⌊D/dt⌋ (CONTRACT).
    /// </summary>
    public static long StepCount(double duration, double dt)
    {
        var x = duration / dt;
        var r = Math.Round(x);
        return Math.Abs(x - r) <= 1e-6 ? (long)r : (long)Math.Floor(x);
    }
}
