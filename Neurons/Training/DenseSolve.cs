namespace EventSpike.Neurons.Training;

/// <summary>
/// Solves A·X = B for a symmetric matrix A (n×n) and B (n×m): Cholesky (A = L·Lᵀ, then forward and
/// back substitution) when A is positive definite, else Gaussian elimination with partial pivoting;
/// a singular A (a zero pivot after both) throws.
/// </summary>
public static class DenseSolve
{
    public static double[,] Symmetric(double[,] a, double[,] b)
    {
        var l = Cholesky(a);
        return l is not null ? CholeskySolve(l, b) : Gauss(a, b);
    }

    /// <summary>The lower factor L with A = L·Lᵀ, or null when A is not (numerically) positive definite.</summary>
    public static double[,]? Cholesky(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (!(d > 1e-14 * Math.Max(1.0, Math.Abs(a[j, j])))) return null;
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return l;
    }

    private static double[,] CholeskySolve(double[,] l, double[,] b)
    {
        var (n, m) = (l.GetLength(0), b.GetLength(1));
        var x = new double[n, m];
        for (var c = 0; c < m; c++)
        {
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var s = b[i, c];
                for (var k = 0; k < i; k++) s -= l[i, k] * y[k];
                y[i] = s / l[i, i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var s = y[i];
                for (var k = i + 1; k < n; k++) s -= l[k, i] * x[k, c];
                x[i, c] = s / l[i, i];
            }
        }
        return x;
    }

    /// <summary>Gaussian elimination with partial pivoting (the fallback for a matrix that is not positive definite).</summary>
    public static double[,] Gauss(double[,] a, double[,] b)
    {
        var (n, m) = (a.GetLength(0), b.GetLength(1));
        var w = (double[,])a.Clone();
        var x = (double[,])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(w[r, col]) > Math.Abs(w[pivot, col])) pivot = r;
            if (w[pivot, col] == 0) throw new InvalidOperationException("the regression's matrix XᵀX + λI is singular: use regularize > 0");
            if (pivot != col)
            {
                for (var k = 0; k < n; k++) (w[col, k], w[pivot, k]) = (w[pivot, k], w[col, k]);
                for (var k = 0; k < m; k++) (x[col, k], x[pivot, k]) = (x[pivot, k], x[col, k]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = w[r, col] / w[col, col];
                if (f == 0) continue;
                for (var k = col; k < n; k++) w[r, k] -= f * w[col, k];
                for (var k = 0; k < m; k++) x[r, k] -= f * x[col, k];
            }
        }
        for (var r = n - 1; r >= 0; r--)
            for (var c = 0; c < m; c++)
            {
                var s = x[r, c];
                for (var k = r + 1; k < n; k++) s -= w[r, k] * x[k, c];
                x[r, c] = s / w[r, r];
            }
        return x;
    }
}
