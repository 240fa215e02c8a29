namespace EventSpike.Routing.Network;

/// <summary>The contract's rule for turning a duration into steps.</summary>
public static class StepCount
{
    /// <summary>
    /// round(D/dt) when D/dt is within 1e-6 of a whole number, else ⌊D/dt⌋ with
    /// <paramref name="warning"/> set.
    /// </summary>
    public static long For(double duration, double dt, out string? warning)
    {
        var ratio = duration / dt;
        var rounded = Math.Round(ratio);
        warning = null;
        if (Math.Abs(ratio - rounded) <= 1e-6) return (long)rounded;
        var floor = (long)Math.Floor(ratio);
        warning = $"duration {duration} s is not a whole number of steps of {dt} s; running {floor} steps ({floor * dt} s)";
        return floor;
    }

    /// <summary>A delay in whole steps: round(delay/dt).</summary>
    public static int Delay(double delay, double dt) => (int)Math.Round(delay / dt);
}
