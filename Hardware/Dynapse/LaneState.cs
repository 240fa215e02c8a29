using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Float32 structure-of-arrays storage for a population computed eight neurons at a time
/// (Vector256&lt;float&gt;), tiled: the <c>rows</c> variables of neurons 8j … 8j+7 lie together in tile j
/// (rows × 8 floats), variable r at offset 8r, so a kernel takes one reference to its tile and reads every
/// variable at a constant offset, one memory stream for the whole step. The population is padded to
/// <see cref="Padded"/> = a multiple of 8 (the padding lanes copy neuron 0's parameters and are never
/// reported). Named state variables (one or more consecutive rows) are read and written in SI units (a
/// scale each) without the padding.
/// </summary>
internal sealed class LaneState(int count, int rows)
{
    public const int Lanes = 8;

    private readonly Dictionary<string, (int Row, int Rows, double Scale)> _named = new(StringComparer.Ordinal);

    public int Count { get; } = count;

    public int Padded { get; } = Math.Max(Lanes, (count + Lanes - 1) / Lanes * Lanes);

    public float[] Data { get; } = new float[rows * Math.Max(Lanes, (count + Lanes - 1) / Lanes * Lanes)];

    /// <summary>Floats per tile: rows × 8.</summary>
    public int Tile { get; } = rows * Lanes;

    public IReadOnlyList<string> Names => [.. _named.Keys];

    public ref float this[int row, int k] => ref Data[(k / Lanes) * Tile + row * Lanes + k % Lanes];

    /// <summary>Sets rows [row, row + rows) of every neuron (padding included) to <paramref name="value"/>.</summary>
    public void Fill(int row, int rows, float value)
    {
        for (var k = 0; k < Padded; k++)
            for (var r = row; r < row + rows; r++) this[r, k] = value;
    }

    public void Name(string name, int row, double scale, int rows = 1) => _named[name] = (row, rows, scale);

    /// <summary>Copies neuron 0's value into the padding lanes of rows [from, to).</summary>
    public void FillPadding(int from, int to)
    {
        for (var r = from; r < to; r++)
            for (var k = Count; k < Padded; k++) this[r, k] = this[r, 0];
    }

    public double[] Read(string name)
    {
        var (row, rows, scale) = Lookup(name);
        var result = new double[rows * Count];
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < Count; k++) result[r * Count + k] = this[row + r, k] * scale;
        return result;
    }

    public void Write(string name, ReadOnlySpan<double> values)
    {
        var (row, rows, scale) = Lookup(name);
        if (values.Length != rows * Count) throw new ArgumentException($"'{name}' has {rows * Count} values, got {values.Length}");
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < Count; k++) this[row + r, k] = (float)(values[r * Count + k] / scale);
    }

    private (int Row, int Rows, double Scale) Lookup(string name) =>
        _named.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no state variable '{name}'");

    /// <summary>Bits of the real (non-padding) lanes of the vector starting at neuron k.</summary>
    public uint RealLanes(int k) => k + Lanes <= Count ? 0xFFu : (1u << (Count - k)) - 1;

    /// <summary>Eight lanes at <paramref name="at"/> + <paramref name="offset"/> (callers stay inside the padded rows).</summary>
    public static Vector256<float> L(ref float at, int offset) => Vector256.LoadUnsafe(ref at, (nuint)offset);

    public static void S(Vector256<float> v, ref float at, int offset) => v.StoreUnsafe(ref at, (nuint)offset);


    /// <summary>A reference to <paramref name="block"/>[<paramref name="offset"/>] (no check: the caller stays inside).</summary>
    public static ref float At(float[] block, int offset) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(block), offset);

    public static ref float At(Span<float> span, int k) => ref Unsafe.Add(ref MemoryMarshal.GetReference(span), k);
}
