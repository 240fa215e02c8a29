namespace EventSpike.Neurons.Series;

/// <summary>
/// A Python-style time slice <c>start:stop:step</c> for indexing a <see cref="TSContinuous"/>.
/// Without a step it clips (<c>ts[a:b]</c> = <c>Clip(a, b, sampleLimits: false, includeStop: b is null)</c>);
/// with a step it samples the grid <c>arange(a, b, |step|)</c> restricted to [t_start, t_stop),
/// reversed when the step is negative. Null bounds mean the series' own.
/// </summary>
public readonly record struct TimeSlice(double? Start = null, double? Stop = null, double? Step = null)
{
    /// <summary><c>:</c>, the whole series.</summary>
    public static TimeSlice All => default;

    /// <summary><c>:stop</c>.</summary>
    public static TimeSlice To(double stop) => new(null, stop);

    /// <summary><c>start:</c>.</summary>
    public static TimeSlice From(double start) => new(start);
}
