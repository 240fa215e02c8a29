namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// KerasSpiking's Percentile regularizer: the activity (B, T, N) is first reduced over <c>axes</c>
/// (default the batch axis 0) by the p-th percentile — the maximum when p = 100, else numpy's "linear"
/// percentile (sort, position p/100·(n − 1), interpolate between the neighbours) — and the ranged L1/L2
/// penalty (<see cref="RangedRegularizer"/>) is summed over what remains. The gradient flows to the
/// element that is the maximum (the first of equals), or to the two neighbours with weights 1 − f and f.
/// </summary>
public sealed class PercentileRegularizer : IRegularizer
{
    public PercentileRegularizer(double percentile = 100, int[]? axes = null, double l1 = 0, double l2 = 0, double? target = null,
        (double Lo, double Hi)? range = null)
    {
        if (!(percentile >= 0 && percentile <= 100)) throw new ArgumentException("`percentile` must be in the range [0, 100]");
        Percentile = percentile;
        Axes = axes ?? [0];
        if (Axes.Any(a => a is < 0 or > 2)) throw new ArgumentException("axes are 0 (batch), 1 (time) and 2 (units)");
        Inner = new RangedRegularizer(l1, l2, target, range);
    }

    public double Percentile { get; }
    public int[] Axes { get; }
    public RangedRegularizer Inner { get; }
    public string? Warning => Inner.Warning;

    public double Penalty(Sequence x) => Groups(x).Sum(g => Inner.Penalty([Reduce(x, g).Value]));

    public void AddGradient(Sequence x, Sequence grad, double scale)
    {
        foreach (var g in Groups(x))
        {
            var (value, parts) = Reduce(x, g);
            var d = Inner.Derivative(value) * scale;
            foreach (var (index, weight) in parts) grad.Data[index] += d * weight;
        }
    }

    /// <summary>The reduced values of <paramref name="x"/>: one per combination of the axes that are kept.</summary>
    public double[] Reduced(Sequence x) => Groups(x).Select(g => Reduce(x, g).Value).ToArray();

    private List<List<int>> Groups(Sequence x)
    {
        var groups = new Dictionary<(int, int, int), List<int>>();
        for (var b = 0; b < x.B; b++)
            for (var t = 0; t < x.T; t++)
                for (var n = 0; n < x.N; n++)
                {
                    var key = (Axes.Contains(0) ? 0 : b, Axes.Contains(1) ? 0 : t, Axes.Contains(2) ? 0 : n);
                    if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<int>();
                    list.Add((b * x.T + t) * x.N + n);
                }
        return groups.OrderBy(g => g.Key).Select(g => g.Value).ToList();
    }

    private (double Value, List<(int Index, double Weight)> Parts) Reduce(Sequence x, List<int> indices)
    {
        if (Percentile == 100)
        {
            var best = indices[0];
            foreach (var i in indices)
                if (x.Data[i] > x.Data[best]) best = i;
            return (x.Data[best], [(best, 1.0)]);
        }
        var sorted = indices.OrderBy(i => x.Data[i]).ThenBy(i => i).ToList();
        var position = Percentile / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        var f = position - lo;
        var value = x.Data[sorted[lo]] + f * (x.Data[sorted[hi]] - x.Data[sorted[lo]]);
        return (value, [(sorted[lo], 1 - f), (sorted[hi], f)]);
    }
}
