namespace EventSpike.Neurons.Training;

/// <summary>
/// Rockpool's ridge-regression trainer (<c>RidgeRegrTrainer</c>, behind <c>train_rr</c>). Each batch
/// gives regressors X (T×M; a column of ones is appended when biases are trained) and targets Y (T×O):
///   XᵀX += XₜᵀXₜ,  XᵀY += XₜᵀYₜ   (Kahan-compensated per element: u = batch − c; s = sum + u; c = (s − sum) − u)
/// and the solution is [W; b] = (XᵀX + λI)⁻¹·XᵀY (λ = <c>regularize</c>, on the bias row too), by
/// Cholesky with Gaussian elimination as the fallback. With Fisher relabelling a binary target column
/// (only 0 and 1 in the batch) becomes T/n_true where true and −T/n_false where false (T rows in the batch),
/// which makes the regression Fisher's linear discriminant.
/// </summary>
public sealed class RidgeRegression
{
    private readonly double[,] _xtx, _xty, _cxtx, _cxty;

    public RidgeRegression(int features, int outputs, double regularize = 0, bool trainBiases = true, bool fisherRelabelling = false)
    {
        if (features < 1 || outputs < 1) throw new ArgumentException("ridge regression needs at least one regressor and one target");
        if (!(regularize >= 0)) throw new ArgumentException($"regularize must be ≥ 0, got {regularize}");
        Features = features;
        Outputs = outputs;
        Regularize = regularize;
        TrainBiases = trainBiases;
        FisherRelabelling = fisherRelabelling;
        var n = features + (trainBiases ? 1 : 0);
        _xtx = new double[n, n];
        _cxtx = new double[n, n];
        _xty = new double[n, outputs];
        _cxty = new double[n, outputs];
    }

    public int Features { get; }
    public int Outputs { get; }
    public double Regularize { get; }
    public bool TrainBiases { get; }
    public bool FisherRelabelling { get; }

    /// <summary>Accumulated XᵀX (with the bias row and column when biases are trained).</summary>
    public double[,] XtX => (double[,])_xtx.Clone();

    public double[,] XtY => (double[,])_xty.Clone();

    /// <summary>Adds one batch: rows of <paramref name="x"/> (T×M) and <paramref name="y"/> (T×O).</summary>
    public void Accumulate(double[,] x, double[,] y)
    {
        var rows = x.GetLength(0);
        if (x.GetLength(1) != Features) throw new ArgumentException($"the regressors have {x.GetLength(1)} columns, the trainer {Features}");
        if (y.GetLength(0) != rows || y.GetLength(1) != Outputs) throw new ArgumentException($"the target is {y.GetLength(0)}×{y.GetLength(1)}, expected {rows}×{Outputs}");
        foreach (var v in y)
            if (double.IsNaN(v)) throw new ArgumentException("the target contains NaN");
        if (FisherRelabelling) y = Relabel(y);
        var n = _xtx.GetLength(0);
        var batchXtx = new double[n, n];
        var batchXty = new double[n, Outputs];
        var row = new double[n];
        for (var t = 0; t < rows; t++)
        {
            for (var i = 0; i < Features; i++) row[i] = x[t, i];
            if (TrainBiases) row[Features] = 1;
            for (var i = 0; i < n; i++)
            {
                if (row[i] == 0) continue;
                for (var j = 0; j < n; j++) batchXtx[i, j] += row[i] * row[j];
                for (var o = 0; o < Outputs; o++) batchXty[i, o] += row[i] * y[t, o];
            }
        }
        Kahan(_xtx, _cxtx, batchXtx);
        Kahan(_xty, _cxty, batchXty);
    }

    /// <summary>[W; b] = (XᵀX + λI)⁻¹ XᵀY: weights M×O and biases (zeros when biases are not trained).</summary>
    public (double[,] Weights, double[] Bias) Solve()
    {
        var n = _xtx.GetLength(0);
        var a = (double[,])_xtx.Clone();
        for (var i = 0; i < n; i++) a[i, i] += Regularize;
        var solution = DenseSolve.Symmetric(a, _xty);
        var w = new double[Features, Outputs];
        var b = new double[Outputs];
        for (var o = 0; o < Outputs; o++)
        {
            for (var i = 0; i < Features; i++) w[i, o] = solution[i, o];
            if (TrainBiases) b[o] = solution[Features, o];
        }
        return (w, b);
    }

    /// <summary>X·W + b for the rows of <paramref name="x"/>.</summary>
    public static double[,] Predict(double[,] x, double[,] w, double[] b)
    {
        var (rows, m, o) = (x.GetLength(0), w.GetLength(0), w.GetLength(1));
        var y = new double[rows, o];
        for (var t = 0; t < rows; t++)
            for (var j = 0; j < o; j++)
            {
                var s = b[j];
                for (var i = 0; i < m; i++) s += x[t, i] * w[i, j];
                y[t, j] = s;
            }
        return y;
    }

    private static void Kahan(double[,] sum, double[,] comp, double[,] batch)
    {
        for (var i = 0; i < sum.GetLength(0); i++)
            for (var j = 0; j < sum.GetLength(1); j++)
            {
                var u = batch[i, j] - comp[i, j];
                var s = sum[i, j] + u;
                comp[i, j] = (s - sum[i, j]) - u;
                sum[i, j] = s;
            }
    }

    private double[,] Relabel(double[,] y)
    {
        var (rows, cols) = (y.GetLength(0), y.GetLength(1));
        var r = (double[,])y.Clone();
        for (var o = 0; o < cols; o++)
        {
            int nTrue = 0, nFalse = 0;
            for (var t = 0; t < rows; t++)
                if (y[t, o] == 1) nTrue++;
                else if (y[t, o] == 0) nFalse++;
            if (nTrue + nFalse != rows) continue; // not a binary target
            for (var t = 0; t < rows; t++)
                r[t, o] = y[t, o] == 1 ? (double)rows / Math.Max(1, nTrue) : -(double)rows / Math.Max(1, nFalse);
        }
        return r;
    }
}
