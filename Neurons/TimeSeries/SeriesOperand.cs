namespace EventSpike.Neurons.Series;

/// <summary>
/// The right-hand (or left-hand) side of an arithmetic operation on a <see cref="TSContinuous"/>:
/// a scalar, a per-channel vector (length C or 1), a matrix broadcastable to T×C (NumPy rules:
/// each dimension equal or 1), or another series (resampled at the first series' times; C or 1
/// channels). Converts implicitly from <c>double</c>, <c>double[]</c>, <c>double[,]</c> and
/// <see cref="TSContinuous"/>.
/// </summary>
public readonly struct SeriesOperand
{
    private readonly double _scalar;
    private readonly double[]? _vector;
    private readonly double[,]? _matrix;
    private readonly TSContinuous? _series;

    private SeriesOperand(double scalar, double[]? vector, double[,]? matrix, TSContinuous? series)
    {
        _scalar = scalar;
        _vector = vector;
        _matrix = matrix;
        _series = series;
    }

    public static implicit operator SeriesOperand(double v) => new(v, null, null, null);
    public static implicit operator SeriesOperand(double[] v) => new(0, v, null, null);
    public static implicit operator SeriesOperand(double[,] m) => new(0, null, m, null);
    public static implicit operator SeriesOperand(TSContinuous s) => new(0, null, null, s);

    /// <summary>The operand as a function (row, channel) → value over a T×C series at <paramref name="times"/>.</summary>
    internal Func<int, int, double> Bind(IReadOnlyList<double> times, int channels)
    {
        var rows = times.Count;
        if (_series is not null)
        {
            var m = _series.Interpolate(times);
            var c = m.GetLength(1);
            if (c != channels && c != 1)
                throw new ArgumentException($"cannot combine a series of {channels} channels with one of {c}");
            return c == 1 ? (i, _) => m[i, 0] : (i, j) => m[i, j];
        }
        if (_matrix is { } mat)
        {
            int r = mat.GetLength(0), c = mat.GetLength(1);
            if ((r != rows && r != 1) || (c != channels && c != 1))
                throw new ArgumentException($"a {r}×{c} array does not broadcast to {rows}×{channels}");
            return (i, j) => mat[r == 1 ? 0 : i, c == 1 ? 0 : j];
        }
        if (_vector is { } v)
        {
            if (v.Length != channels && v.Length != 1)
                throw new ArgumentException($"an array of {v.Length} values does not broadcast to {channels} channels");
            return v.Length == 1 ? (_, _) => v[0] : (_, j) => v[j];
        }
        var s = _scalar;
        return (_, _) => s;
    }
}
