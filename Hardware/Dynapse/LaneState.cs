using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Float32 structure-of-arrays storage for a population computed eight neurons at a time
/// (Vector256&lt;float&gt;): every row is padded to <see cref="Padded"/> = a multiple of 8, the padding
/// lanes copying neuron 0's parameters and never reported. Named state variables are read and written
/// in SI units (a scale per variable) without the padding.
/// </summary>
internal sealed class LaneState(int count)
{
    public const int Lanes = 8;

    private readonly Dictionary<string, (float[] Data, int Rows, double Scale)> _named = new(StringComparer.Ordinal);

    public int Count { get; } = count;

    public int Padded { get; } = Math.Max(Lanes, (count + Lanes - 1) / Lanes * Lanes);

    public IReadOnlyList<string> Names => [.. _named.Keys];

    public float[] Array(int rows = 1) => new float[rows * Padded];

    public float[] Named(string name, double scale, int rows = 1)
    {
        var a = Array(rows);
        _named[name] = (a, rows, scale);
        return a;
    }

    /// <summary>Copies neuron 0's value into the padding lanes of every row.</summary>
    public void FillPadding(float[] a)
    {
        for (var r = 0; r < a.Length / Padded; r++)
            for (var k = Count; k < Padded; k++) a[r * Padded + k] = a[r * Padded];
    }

    public double[] Read(string name)
    {
        var (data, rows, scale) = Lookup(name);
        var result = new double[rows * Count];
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < Count; k++) result[r * Count + k] = data[r * Padded + k] * scale;
        return result;
    }

    public void Write(string name, ReadOnlySpan<double> values)
    {
        var (data, rows, scale) = Lookup(name);
        if (values.Length != rows * Count) throw new ArgumentException($"'{name}' has {rows * Count} values, got {values.Length}");
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < Count; k++) data[r * Padded + k] = (float)(values[r * Count + k] / scale);
    }

    private (float[] Data, int Rows, double Scale) Lookup(string name) =>
        _named.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no state variable '{name}'");

    /// <summary>Bits of the real (non-padding) lanes of the vector starting at neuron k.</summary>
    public uint RealLanes(int k) => k + Lanes <= Count ? 0xFFu : (1u << (Count - k)) - 1;

    /// <summary>Eight lanes from k (callers keep k + 8 ≤ length: the rows are padded).</summary>
    public static Vector256<float> V(float[] a, int k) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)k);

    public static Vector256<float> V(ReadOnlySpan<float> a, int k) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(a), (nuint)k);

    public static void Store(Vector256<float> v, float[] a, int k) => v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)k);
}
