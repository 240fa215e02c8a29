using System.Numerics.Tensors;
using System.Text.Json.Nodes;

namespace EventSpike.Neurons.Kernels;

/// <summary>
/// A dense weight matrix in Rockpool's layout, <c>W[pre, post]</c> (M input channels × N outputs),
/// stored row-major. Products are row-vector × matrix, y = x·W, accumulated row by row in ascending
/// pre order with SIMD (TensorPrimitives) along each row: the floating-point order is fixed by the
/// matrix alone, so results do not depend on how the caller splits work.
/// </summary>
public sealed class DenseMatrix
{
    private readonly double[] _data;

    public DenseMatrix(int rows, int cols, double[] data)
    {
        if (rows < 0 || cols < 0 || data.Length != rows * cols)
            throw new ArgumentException($"a {rows}×{cols} matrix needs {rows * cols} values, got {data.Length}");
        Rows = rows;
        Cols = cols;
        _data = data;
        IsIdentity = rows == cols && IsIdentityData(data, rows);
    }

    public static DenseMatrix Identity(int n)
    {
        var d = new double[n * n];
        for (var i = 0; i < n; i++) d[i * n + i] = 1;
        return new DenseMatrix(n, n, d);
    }

    /// <summary>From a [rows, cols] array.</summary>
    public static DenseMatrix From(double[,] m)
    {
        var r = m.GetLength(0);
        var c = m.GetLength(1);
        var d = new double[r * c];
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++) d[i * c + j] = m[i, j];
        return new DenseMatrix(r, c, d);
    }

    /// <summary>Input channels (M).</summary>
    public int Rows { get; }

    /// <summary>Outputs (N).</summary>
    public int Cols { get; }

    /// <summary>True for a square identity: products are then plain copies.</summary>
    public bool IsIdentity { get; }

    public double this[int row, int col] => _data[row * Cols + col];

    public ReadOnlySpan<double> Row(int row) => _data.AsSpan(row * Cols, Cols);

    /// <summary>y += x·W, skipping zero entries of x (spike counts are mostly zero).</summary>
    public void AccumulateVecMat(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Rows || y.Length != Cols)
            throw new ArgumentException($"x·W needs x of {Rows} and y of {Cols}, got {x.Length} and {y.Length}");
        if (IsIdentity)
        {
            TensorPrimitives.Add(y, x, y);
            return;
        }
        for (var i = 0; i < Rows; i++)
        {
            var xi = x[i];
            if (xi == 0) continue;
            TensorPrimitives.MultiplyAdd(Row(i), xi, y, y);
        }
    }

    /// <summary>
    /// Y += X·W for <paramref name="count"/> row vectors at once: X is [count × Rows] and Y is
    /// [count × Cols], both row-major. Each output row gets exactly the sums <see cref="AccumulateVecMat"/>
    /// would give it (same ascending input order, zeros skipped, same bits); the loops are swapped so
    /// that each row of W is read once for all the vectors instead of once per vector, which keeps W
    /// streaming from memory once per call while the small Y stays in cache.
    /// </summary>
    public void AccumulateBatch(ReadOnlySpan<double> x, int count, Span<double> y)
    {
        if (count < 0 || x.Length != count * Rows || y.Length != count * Cols)
            throw new ArgumentException($"X·W for {count} vectors needs X of {count * Rows} and Y of {count * Cols}, got {x.Length} and {y.Length}");
        if (IsIdentity)
        {
            TensorPrimitives.Add(y, x, y);
            return;
        }
        for (var i = 0; i < Rows; i++)
        {
            var w = Row(i);
            for (var b = 0; b < count; b++)
            {
                var xi = x[b * Rows + i];
                if (xi == 0) continue;
                var yb = y.Slice(b * Cols, Cols);
                TensorPrimitives.MultiplyAdd(w, xi, yb, yb);
            }
        }
    }

    /// <summary>y = x·W.</summary>
    public void VecMat(ReadOnlySpan<double> x, Span<double> y)
    {
        y.Clear();
        AccumulateVecMat(x, y);
    }

    /// <summary>y += scale·W[row, :] (one input channel's contribution).</summary>
    public void AccumulateRow(int row, Span<double> y, double scale = 1.0)
    {
        if (scale == 1.0) TensorPrimitives.Add(y, Row(row), y);
        else TensorPrimitives.MultiplyAdd(Row(row), scale, y, y);
    }

    /// <summary>Nested lists [pre][post], as Rockpool's <c>to_dict</c> writes weights.</summary>
    public JsonArray ToJson()
    {
        var rows = new JsonArray();
        for (var i = 0; i < Rows; i++)
        {
            var row = new JsonArray();
            foreach (var v in Row(i)) row.Add((JsonNode)JsonValue.Create(v));
            rows.Add((JsonNode)row);
        }
        return rows;
    }

    private static bool IsIdentityData(double[] d, int n)
    {
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (d[i * n + j] != (i == j ? 1.0 : 0.0)) return false;
        return true;
    }
}
