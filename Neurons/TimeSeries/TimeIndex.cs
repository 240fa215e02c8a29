namespace EventSpike.Neurons.Series;

/// <summary>
/// The time part of a <see cref="TSContinuous"/> index: a time (resample at it), a list of times
/// (resample at them, in that order) or a <see cref="TimeSlice"/>. Converts implicitly from
/// <c>double</c>, <c>double[]</c> and <see cref="TimeSlice"/>.
/// </summary>
public readonly struct TimeIndex
{
    private TimeIndex(double[]? times, TimeSlice slice)
    {
        Times = times;
        Slice = slice;
    }

    /// <summary>The times to resample at, or null for a slice.</summary>
    public double[]? Times { get; }

    /// <summary>The slice, when <see cref="Times"/> is null.</summary>
    public TimeSlice Slice { get; }

    /// <summary>Everything (<c>:</c>).</summary>
    public static TimeIndex All => new(null, TimeSlice.All);

    public static implicit operator TimeIndex(double t) => new([t], default);
    public static implicit operator TimeIndex(double[] times) => new((double[])times.Clone(), default);
    public static implicit operator TimeIndex(TimeSlice s) => new(null, s);
}
