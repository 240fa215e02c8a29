using System.Globalization;

namespace EventSpike.Neurons.Numpy;

/// <summary>
/// An n-dimensional NumPy array in C (row-major) order: a dtype descriptor (<see cref="Descr"/>,
/// e.g. <c>&lt;f8</c>), a shape (empty for a 0-d scalar) and the flat data.
///
/// <see cref="Data"/> is one of <c>double[]</c> (<c>&lt;f8</c>, and <c>&lt;f2</c> read widened),
/// <c>float[]</c> (<c>&lt;f4</c>), <c>long[]</c> (<c>&lt;i8</c>, and the other integer widths
/// read widened), <c>int[]</c> (<c>&lt;i4</c>), <c>bool[]</c> (<c>|b1</c>), <c>string[]</c>
/// (<c>&lt;U</c>n or <c>|S</c>n, trailing NULs removed), or, for an object array (<c>|O</c>,
/// a pickle EventSpike does not decode), the raw <c>byte[]</c> payload with <see cref="IsOpaque"/> set.
/// </summary>
public sealed class NpyArray
{
    public NpyArray(string descr, int[] shape, Array data)
    {
        Descr = descr;
        Shape = shape;
        Data = data;
        var count = 1L;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"negative dimension {d} in shape");
            count *= d;
        }
        if (!IsOpaque && data.Length != count)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} elements, data has {data.Length}");
    }

    /// <summary>The NumPy dtype descriptor, e.g. <c>&lt;f8</c>, <c>&lt;i8</c>, <c>|b1</c>, <c>&lt;U7</c>.</summary>
    public string Descr { get; }

    /// <summary>The dimensions; empty for a 0-d (scalar) array.</summary>
    public int[] Shape { get; }

    /// <summary>The flat data in C order (see the type's remarks for the element types).</summary>
    public Array Data { get; }

    /// <summary>True for a 0-d array (how NumPy stores a Python scalar or string).</summary>
    public bool IsScalar => Shape.Length == 0;

    /// <summary>True for an object array whose pickled payload was kept as raw bytes.</summary>
    public bool IsOpaque => Descr == "|O";

    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public int Count => IsOpaque ? 0 : Data.Length;

    public static NpyArray Of(double[] data, params int[] shape) => new("<f8", ShapeOr(shape, data.Length), data);
    public static NpyArray Of(float[] data, params int[] shape) => new("<f4", ShapeOr(shape, data.Length), data);
    public static NpyArray Of(long[] data, params int[] shape) => new("<i8", ShapeOr(shape, data.Length), data);
    public static NpyArray Of(int[] data, params int[] shape) => new("<i4", ShapeOr(shape, data.Length), data);
    public static NpyArray Of(bool[] data, params int[] shape) => new("|b1", ShapeOr(shape, data.Length), data);

    /// <summary>A string array written as <c>&lt;U</c>n, n the longest string in code points (at least 1, as NumPy does).</summary>
    public static NpyArray Of(string[] data, params int[] shape) => Strings(data, ShapeOr(shape, data.Length));

    public static NpyArray Scalar(double v) => new("<f8", [], new[] { v });
    public static NpyArray Scalar(long v) => new("<i8", [], new[] { v });
    public static NpyArray Scalar(bool v) => new("|b1", [], new[] { v });
    public static NpyArray Scalar(string v) => Strings(new[] { v }, []);

    private static NpyArray Strings(string[] data, int[] shape)
    {
        var n = 1;
        foreach (var s in data) n = Math.Max(n, CodePoints(s));
        return new("<U" + n.ToString(CultureInfo.InvariantCulture), shape, data);
    }

    /// <summary>All elements as doubles (any numeric or bool dtype).</summary>
    public double[] ToDoubleArray() => Data switch
    {
        double[] d => (double[])d.Clone(),
        float[] f => Array.ConvertAll(f, x => (double)x),
        long[] l => Array.ConvertAll(l, x => (double)x),
        int[] i => Array.ConvertAll(i, x => (double)x),
        bool[] b => Array.ConvertAll(b, x => x ? 1.0 : 0.0),
        _ => throw new InvalidCastException($"dtype {Descr} is not numeric"),
    };

    /// <summary>All elements as 64-bit integers (integer or bool dtypes; a float dtype only when every value is whole).</summary>
    public long[] ToInt64Array() => Data switch
    {
        long[] l => (long[])l.Clone(),
        int[] i => Array.ConvertAll(i, x => (long)x),
        bool[] b => Array.ConvertAll(b, x => x ? 1L : 0L),
        double[] or float[] => Array.ConvertAll(ToDoubleArray(), x => x == Math.Floor(x) && Math.Abs(x) < 9.2e18
            ? (long)x : throw new InvalidCastException($"value {x} in a {Descr} array is not an integer")),
        _ => throw new InvalidCastException($"dtype {Descr} is not an integer type"),
    };

    /// <summary>All elements as 32-bit integers (see <see cref="ToInt64Array"/>); throws when a value does not fit.</summary>
    public int[] ToInt32Array() => Array.ConvertAll(ToInt64Array(), x => x is >= int.MinValue and <= int.MaxValue
        ? (int)x : throw new InvalidCastException($"value {x} does not fit in a 32-bit integer"));

    /// <summary>All elements as booleans (bool, or integers where non-zero is true).</summary>
    public bool[] ToBoolArray() => Data switch
    {
        bool[] b => (bool[])b.Clone(),
        long[] or int[] => Array.ConvertAll(ToInt64Array(), x => x != 0),
        _ => throw new InvalidCastException($"dtype {Descr} is not boolean"),
    };

    /// <summary>All elements as strings (string dtypes only).</summary>
    public string[] ToStringArray() => Data is string[] s ? (string[])s.Clone()
        : throw new InvalidCastException($"dtype {Descr} is not a string type");

    /// <summary>The single element of a 0-d or one-element array, as a double.</summary>
    public double ScalarDouble() => Single(ToDoubleArray());
    public long ScalarInt64() => Single(ToInt64Array());
    public bool ScalarBool() => Single(ToBoolArray());
    public string ScalarString() => Single(ToStringArray());

    public override string ToString() => $"array(dtype={Descr}, shape=({string.Join(", ", Shape)}))";

    private T Single<T>(T[] values) => values.Length == 1 ? values[0]
        : throw new InvalidCastException($"expected one element, the array has shape ({string.Join(", ", Shape)})");

    private static int[] ShapeOr(int[] shape, int length) => shape.Length == 0 ? [length] : shape;

    internal static int CodePoints(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }
}
