namespace EventSpike.Neurons.Series;

public sealed partial class TSContinuous
{
    // NaN rules (Rockpool's): for + and − a NaN counts as 0 unless both operands are NaN;
    // for *, /, floor division and power a NaN on either side gives NaN.

    public static TSContinuous operator +(TSContinuous a, TSContinuous b) => a.Apply(b, (x, y) => x + y, true, false);
    public static TSContinuous operator +(TSContinuous a, SeriesOperand b) => a.Apply(b, (x, y) => x + y, true, false);
    public static TSContinuous operator +(SeriesOperand a, TSContinuous b) => b.Apply(a, (x, y) => x + y, true, true);

    public static TSContinuous operator -(TSContinuous a, TSContinuous b) => a.Apply(b, (x, y) => x - y, true, false);
    public static TSContinuous operator -(TSContinuous a, SeriesOperand b) => a.Apply(b, (x, y) => x - y, true, false);
    public static TSContinuous operator -(SeriesOperand a, TSContinuous b) => b.Apply(a, (x, y) => x - y, true, true);

    public static TSContinuous operator *(TSContinuous a, TSContinuous b) => a.Apply(b, (x, y) => x * y, false, false);
    public static TSContinuous operator *(TSContinuous a, SeriesOperand b) => a.Apply(b, (x, y) => x * y, false, false);
    public static TSContinuous operator *(SeriesOperand a, TSContinuous b) => b.Apply(a, (x, y) => x * y, false, true);

    public static TSContinuous operator /(TSContinuous a, TSContinuous b) => a.Apply(b, (x, y) => x / y, false, false);
    public static TSContinuous operator /(TSContinuous a, SeriesOperand b) => a.Apply(b, (x, y) => x / y, false, false);
    public static TSContinuous operator /(SeriesOperand a, TSContinuous b) => b.Apply(a, (x, y) => x / y, false, true);

    /// <summary>Unary minus: every sample negated.</summary>
    public static TSContinuous operator -(TSContinuous a) => a.Map(x => -x);

    /// <summary>Absolute value of every sample (Python's <c>abs(ts)</c>).</summary>
    public TSContinuous Abs() => Map(Math.Abs);

    /// <summary>Floor division <c>ts // other</c>: ⌊x / y⌋.</summary>
    public TSContinuous FloorDivide(SeriesOperand other) => Apply(other, FloorDiv, false, false);

    /// <summary>Reflected floor division <c>other // ts</c>.</summary>
    public static TSContinuous FloorDivide(SeriesOperand a, TSContinuous b) => b.Apply(a, FloorDiv, false, true);

    /// <summary>Power <c>ts ** other</c>.</summary>
    public TSContinuous Power(SeriesOperand other) => Apply(other, Math.Pow, false, false);

    /// <summary>Reflected power <c>other ** ts</c>.</summary>
    public static TSContinuous Power(SeriesOperand a, TSContinuous b) => b.Apply(a, Math.Pow, false, true);

    private static double FloorDiv(double x, double y) => Math.Floor(x / y);

    private TSContinuous Map(Func<double, double> f)
    {
        var r = Copy();
        for (var k = 0; k < r._samples.Length; k++) r._samples[k] = f(r._samples[k]);
        return r;
    }

    /// <summary>Element-wise f(self, other) (or f(other, self) when <paramref name="reflected"/>).</summary>
    private TSContinuous Apply(SeriesOperand other, Func<double, double, double> f, bool nanAsZero, bool reflected)
    {
        var value = other.Bind(Times, _channels);
        var r = Copy();
        var s = r._samples;
        for (var i = 0; i < Count; i++)
            for (var c = 0; c < _channels; c++)
            {
                var k = i * _channels + c;
                var x = s[k];
                var y = value(i, c);
                if (nanAsZero)
                {
                    if (double.IsNaN(x) && double.IsNaN(y)) { s[k] = double.NaN; continue; }
                    if (double.IsNaN(x)) x = 0;
                    if (double.IsNaN(y)) y = 0;
                }
                s[k] = reflected ? f(y, x) : f(x, y);
            }
        return r;
    }
}
