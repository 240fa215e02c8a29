using EventSpike.Neurons.Random;

namespace EventSpike.Hardware.Dynapse.Weights;

/// <summary>Small helpers of the weight generators: spectral radius, shuffles, draws without replacement.</summary>
public static class MatrixTools
{
    /// <summary>
    /// The spectral radius of a square matrix, estimated as the growth rate of ‖W^k x‖ over 400
    /// normalised power steps (geometric mean over the last 200; exact for a dominant real eigenvalue,
    /// and for a complex dominant pair, whose modulus the averaged growth also converges to).
    /// </summary>
    public static double SpectralRadius(double[,] w)
    {
        var n = w.GetLength(0);
        if (n != w.GetLength(1)) throw new ArgumentException("the spectral radius needs a square matrix");
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++) x[i] = 1.0 + 0.1 * Math.Sin(i + 1);
        double logSum = 0;
        for (var k = 0; k < 400; k++)
        {
            Array.Clear(y);
            for (var i = 0; i < n; i++)
                if (x[i] != 0)
                    for (var j = 0; j < n; j++) y[j] += x[i] * w[i, j];
            var norm = Math.Sqrt(y.Sum(v => v * v));
            if (norm == 0) return 0;
            if (k >= 200) logSum += Math.Log(norm);
            for (var j = 0; j < n; j++) x[j] = y[j] / norm;
        }
        return Math.Exp(logSum / 200);
    }

    /// <summary>Scales <paramref name="w"/> in place to spectral radius <paramref name="radius"/>; returns the factor.</summary>
    public static double Normalise(double[,] w, double radius)
    {
        var rho = SpectralRadius(w);
        if (rho == 0) return 1;
        var f = radius / rho;
        Scale(w, f);
        return f;
    }

    public static void Scale(double[,] w, double f)
    {
        for (var i = 0; i < w.GetLength(0); i++)
            for (var j = 0; j < w.GetLength(1); j++) w[i, j] *= f;
    }

    /// <summary><paramref name="k"/> distinct indices of [0, n) (partial Fisher–Yates), in draw order.</summary>
    public static int[] Choose(Xoshiro256StarStar rng, int n, int k)
    {
        var all = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = i + rng.NextInt(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..k];
    }

    public static double[,] Randn(Xoshiro256StarStar rng, int rows, int cols, double scale = 1)
    {
        var w = new double[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) w[i, j] = scale * rng.NextGaussian();
        return w;
    }

    public static int[,] Round(double[,] w)
    {
        var c = new int[w.GetLength(0), w.GetLength(1)];
        for (var i = 0; i < w.GetLength(0); i++)
            for (var j = 0; j < w.GetLength(1); j++) c[i, j] = (int)Math.Round(w[i, j], MidpointRounding.AwayFromZero);
        return c;
    }

    public static double[,] ToDouble(int[,] c)
    {
        var w = new double[c.GetLength(0), c.GetLength(1)];
        for (var i = 0; i < c.GetLength(0); i++)
            for (var j = 0; j < c.GetLength(1); j++) w[i, j] = c[i, j];
        return w;
    }
}
