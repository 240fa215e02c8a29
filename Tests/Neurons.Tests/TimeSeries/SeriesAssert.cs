using EventSpike.Neurons.Series;
using Xunit;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>Assertions on series and matrices (NaN equals NaN).</summary>
internal static class SeriesAssert
{
    public static void Matrix(double[,] expected, double[,] actual, double tol = 0)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
            for (var j = 0; j < expected.GetLength(1); j++)
                Value(expected[i, j], actual[i, j], tol, $"[{i},{j}]");
    }

    public static void Matrix(int[,] expected, int[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
            for (var j = 0; j < expected.GetLength(1); j++)
                Assert.True(expected[i, j] == actual[i, j], $"[{i},{j}]: expected {expected[i, j]}, got {actual[i, j]}");
    }

    public static void Values(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tol = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Value(expected[i], actual[i], tol, $"[{i}]");
    }

    public static void Value(double expected, double actual, double tol = 0, string where = "")
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{where}: expected NaN, got {actual}"); return; }
        Assert.True(Math.Abs(expected - actual) <= tol, $"{where}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Rows <paramref name="rows"/> and columns <paramref name="cols"/> of <paramref name="m"/>.</summary>
    public static double[,] Pick(double[,] m, int[] rows, int[]? cols = null)
    {
        cols ??= Enumerable.Range(0, m.GetLength(1)).ToArray();
        var r = new double[rows.Length, cols.Length];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < cols.Length; j++) r[i, j] = m[rows[i], cols[j]];
        return r;
    }

    public static void Events(TSEvent ts, double[] times, int[] channels)
    {
        Values(times, ts.Times);
        Assert.Equal(channels, ts.Channels);
    }
}
