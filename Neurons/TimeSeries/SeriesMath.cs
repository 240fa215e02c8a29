namespace EventSpike.Neurons.Series;

/// <summary>Small numeric helpers shared by the time-series types.</summary>
internal static class SeriesMath
{
    /// <summary>NumPy's median of the successive differences; 0 when there are fewer than two values.</summary>
    public static double MedianSpacing(IReadOnlyList<double> times)
    {
        if (times.Count < 2) return 0;
        var d = new double[times.Count - 1];
        for (var i = 0; i < d.Length; i++) d[i] = times[i + 1] - times[i];
        Array.Sort(d);
        var m = d.Length / 2;
        return d.Length % 2 == 1 ? d[m] : 0.5 * (d[m - 1] + d[m]);
    }

    /// <summary>A stable permutation that sorts <paramref name="keys"/> ascending.</summary>
    public static int[] StableOrder(IReadOnlyList<double> keys)
    {
        var idx = new int[keys.Count];
        for (var i = 0; i < idx.Length; i++) idx[i] = i;
        if (IsSorted(keys)) return idx;
        var k = new double[keys.Count];
        for (var i = 0; i < k.Length; i++) k[i] = keys[i];
        return idx.OrderBy(i => k[i]).ToArray(); // LINQ OrderBy is stable
    }

    public static bool IsSorted(IReadOnlyList<double> v)
    {
        for (var i = 1; i < v.Count; i++)
            if (!(v[i] >= v[i - 1])) return false;
        return true;
    }

    /// <summary>Python-style non-negative modulo (result in [0, m)).</summary>
    public static double Mod(double x, double m)
    {
        var r = x % m;
        if (r < 0) r += m;
        return r >= m ? 0 : r;
    }

    /// <summary>Python list indexing: negative counts from the end; throws for out-of-range.</summary>
    public static int PyIndex(int i, int count, string what)
    {
        var j = i < 0 ? i + count : i;
        if ((uint)j >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"{what} index {i} is out of range for {count} {what}s");
        return j;
    }
}
