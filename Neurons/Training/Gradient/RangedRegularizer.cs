namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// KerasSpiking's RangedRegularizer with Keras's L1L2 as the penalty (L1, L2 and L1L2 are this class):
///   e = x − c (a target value, or a range with lo = hi);  e = relu(lo − x) + relu(x − hi) (a range)
///   P = l1·Σ|e| + l2·Σe²   (a sum over every element)
///   ∂P/∂x = (l1·sign(e) + 2·l2·e)·∂e/∂x, with ∂e/∂x = 1, or −[x &lt; lo] + [x &gt; hi] for a range
/// Keras's L1, L2 and L1L2 are <see cref="L1Penalty"/>, <see cref="L2Penalty"/>, <see cref="L1L2Penalty"/>. <see cref="Warning"/> is the library's warning when both weights are zero.
/// </summary>
public sealed class RangedRegularizer : IRegularizer
{
    public RangedRegularizer(double l1 = 0, double l2 = 0.01, double? target = null, (double Lo, double Hi)? range = null)
    {
        if (target is not null && range is not null) throw new ArgumentException("give a target value or a range, not both");
        var (lo, hi) = range ?? (target ?? 0, target ?? 0);
        if (lo > hi) throw new ArgumentException("`minimum` cannot exceed `maximum`");
        (L1, L2, Lo, Hi) = (l1, l2, lo, hi);
        Warning = l1 == 0 && l2 == 0 ? "Regularization weight is zero, it will have no effect" : null;
    }

    /// <summary>KerasSpiking's check of a target given as a list: two elements (min, max).</summary>
    public static (double Lo, double Hi) Range(IReadOnlyList<double> target) => target.Count == 2
        ? (target[0], target[1])
        : throw new ArgumentException($"Target ranges should be specified as a tuple with two elements `(min, max)` (got {target.Count} elements)");

    public static RangedRegularizer L1Penalty(double l1 = 0.01, double? target = null, (double, double)? range = null) => new(l1, 0, target, range);

    public static RangedRegularizer L2Penalty(double l2 = 0.01, double? target = null, (double, double)? range = null) => new(0, l2, target, range);

    public static RangedRegularizer L1L2Penalty(double l1 = 0, double l2 = 0, double? target = null, (double, double)? range = null) => new(l1, l2, target, range);

    public double L1 { get; }
    public double L2 { get; }
    public double Lo { get; }
    public double Hi { get; }
    public string? Warning { get; }

    public double Error(double x) => Lo == Hi ? x - Lo : Math.Max(0, Lo - x) + Math.Max(0, x - Hi);

    public double Penalty(Sequence x) => Penalty(x.Data);

    public double Penalty(IReadOnlyList<double> values)
    {
        double s = 0;
        foreach (var v in values)
        {
            var e = Error(v);
            s += L1 * Math.Abs(e) + L2 * e * e;
        }
        return s;
    }

    /// <summary>∂P/∂x at one element.</summary>
    public double Derivative(double x)
    {
        var e = Error(x);
        var dPde = L1 * Math.Sign(e) + 2 * L2 * e;
        var dedx = Lo == Hi ? 1 : x < Lo ? -1 : x > Hi ? 1 : 0;
        return dPde * dedx;
    }

    public void AddGradient(Sequence x, Sequence grad, double scale)
    {
        for (var i = 0; i < x.Data.Length; i++) grad.Data[i] += scale * Derivative(x.Data[i]);
    }
}
